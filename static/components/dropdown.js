// dcc.Dropdown's browser half (views/components/dropdown.tsx), served as an ES module.
//
// The server renders a native <select> (the value the browser sends, read by the built-in `value`
// reader) and, when the dropdown is searchable or multi, a combobox next to it (WAI-ARIA APG: an
// input with role=combobox, a role=listbox popup, chips, a clear button). This module shows the
// combobox instead of the <select>, keeps both in step, and handles mouse and keyboard:
// arrows move the active option, Enter picks it, Escape closes, Backspace removes the last chip.
//
// A callback that changes the dropdown re-renders it and the extension morphs it in place: the
// popup's state (open, active option, filter) lives here and a MutationObserver puts it back.
// The search text is announced with the `hd-dropdown-search` event (the `search_value` Input).

const ROOT = '.hd-dropdown'
const SEARCH_EVENT = 'hd-dropdown-search'

document.documentElement.classList.add('hd-dropdown-js')

// ─── state and parts ───────────────────────────────────────────────────────────────────────
/** root element → { open, active: value of the active option or null } */
const states = new WeakMap()
function stateOf(root) {
  let s = states.get(root)
  if (!s) states.set(root, (s = { open: false, active: null }))
  return s
}

const partsOf = (root) => ({
  select: root.querySelector(':scope > select.hd-dropdown-native'),
  input: root.querySelector('.hd-dropdown-input'),
  listbox: root.querySelector('.hd-dropdown-listbox'),
  chips: root.querySelector('.hd-dropdown-chips'),
  single: root.querySelector('.hd-dropdown-single'),
  clear: root.querySelector('.hd-dropdown-clear'),
  empty: root.querySelector('.hd-dropdown-empty'),
})
const optionsOf = (root) => [...root.querySelectorAll('.hd-dropdown-listbox > [role=option]')]
const valueOf = (li) => li.getAttribute('data-value')
const isDisabled = (li) => li.getAttribute('aria-disabled') === 'true'
const isCombo = (root) => root.classList.contains('hd-dropdown-combo')
const clearable = (root) => root.getAttribute('data-clearable') !== 'false'
/** The options a user can reach now: shown by the filter and not disabled. */
const reachable = (root) => optionsOf(root).filter((li) => !li.hidden && !isDisabled(li))

/** The selected values of the <select> (its empty "no value" option is none). */
const selectedValues = (select) =>
  [...select.options].filter((o) => o.selected && (select.multiple || o.value !== '')).map((o) => o.value)
const optionFor = (select, v) => [...select.options].find((o) => o.value === v)

// Writes only what differs, so the observer's second look at its own changes finds nothing to do.
function setAttr(el, name, value) {
  if (!el) return
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name)
  } else if (el.getAttribute(name) !== value) el.setAttribute(name, value)
}
function setHidden(el, hidden) {
  if (el && el.hidden !== hidden) el.hidden = hidden
}
function setClass(el, name, on) {
  if (el && el.classList.contains(name) !== on) el.classList.toggle(name, on)
}

/** Dash's search: every word typed is in the option's label, value or `search` text. */
function matches(li, query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (!words.length) return true
  const text = `${li.textContent} ${valueOf(li)} ${li.getAttribute('data-search') || ''}`.toLowerCase()
  return words.every((w) => text.includes(w))
}

// ─── rendering the state ───────────────────────────────────────────────────────────────────
/** A `<label for>` naming the component names its control (the id is on the wrapper). */
function labelFromFor(root, controls) {
  if (!root.id) return
  const label = document.querySelector(`label[for="${CSS.escape(root.id)}"]`)
  if (!label) return
  if (!label.id) label.id = `${root.id}--label`
  for (const c of controls) setAttr(c, 'aria-labelledby', label.id)
}

function chip(v, li, disabled) {
  const item = document.createElement('li')
  item.className = 'hd-dropdown-chip'
  item.setAttribute('data-value', v)
  const text = document.createElement('span')
  text.className = 'hd-dropdown-chip-label'
  if (li) text.append(...li.cloneNode(true).childNodes)
  const remove = document.createElement('button')
  remove.type = 'button'
  remove.className = 'hd-dropdown-chip-remove'
  remove.setAttribute('aria-label', `Remove ${li ? li.textContent : v}`)
  remove.disabled = disabled
  remove.textContent = '×'
  item.append(text, remove)
  return item
}

