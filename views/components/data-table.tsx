/**
 * @module data-table
 * `DataTable` (Dash's dash_table.DataTable, its core): a `<table>` rendered on the server, enhanced by
 * static/components/data-table.js (keyboard navigation, editing, copy as TSV).
 *
 * - `native` actions: the server pages, sorts and filters the rows it holds (`data` travels in the
 *   signed state; a page turn re-renders the table, no callback needed). Fine for a few thousand rows.
 * - `custom` actions: `page_current`, `sort_by`, `filter_query` are Inputs; a callback answers with
 *   the rows of the new page only (`data`) and `page_count`: a million-row source stays fast.
 * - A bad `filter_query` is shown under the table, never an error page.
 * - Edits travel as the edited cells only; the server applies them to the signed rows (`data`), and
 *   `data` and `data_timestamp` fire.
 */
import { z } from 'zod'
import { MAX_TEXT, type Accepted } from '../../src/protocol/components.ts'
import { defineComponent, formAttrs, type HdAttrs } from './define.ts'
import { columnTerm, MAX_QUERY, perColumn } from './data-table/filter-query.ts'
import {
  DEFAULT_PAGE_SIZE,
  orderIndexes,
  pageOf,
  parseQuery,
  type Row,
  type SortBy,
} from './data-table/table-data.ts'

type Style = Record<string, string | number>
const style = z.record(z.string(), z.union([z.string(), z.number()]))
const cell = z.union([z.string().max(MAX_TEXT), z.number(), z.boolean(), z.null()])

