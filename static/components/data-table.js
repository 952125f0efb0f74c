/**
 * DataTable in the browser (views/components/data-table.tsx): the table is the server's HTML; this
 * module turns the user's actions into its browser-owned props and tells htmx (the element's
 * `hx-trigger` lists the events): sorting (`table-sort`), paging (`table-page`), the filter boxes
 * (`table-filter`), row selection (`table-select`), the active cell (`table-cell`) and edits
 * (`table-edit`). Keyboard: arrows move the active cell, Shift+arrows select a range, Enter or F2
 * edits (Enter commits, Escape cancels), Ctrl+C copies the cell or the range as TSV.
 */
const ROOT = '.hd-table'

/** The table's state: the server's values (`data-table`), then the user's changes since. */
function state(el) {
  const text = el.getAttribute('data-table') || '{}'
  const signed = el.getAttribute('data-hd')
  let st = el.__hdTable
  if (!st || st.text !== text || st.signed !== signed) {
    let cfg = {}
    try {
      cfg = JSON.parse(text)
    } catch {}
    const keep = st && st.signed === signed
    st = el.__hdTable = Object.assign(cfg, {
      text,
      signed,
      // Edits are applied to the signed rows: once the server signs new rows, they hold them.
      edits: keep ? st.edits : [],
      boxes: null,
      anchor: keep ? st.anchor : null,
      active_cell: (keep && st.active_cell) || cfg.active_cell || null,
    })
  }
  return st
}

const fire = (el, name) => el.dispatchEvent(new Event(name))

const hd = (window.hyperdash = window.hyperdash || {})
hd.readers = hd.readers || {}
hd.readers.table = (el, prop) => {
  const st = state(el)
  if (prop === 'filter_query') return st.boxes ? { boxes: st.boxes } : st.filter_query
  if (prop === 'data') return st.edits
  return prop in st ? st[prop] : null
}

// ─── geometry ──────────────────────────────────────────────────────────────────────────────
const dataCells = (tr) => [...tr.children].filter((td) => td.hasAttribute('data-col'))
const bodyRows = (el) => [...el.querySelectorAll(':scope > table > tbody > tr')]
const cellAt = (el, r, c) => {
  const tr = bodyRows(el)[r]
  return tr ? dataCells(tr)[c] || null : null
}
function position(td) {
  const tr = td.parentElement
  return { row: bodyRows(td.closest(ROOT)).indexOf(tr), column: dataCells(tr).indexOf(td) }
}
const rowId = (tr) => {
  const raw = tr.getAttribute('data-id')
  if (raw === null) return undefined
  try {
    return JSON.parse(raw)
  } catch {
    return raw
  }
}

/** Marks the active cell and the selected range; the active cell takes the tab stop. */
function paint(el) {
  const st = state(el)
  for (const td of el.querySelectorAll('td.hd-active, td.hd-selected'))
    td.classList.remove('hd-active', 'hd-selected')
  const a = st.active_cell
  const cells = el.querySelectorAll('tbody td[data-col]')
  if (!a || !cellAt(el, a.row, a.column)) return
  for (const td of cells) td.tabIndex = -1
  const active = cellAt(el, a.row, a.column)
  active.classList.add('hd-active')
  active.tabIndex = 0
  const b = st.anchor || a
  for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++)
    for (let c = Math.min(a.column, b.column); c <= Math.max(a.column, b.column); c++) {
      const td = cellAt(el, r, c)
      if (td) td.classList.add('hd-selected')
    }
}

function activate(el, td, extend) {
  const st = state(el)
  const { row, column } = position(td)
  const tr = td.parentElement
  const prev = st.active_cell
  if (extend) st.anchor = st.anchor || prev
  else st.anchor = null
  const cell = { row, column, column_id: td.getAttribute('data-col') }
  const id = rowId(tr)
  if (id !== undefined) cell.row_id = id
  st.active_cell = cell
  paint(el)
  if (document.activeElement !== td) td.focus()
  if (!prev || prev.row !== row || prev.column !== column) fire(el, 'table-cell')
}

// ─── editing ───────────────────────────────────────────────────────────────────────────────
function columnOf(el, id) {
  return (state(el).columns || []).find((c) => c.id === id) || { id, numeric: false, editable: false }
}

function edit(el, td) {
  const col = columnOf(el, td.getAttribute('data-col'))
  if (!col.editable || td.querySelector('input')) return
  const before = td.textContent
  const input = document.createElement('input')
  input.type = 'text'
  input.value = before
  input.className = 'hd-table-edit'
  input.setAttribute('aria-label', `Edit ${col.id}`)
  td.replaceChildren(input)
  input.focus()
  input.select()
  let done = false
  const finish = (commit) => {
    if (done) return
    done = true
    const text = input.value
    td.replaceChildren(document.createTextNode(commit ? text : before))
    td.focus()
    if (!commit || text === before) return
    let value = text
    if (col.numeric) value = text.trim() === '' ? null : Number(text)
    if (typeof value === 'number' && !Number.isFinite(value)) {
      td.textContent = before
      td.classList.add('hd-invalid')
      return
    }
    td.classList.remove('hd-invalid')
    const st = state(el)
    const row = Number(td.parentElement.getAttribute('data-index'))
    st.edits = st.edits.filter((e) => !(e.row === row && e.column_id === col.id))
    st.edits.push({ row, column_id: col.id, value })
    st.data_timestamp = Date.now()
    fire(el, 'table-edit')
  }
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') (e.preventDefault(), e.stopPropagation(), finish(true))
    else if (e.key === 'Escape') (e.preventDefault(), e.stopPropagation(), finish(false))
    else e.stopPropagation()
  })
  input.addEventListener('blur', () => finish(true))
}