/** Makes the combobox show the <select>'s value and this module's state (open, active, filter). */
function sync(root) {
  const p = partsOf(root)
  labelFromFor(root, [p.select, p.input])
  if (!isCombo(root) || !p.select || !p.input || !p.listbox) return
  const s = stateOf(root)
  if (p.select.disabled) s.open = false
  const values = selectedValues(p.select)
  const query = p.input.readOnly ? '' : p.input.value
  const options = optionsOf(root)
  let shown = 0
  let active = null
  for (const li of options) {
    const v = valueOf(li)
    const show = matches(li, query)
    setAttr(li, 'aria-selected', values.includes(v) ? 'true' : 'false')
    setHidden(li, !show)
    if (show) shown++
    if (show && s.open && v === s.active && !isDisabled(li)) active = li
  }
  if (!active) s.active = null
  for (const li of options) setClass(li, 'hd-active', li === active)
  setAttr(p.input, 'aria-activedescendant', active ? active.id : null)
  setAttr(p.input, 'aria-expanded', s.open ? 'true' : 'false')
  setHidden(p.listbox, !s.open)
  setHidden(p.empty, !(s.open && shown === 0))
  setClass(root, 'hd-open', s.open)

  const liFor = (v) => options.find((li) => valueOf(li) === v)
  if (p.chips) {
    const now = [...p.chips.children].map(valueOf)
    if (now.length !== values.length || now.some((v, i) => v !== values[i]))
      p.chips.replaceChildren(...values.map((v) => chip(v, liFor(v), p.select.disabled)))
  }
  if (p.single) {
    const li = values.length ? liFor(values[0]) : null
    if (li && p.single.textContent !== li.textContent)
      p.single.replaceChildren(...li.cloneNode(true).childNodes)
    setHidden(p.single, !li || query !== '')
  }
  setAttr(p.input, 'placeholder', values.length ? null : p.input.getAttribute('data-placeholder') || null)
  setHidden(p.clear, !(clearable(root) && values.length > 0))
}

// ─── actions ───────────────────────────────────────────────────────────────────────────────
/** The value changed: the <select> fires `change`, the component's trigger sends it. */
const commit = (select) => select.dispatchEvent(new Event('change', { bubbles: true }))
const announceSearch = (root) => root.dispatchEvent(new Event(SEARCH_EVENT))

function open(root) {
  stateOf(root).open = true
  sync(root)
}

/** Closes the popup and, as Dash does, empties the search (announced when it had text). */
function close(root) {
  const s = stateOf(root)
  const { input } = partsOf(root)
  s.open = false
  s.active = null
  const had = input && !input.readOnly && input.value !== ''
  if (had) input.value = ''
  sync(root)
  if (had) announceSearch(root)
}

/** Picks an option: single replaces the value and closes; multi adds or removes it. */
function pick(root, li) {
  const { select, input } = partsOf(root)
  if (!li || isDisabled(li) || select.disabled) return
  const v = valueOf(li)
  const opt = optionFor(select, v)
  if (!opt) return
  const s = stateOf(root)
  let changed = true
  if (select.multiple) {
    // Without `clearable`, the last value stays (Dash).
    if (opt.selected && !clearable(root) && selectedValues(select).length === 1) changed = false
    else opt.selected = !opt.selected
    s.active = v
  } else {
    changed = !opt.selected
    opt.selected = true
    s.open = false
    s.active = null
  }
  // The search text goes with the pick; the request carries it (now empty) as a kept value.
  input.value = ''
  sync(root)
  if (changed) commit(select)
}

function removeValue(root, v) {
  const { select } = partsOf(root)
  const opt = optionFor(select, v)
  if (!opt || !opt.selected || select.disabled) return
  if (!clearable(root) && selectedValues(select).length === 1) return
  opt.selected = false
  sync(root)
  commit(select)
}

function clearAll(root) {
  const { select } = partsOf(root)
  if (select.disabled || !clearable(root) || selectedValues(select).length === 0) return
  for (const o of select.options) o.selected = !select.multiple && o.value === ''
  sync(root)
  commit(select)
}

function setActive(root, li) {
  stateOf(root).active = li ? valueOf(li) : null
  sync(root)
  if (li) li.scrollIntoView({ block: 'nearest' })
}

// ─── keyboard ──────────────────────────────────────────────────────────────────────────────
function onKey(e, root, input) {
  const s = stateOf(root)
  const { select } = partsOf(root)
  if (select.disabled || e.isComposing) return
  const list = reachable(root)
  const at = list.findIndex((li) => valueOf(li) === s.active)
  switch (e.key) {
    case 'ArrowDown':
    case 'ArrowUp': {
      e.preventDefault()
      const down = e.key === 'ArrowDown'
      if (!s.open) {
        open(root)
        const now = reachable(root)
        const sel = select.multiple ? null : now.find((li) => li.getAttribute('aria-selected') === 'true')
        if (!e.altKey) setActive(root, sel || (down ? now[0] : now[now.length - 1]))
        return
      }
      if (!list.length) return
      const next = at < 0 ? (down ? 0 : list.length - 1) : (at + (down ? 1 : -1) + list.length) % list.length
      setActive(root, list[next])
      return
    }
    case 'Home':
    case 'End':
      // In a search box they move the caret; in a read-only one they go to the first or last option.
      if (!s.open || !input.readOnly || !list.length) return
      e.preventDefault()
      setActive(root, e.key === 'Home' ? list[0] : list[list.length - 1])
      return
    case 'Enter':
    case ' ': {
      if (e.key === ' ' && !input.readOnly) return
      e.preventDefault()
      if (!s.open) return open(root)
      const li = at >= 0 ? list[at] : input.value.trim() ? list[0] : null
      if (li) pick(root, li)
      return
    }
    case 'Escape':
      if (!s.open && input.value === '') return
      e.preventDefault()
      close(root)
      return
    case 'Backspace': {
      if (input.value !== '') return
      const values = selectedValues(select)
      if (!values.length) return
      e.preventDefault()
      if (select.multiple) removeValue(root, values[values.length - 1])
      else clearAll(root)
      return
    }
    case 'Tab':
      if (s.open) close(root)
      return
  }
}