/** A column: `name` shown, `id` the key of the rows, `type` and `format` for numbers. */
export interface Column {
  id: string
  name: string | string[]
  type?: 'any' | 'numeric' | 'text' | 'datetime'
  /** `specifier`: a d3-format subset (`,.2f`, `.1%`, `$,d`, `.3e`); `nully`: what a blank shows. */
  format?: { specifier?: string; nully?: string | number; locale?: Record<string, unknown> }
  /** Overrides the table's `editable` for this column. */
  editable?: boolean
}
const column: z.ZodType<Column> = z.object({
  id: z.string().max(200),
  name: z.union([z.string(), z.array(z.string())]),
  type: z.enum(['any', 'numeric', 'text', 'datetime']).optional(),
  format: z
    .object({
      specifier: z.string().max(40).optional(),
      nully: z.union([z.string(), z.number()]).optional(),
      locale: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  editable: z.boolean().optional(),
})

const sortBy = z
  .array(z.object({ column_id: z.string().max(200), direction: z.enum(['asc', 'desc']) }))
  .max(50)
  .nullable()
const activeCell = z
  .object({
    row: z.number().int().min(0),
    column: z.number().int().min(0),
    column_id: z.string().max(200),
    row_id: z.union([z.string().max(200), z.number()]).optional(),
  })
  .nullable()
const rowIds = z.array(z.union([z.string().max(200), z.number()])).max(100_000)

/** What an edit sends: the cells changed since the rows were signed, not the rows. */
const edits = z
  .array(z.object({ row: z.number().int().min(0), column_id: z.string().max(200), value: cell }))
  .max(10_000)
  .nullable()

/** Applies the browser's edits to the signed rows (`data`): the new `data`. */
function applyEdits(value: unknown, props: Record<string, unknown>): Accepted {
  const data = Array.isArray(props['data']) ? (props['data'] as Row[]) : []
  const list = (value ?? []) as z.output<typeof edits> & object
  if (!list.length) return { ok: true, value: data }
  const columns = Array.isArray(props['columns']) ? (props['columns'] as Column[]) : []
  const out = data.slice()
  for (const e of list) {
    const col = columns.find((c) => c.id === e.column_id)
    if (!col) return { ok: false, message: `there is no column '${e.column_id.slice(0, 40)}'` }
    if (e.row >= out.length) return { ok: false, message: `there is no row ${e.row}` }
    if (!editableColumn(col, props)) return { ok: false, message: `column '${col.id}' is not editable` }
    if (col.type === 'numeric' && e.value !== null && typeof e.value !== 'number')
      return { ok: false, message: `column '${col.id}' holds numbers` }
    out[e.row] = { ...out[e.row], [e.column_id]: e.value }
  }
  return { ok: true, value: out }
}

const editableColumn = (c: Column, p: Record<string, unknown>) => c.editable ?? p['editable'] === true

/** Filter boxes the user typed in, turned into the query (one implementation: this one). */
const filterWire = z.union([
  z.string().max(MAX_QUERY),
  z.object({ boxes: z.record(z.string().max(200), z.string().max(1000)) }),
])
function toQuery(value: unknown, props: Record<string, unknown>): Accepted {
  if (typeof value === 'string') return { ok: true, value }
  const boxes = (value as { boxes: Record<string, string> }).boxes
  const columns = Array.isArray(props['columns']) ? (props['columns'] as Column[]) : []
  const terms = columns
    .map((c) =>
      Object.prototype.hasOwnProperty.call(boxes, c.id)
        ? columnTerm(c.id, boxes[c.id]!, c.type === 'numeric')
        : ''
    )
    .filter(Boolean)
  return { ok: true, value: terms.join(' && ') }
}

const action = z.enum(['native', 'custom', 'none'])
const native = (p: Record<string, unknown>, k: string, byDefault: string) => (p[k] ?? byDefault) === 'native'

/**
 * @example
 * <DataTable id="table" columns={[{ name: 'City', id: 'city' }, { name: 'Pop.', id: 'pop', type: 'numeric' }]}
 *   data={rows} page_size={10} sort_action="native" filter_action="native" />
 */
export const DataTable = defineComponent({
  name: 'dash_table.DataTable',
  props: {
    columns: z.array(column).max(1000),
    data: z.array(z.record(z.string(), cell)),
    /** Rows per page (Dash's default: 250). */
    page_size: z.number().int().min(1).max(10_000),
    page_current: z.number().int().min(0).max(1e9).nullable(),
    /** With `custom` paging: how many pages there are (unknown: Next stays enabled). */
    page_count: z.number().int().min(0).nullable(),
    page_action: action,
    sort_action: action,
    sort_mode: z.enum(['single', 'multi']),
    sort_by: sortBy,
    filter_action: action,
    filter_query: z.string().max(MAX_QUERY),
    row_selectable: z.union([z.literal(false), z.enum(['single', 'multi'])]),
    selected_rows: z.array(z.number().int().min(0)).max(100_000),
    selected_row_ids: rowIds,
    active_cell: activeCell,
    editable: z.boolean(),
    data_timestamp: z.number().int().min(0).nullable(),
    style_table: style,
    style_cell: style,
    style_header: style,
    style_data: style,
  },
  browser: {
    // Without JavaScript the page and sort buttons are submit buttons posting the new value (JSON).
    page_current: {
      event: 'table-page',
      read: 'table',
      form: 'json',
      keep: true,
      rerender: (p) => native(p, 'page_action', 'native'),
    },
    sort_by: {
      event: 'table-sort',
      read: 'table',
      form: 'json',
      keep: true,
      rerender: (p) => native(p, 'sort_action', 'none'),
    },
    filter_query: {
      schema: filterWire,
      accept: toQuery,
      event: 'table-filter',
      read: 'table',
      keep: true,
      rerender: (p) => native(p, 'filter_action', 'none'),
    },
    selected_rows: { event: 'table-select', read: 'table', keep: true },
    selected_row_ids: { event: 'table-select', read: 'table', keep: true },
    active_cell: { event: 'table-cell', read: 'table' },
    data: { schema: edits, accept: applyEdits, event: 'table-edit', read: 'table', keep: true, signed: true },
    data_timestamp: {
      schema: z.number().int().min(0).max(8.64e15).nullable(),
      event: 'table-edit',
      read: 'table',
      keep: true,
    },
  },
  scripts: [new URL('../../static/components/data-table.js', import.meta.url)],
  styles: [new URL('../../static/components/data-table.css', import.meta.url)],
  render: (p) => <TableView {...(p as TableProps)} />,
})

type TableProps = Omit<Parameters<typeof DataTable>[0], 'hd' | 'id'> & HdAttrs & { id?: string }

/**
 * The sort a click on column `col`'s header asks for: none → ascending → descending → none; with
 * `multi`, the other columns' sorts are kept (as static/components/data-table.js does).
 */
export function nextSort(sort: readonly SortBy[], col: string, mode: 'single' | 'multi'): SortBy[] {
  const now = sort.find((s) => s.column_id === col)
  const next = !now ? 'asc' : now.direction === 'asc' ? 'desc' : null
  const others = mode === 'multi' ? sort.filter((s) => s.column_id !== col) : []
  return next ? [...others, { column_id: col, direction: next }] : others
}

/**
 * A page or sort button's attributes: without JavaScript, when the page's form carries `prop`, a
 * submit button posting `value` as the prop's new value; else a plain button (the script's).
 */
function actionButton(
  p: HdAttrs,
  prop: string,
  value: unknown
): { type: 'submit' | 'button'; name?: string; form?: string; value?: string } {
  const field = formAttrs(p, prop)
  return field.form ? { type: 'submit', ...field, value: JSON.stringify(value) } : { type: 'button' }
}

/** A cell's text: numbers by the column's format, blanks as its `nully`. */
export function formatCell(v: unknown, col: Column): string {
  if (v === null || v === undefined || v === '')
    return col.format?.nully === undefined ? '' : String(col.format.nully)
  if (typeof v === 'number' && col.format?.specifier) return formatNumber(v, col.format.specifier)
  return String(v)
}

/** A d3-format subset: `[$][,][.precision][f|d|%|e|s]`; anything else shows the number as it is. */
export function formatNumber(n: number, specifier: string): string {
  const m = /^(\$)?(,)?(?:\.(\d+))?([fde%])?$/.exec(specifier)
  if (!m || !Number.isFinite(n)) return String(n)
  const [, money, group, precision, type] = m
  const digits = precision === undefined ? undefined : Math.min(20, Number(precision))
  let text: string
  if (type === 'e') text = n.toExponential(digits ?? 6)
  else {
    const value = type === '%' ? n * 100 : n
    const fixed = type === 'd' ? 0 : (digits ?? (type === 'f' || type === '%' ? 6 : undefined))
    text = value.toLocaleString('en-US', {
      useGrouping: !!group,
      minimumFractionDigits: fixed,
      maximumFractionDigits: fixed ?? 12,
    })
    if (type === '%') text += '%'
  }
  return money ? (text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`) : text
}

const nameOf = (c: Column) => (Array.isArray(c.name) ? (c.name.at(-1) ?? c.id) : c.name)

function TableView(p: TableProps) {
  const columns = p.columns ?? []
  const data = (p.data ?? []) as Row[]
  const pageAction = p.page_action ?? 'native'
  const sortAction = p.sort_action ?? 'none'
  const filterAction = p.filter_action ?? 'none'
  const sort: SortBy[] = (p.sort_by ?? []) as SortBy[]
  const { query, error } = parseQuery(p.filter_query)
  const pageSize = p.page_size ?? DEFAULT_PAGE_SIZE
  // What the rows shown are: the table's own work for native actions, the callback's for custom.
  let indexes: number[]
  if (filterAction === 'native' || sortAction === 'native') {
    indexes = orderIndexes(
      data,
      filterAction === 'native' ? query : null,
      sortAction === 'native' ? sort : []
    )
  } else indexes = data.map((_, i) => i)
  let pageCurrent = p.page_current ?? 0
  let pageCount: number | null = p.page_count ?? null
  if (pageAction === 'native') {
    const page = pageOf(data, indexes, { page_current: pageCurrent, page_size: pageSize }, null)
    pageCurrent = page.page_current
    pageCount = page.page_count
    indexes = indexes.slice(pageCurrent * pageSize, (pageCurrent + 1) * pageSize)
  }
  const selectable = p.row_selectable ?? false
  const selectedRows = new Set(p.selected_rows ?? [])
  const selectedIds = new Set((p.selected_row_ids ?? []).map(String))
  const isSelected = (row: Row, i: number) =>
    row['id'] !== undefined && row['id'] !== null ? selectedIds.has(String(row['id'])) : selectedRows.has(i)
  const boxes = perColumn(query) ?? {}
  const headerStyle: Style = { ...p.style_cell, ...p.style_header }
  const dataStyle: Style = { ...p.style_cell, ...p.style_data }
  const active = p.active_cell ?? null
  const config = {
    page_action: pageAction,
    sort_action: sortAction,
    sort_mode: p.sort_mode ?? 'single',
    filter_action: filterAction,
    row_selectable: selectable,
    page_current: pageCurrent,
    page_count: pageCount,
    sort_by: sort,
    filter_query: p.filter_query ?? '',
    selected_rows: p.selected_rows ?? [],
    selected_row_ids: p.selected_row_ids ?? [],
    active_cell: active,
    data_timestamp: p.data_timestamp ?? null,
    columns: columns.map((c) => ({
      id: c.id,
      numeric: c.type === 'numeric',
      editable: editableColumn(c, p),
    })),
  }
  const label = (c: Column) => nameOf(c)
  return (
    <div
      id={p.id}
      class={['hd-table', 'dash-table-container', p.className].filter(Boolean).join(' ')}
      style={{ ...p.style, ...p.style_table }}
      data-table={JSON.stringify(config)}
      {...p.hd}
    >
      <table class="hd-table-grid">
        <thead>
          <tr>
            {selectable && (
              <th scope="col" class="hd-table-select" style={headerStyle}>
                <span class="hd-visually-hidden">Select</span>
              </th>
            )}
            {columns.map((c) => {
              const s = sort.find((x) => x.column_id === c.id)
              return (
                <th
                  scope="col"
                  data-col={c.id}
                  style={headerStyle}
                  aria-sort={s ? (s.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {sortAction !== 'none' ? (
                    <button
                      {...actionButton(p, 'sort_by', nextSort(sort, c.id, p.sort_mode ?? 'single'))}
                      class="hd-table-sort"
                      data-col={c.id}
                      aria-label={`Sort by ${label(c)}`}
                    >
                      {label(c)}{' '}
                      <span aria-hidden="true">{s ? (s.direction === 'asc' ? '▲' : '▼') : '⇅'}</span>
                    </button>
                  ) : (
                    label(c)
                  )}
                </th>
              )
            })}
          </tr>
          {filterAction !== 'none' && (
            <tr class="hd-table-filter">
              {selectable && <td />}
              {columns.map((c) => (
                <td>
                  <input
                    type="text"
                    data-col={c.id}
                    value={boxes[c.id] ?? ''}
                    placeholder="filter data…"
                    aria-label={`Filter ${label(c)}`}
                    autocomplete="off"
                  />
                </td>
              ))}
            </tr>
          )}
        </thead>
        <tbody>
          {indexes.map((i, r) => {
            const row = data[i]!
            const id = row['id']
            return (
              <tr
                data-index={String(i)}
                data-id={id === undefined || id === null ? undefined : JSON.stringify(id)}
              >
                {selectable && (
                  <td class="hd-table-select">
                    <input
                      type={selectable === 'single' ? 'radio' : 'checkbox'}
                      name={`${p.id}-select`}
                      value={String(i)}
                      checked={isSelected(row, i)}
                      aria-label={`Select row ${r + 1}`}
                    />
                  </td>
                )}
                {columns.map((c, ci) => (
                  <td
                    data-col={c.id}
                    tabindex={
                      (active ? active.row === r && active.column === ci : r === 0 && ci === 0) ? 0 : -1
                    }
                    class={
                      [
                        c.type === 'numeric' ? 'hd-num' : '',
                        active && active.row === r && active.column === ci ? 'hd-active' : '',
                      ]
                        .filter(Boolean)
                        .join(' ') || undefined
                    }
                    style={dataStyle}
                  >
                    {formatCell(row[c.id], c)}
                  </td>
                ))}
              </tr>
            )
          })}
        </tbody>
      </table>
      {indexes.length === 0 && <p class="hd-table-empty">No rows.</p>}
      {pageAction !== 'none' && (
        <nav class="hd-table-pages" aria-label="Pages">
          <button
            {...actionButton(p, 'page_current', 0)}
            data-page="0"
            disabled={pageCurrent === 0}
            aria-label="First page"
          >
            «
          </button>
          <button
            {...actionButton(p, 'page_current', Math.max(0, pageCurrent - 1))}
            data-page={String(pageCurrent - 1)}
            disabled={pageCurrent === 0}
            aria-label="Previous page"
          >
            ‹
          </button>
          <span class="hd-table-page">
            Page {pageCurrent + 1}
            {pageCount !== null ? ` of ${pageCount}` : ''}
          </span>
          <button
            {...actionButton(p, 'page_current', pageCurrent + 1)}
            data-page={String(pageCurrent + 1)}
            disabled={pageCount !== null && pageCurrent + 1 >= pageCount}
            aria-label="Next page"
          >
            ›
          </button>
          {pageCount !== null && (
            <button
              {...actionButton(p, 'page_current', Math.max(0, pageCount - 1))}
              data-page={String(Math.max(0, pageCount - 1))}
              disabled={pageCurrent + 1 >= pageCount}
              aria-label="Last page"
            >
              »
            </button>
          )}
        </nav>
      )}
      {error && (
        <p class="hd-table-error" role="alert">
          Invalid filter query: {error}
        </p>
      )}
    </div>
  )
}

export type DataTableProps = Omit<Parameters<typeof DataTable>[0], 'hd'>