// ─── user actions ──────────────────────────────────────────────────────────────────────────
function sortBy(st, col) {
  const now = (st.sort_by || []).find((s) => s.column_id === col)
  const next = !now ? 'asc' : now.direction === 'asc' ? 'desc' : null
  const others = st.sort_mode === 'multi' ? (st.sort_by || []).filter((s) => s.column_id !== col) : []
  return next ? [...others, { column_id: col, direction: next }] : others
}

function boxesOf(el) {
  const boxes = {}
  for (const input of el.querySelectorAll('.hd-table-filter input[data-col]'))
    if (input.value.trim()) boxes[input.getAttribute('data-col')] = input.value
  return boxes
}

function selectionOf(el) {
  const st = state(el)
  const inputs = [...el.querySelectorAll('tbody td.hd-table-select input')]
  const key = (id) => JSON.stringify(id ?? null)
  const here = new Set(inputs.map((i) => Number(i.value)))
  const hereIds = new Set(inputs.map((i) => key(rowId(i.closest('tr')))))
  const checked = inputs.filter((i) => i.checked)
  const on = new Set(checked.map((i) => Number(i.value)))
  const onIds = new Set(checked.map((i) => key(rowId(i.closest('tr')))))
  if (st.row_selectable === 'single') {
    const id = checked.length ? rowId(checked[0].closest('tr')) : undefined
    return { rows: [...on], ids: id === undefined ? [] : [id] }
  }
  // Kept in the order they were selected: those still selected (or on other pages), then new ones.
  const rows = (st.selected_rows || []).filter((i) => !here.has(i) || on.has(i))
  const ids = (st.selected_row_ids || []).filter((id) => !hereIds.has(key(id)) || onIds.has(key(id)))
  for (const i of checked) {
    const n = Number(i.value)
    if (!rows.includes(n)) rows.push(n)
    const id = rowId(i.closest('tr'))
    if (id !== undefined && !ids.some((x) => key(x) === key(id))) ids.push(id)
  }
  return { rows, ids }
}

document.addEventListener('click', (e) => {
  const t = e.target instanceof Element ? e.target : null
  const el = t && t.closest(ROOT)
  if (!el) return
  const st = state(el)
  // These buttons submit the page's form when scripts are off; here the update is ours (and the
  // form's submission, with its validation of unrelated fields, must not start).
  const sort = t.closest('.hd-table-sort')
  if (sort) {
    e.preventDefault()
    st.sort_by = sortBy(st, sort.getAttribute('data-col'))
    return fire(el, 'table-sort')
  }
  const page = t.closest('.hd-table-pages button[data-page]')
  if (page && !page.disabled) {
    e.preventDefault()
    st.page_current = Math.max(0, Number(page.getAttribute('data-page')) || 0)
    return fire(el, 'table-page')
  }
  const td = t.closest('tbody td[data-col]')
  if (td && !td.querySelector('input')) activate(el, td, e.shiftKey)
})

document.addEventListener('dblclick', (e) => {
  const td = e.target instanceof Element && e.target.closest(`${ROOT} tbody td[data-col]`)
  if (td) edit(td.closest(ROOT), td)
})

document.addEventListener('change', (e) => {
  const t = e.target instanceof Element ? e.target : null
  const el = t && t.closest(ROOT)
  if (!el) return
  const st = state(el)
  if (t.closest('.hd-table-filter')) {
    const boxes = boxesOf(el)
    if (JSON.stringify(boxes) === JSON.stringify(st.boxes)) return
    st.boxes = boxes
    return fire(el, 'table-filter')
  }
  if (t.closest('td.hd-table-select')) {
    const { rows, ids } = selectionOf(el)
    st.selected_rows = rows
    st.selected_row_ids = ids
    fire(el, 'table-select')
  }
})

const MOVES = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }
document.addEventListener('keydown', (e) => {
  const t = e.target instanceof Element ? e.target : null
  const el = t && t.closest(ROOT)
  if (!el) return
  if (t.matches('.hd-table-filter input') && e.key === 'Enter') {
    e.preventDefault()
    return t.dispatchEvent(new Event('change', { bubbles: true }))
  }
  const td = t.closest('tbody td[data-col]')
  if (!td || t !== td) return
  const move = MOVES[e.key]
  if (move) {
    e.preventDefault()
    const { row, column } = position(td)
    const next = cellAt(el, row + move[0], column + move[1])
    if (next) activate(el, next, e.shiftKey)
  } else if (e.key === 'Enter' || e.key === 'F2') {
    e.preventDefault()
    edit(el, td)
  }
})

/** Ctrl+C in the table: the active cell, or the selected range, as tab-separated values. */
document.addEventListener('copy', (e) => {
  const td =
    document.activeElement &&
    document.activeElement.closest &&
    document.activeElement.closest('tbody td[data-col]')
  const el = td && td.closest(ROOT)
  if (!el || td.querySelector('input')) return
  const st = state(el)
  const a = st.active_cell || position(td)
  const b = st.anchor || a
  const lines = []
  for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++) {
    const cells = []
    for (let c = Math.min(a.column, b.column); c <= Math.max(a.column, b.column); c++) {
      const cell = cellAt(el, r, c)
      cells.push(cell ? cell.textContent.replace(/[\t\n\r]+/g, ' ') : '')
    }
    lines.push(cells.join('\t'))
  }
  e.clipboardData.setData('text/plain', lines.join('\n'))
  e.preventDefault()
})

// After the server renders the table again (a morph), the active cell is marked again.
new MutationObserver((records) => {
  for (const r of records) if (r.target instanceof Element && r.target.matches(ROOT)) paint(r.target)
}).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['data-table'] })