// ─── events, delegated ─────────────────────────────────────────────────────────────────────
const comboOf = (t) => {
  const root = t instanceof Element ? t.closest(ROOT) : null
  return root && isCombo(root) ? root : null
}

document.addEventListener('keydown', (e) => {
  const root = comboOf(e.target)
  if (root && e.target.matches('.hd-dropdown-input')) onKey(e, root, e.target)
})

document.addEventListener('input', (e) => {
  const root = comboOf(e.target)
  if (!root || !e.target.matches('.hd-dropdown-input')) return
  const s = stateOf(root)
  s.open = true
  s.active = null
  sync(root)
  if (e.target.value.trim()) setActive(root, reachable(root)[0])
  announceSearch(root)
})

// The search box's own `change` (on blur) is not a change of the value: keep it from the trigger.
document.addEventListener(
  'change',
  (e) => {
    if (comboOf(e.target) && e.target.matches('.hd-dropdown-input')) e.stopPropagation()
  },
  true
)

// Clicks in the popup and on the buttons keep the focus in the search box.
document.addEventListener('mousedown', (e) => {
  const root = comboOf(e.target)
  if (!root || e.target.matches('.hd-dropdown-input')) return
  if (e.target.closest('.hd-dropdown-ui')) e.preventDefault()
})

document.addEventListener('click', (e) => {
  const t = e.target instanceof Element ? e.target : null
  const label = t && t.closest('label[for]')
  if (label) {
    const target = document.getElementById(label.getAttribute('for'))
    if (target && target.matches(ROOT)) {
      const { select, input } = partsOf(target)
      const control = isCombo(target) ? input : select
      if (control && !control.disabled) control.focus()
    }
    return
  }
  const root = comboOf(t)
  if (!root || !t.closest('.hd-dropdown-ui')) return
  const { input, select } = partsOf(root)
  if (select.disabled) return
  const s = stateOf(root)
  const option = t.closest('[role=option]')
  const remove = t.closest('.hd-dropdown-chip-remove')
  if (option) pick(root, option)
  else if (remove) removeValue(root, valueOf(remove.closest('.hd-dropdown-chip')))
  else if (t.closest('.hd-dropdown-clear')) clearAll(root)
  else if (t === input) s.open && input.readOnly ? close(root) : open(root)
  else if (t.closest('.hd-dropdown-control')) s.open ? close(root) : open(root)
  if (document.activeElement !== input) input.focus()
})

document.addEventListener('focusout', (e) => {
  const root = comboOf(e.target)
  if (!root || root.contains(e.relatedTarget)) return
  if (stateOf(root).open || partsOf(root).input.value) close(root)
})

// ─── re-renders ────────────────────────────────────────────────────────────────────────────
// A morph puts the server's markup back (popup closed, no filter): put this module's state back.
// Observer callbacks run before the browser paints, so nothing flickers.
new MutationObserver((records) => {
  const roots = new Set()
  for (const r of records) {
    const el = r.target.nodeType === 1 ? r.target : r.target.parentElement
    const root = el && el.closest(ROOT)
    if (root) roots.add(root)
    for (const n of r.addedNodes) {
      if (n.nodeType !== 1) continue
      if (n.matches(ROOT)) roots.add(n)
      for (const inner of n.querySelectorAll(ROOT)) roots.add(inner)
    }
  }
  for (const root of roots) if (root.isConnected) sync(root)
}).observe(document.documentElement, { subtree: true, childList: true, attributes: true })

for (const root of document.querySelectorAll(ROOT)) sync(root)

// The `search_value` reader: the search box's text, null when empty.
const hd = (window.hyperdash = window.hyperdash || {})
hd.readers = hd.readers || {}
hd.readers['dropdown-search'] = (el) => {
  const input = el.querySelector('.hd-dropdown-input')
  return input && !input.readOnly && input.value !== '' ? input.value : null
}
