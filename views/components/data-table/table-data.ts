/**
 * @module table-data
 * What a DataTable does to rows, as pure functions: sort (`sort_by`), filter (`filter_query`), page
 * (`page_current`, `page_size`). The table does it itself with `native` actions; a callback with
 * `custom` actions calls {@link queryRows}, or {@link memorySource} which keeps the filtered and sorted
 * order of the last queries so that a page turn costs a slice.
 */
import { FilterQueryError, matches, parseFilterQuery, type Query } from './filter-query.ts'

export type Row = Record<string, unknown>
export interface SortBy {
  column_id: string
  direction: 'asc' | 'desc'
}

/** What a page of a table is asked for: Dash's props of the same names. */
export interface TableQuery {
  page_current?: number | null
  page_size?: number | null
  sort_by?: readonly SortBy[] | null
  filter_query?: string | null
}

export interface TablePage<R extends Row = Row> {
  /** The rows of the page asked for. */
  rows: R[]
  /** Rows passing the filter. */
  total: number
  page_count: number
  /** The page shown: the one asked for, within the pages there are. */
  page_current: number
  /** Why the filter query does not parse (it is then ignored), or null. */
  error: string | null
}

/** Dash's default page size. */
export const DEFAULT_PAGE_SIZE = 250

const rank = (v: unknown) => (v === null || v === undefined || v === '' ? 2 : typeof v === 'number' ? 0 : 1)

/** Cell order: numbers, then strings (natural, locale-free), then blanks; blanks last in both directions. */
export function compareCells(a: unknown, b: unknown): number {
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) return ra - rb
  if (ra === 0) return (a as number) - (b as number)
  if (ra === 2) return 0
  const x = String(a)
  const y = String(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/** The comparator of row indexes for `sortBy` (stable: ties keep their original order). */
function indexComparator(rows: readonly Row[], sortBy: readonly SortBy[]) {
  const keys = sortBy.map((s) => ({
    values: rows.map((r) =>
      Object.prototype.hasOwnProperty.call(r, s.column_id) ? r[s.column_id] : undefined
    ),
    sign: s.direction === 'desc' ? -1 : 1,
  }))
  return (i: number, j: number) => {
    for (const k of keys) {
      const a = k.values[i]
      const b = k.values[j]
      const blank = (rank(a) === 2 ? 1 : 0) - (rank(b) === 2 ? 1 : 0)
      if (blank) return blank
      const c = compareCells(a, b)
      if (c) return c * k.sign
    }
    return i - j
  }
}

/** Indexes of `rows` passing `q`, in the order `sortBy` gives. */
export function orderIndexes(rows: readonly Row[], q: Query | null, sortBy: readonly SortBy[]): number[] {
  const idx: number[] = []
  for (let i = 0; i < rows.length; i++) if (matches(q, rows[i]!)) idx.push(i)
  if (sortBy.length) idx.sort(indexComparator(rows, sortBy))
  return idx
}

/** The filter query parsed, or the reason it does not parse. */
export function parseQuery(filter: string | null | undefined): { query: Query | null; error: string | null } {
  try {
    return { query: parseFilterQuery(filter ?? ''), error: null }
  } catch (e) {
    if (e instanceof FilterQueryError) return { query: null, error: e.message }
    throw e
  }
}

/** The page a query asks for, from indexes already filtered and sorted. */
export function pageOf<R extends Row>(
  rows: readonly R[],
  idx: ArrayLike<number>,
  q: TableQuery,
  error: string | null
): TablePage<R> {
  const size = Math.max(1, Math.floor(q.page_size ?? DEFAULT_PAGE_SIZE))
  const count = Math.max(1, Math.ceil(idx.length / size))
  const page = Math.min(Math.max(0, Math.floor(q.page_current ?? 0)), count - 1)
  const out: R[] = []
  for (let i = page * size; i < Math.min(idx.length, (page + 1) * size); i++) out.push(rows[idx[i]!]!)
  return { rows: out, total: idx.length, page_count: count, page_current: page, error }
}

/**
 * Filters, sorts and pages `rows` (a bad filter query is ignored and reported in `error`).
 * @example
 * app.callback(Output('table', 'data'), [Input('table', 'page_current'), Input('table', 'sort_by')], (page_current, sort_by) =>
 *   queryRows(ROWS, { page_current, sort_by, page_size: 20 }).rows)
 */
export function queryRows<R extends Row>(rows: readonly R[], q: TableQuery): TablePage<R> {
  const { query, error } = parseQuery(q.filter_query)
  return pageOf(rows, orderIndexes(rows, query, q.sort_by ?? []), q, error)
}

/**
 * An in-memory source for `custom` actions: {@link queryRows}, with the order of the last
 * `cacheSize` (filter, sort) pairs kept, so that turning a page of a million rows costs a slice.
 * The rows must not change while it is used.
 */
export function memorySource<R extends Row>(rows: readonly R[], { cacheSize = 8 } = {}) {
  const cache = new Map<string, { idx: number[]; error: string | null }>()
  return {
    rows,
    query(q: TableQuery): TablePage<R> {
      const key = `${q.filter_query ?? ''}\u0000${JSON.stringify(q.sort_by ?? [])}`
      let hit = cache.get(key)
      if (hit) cache.delete(key)
      else {
        const { query, error } = parseQuery(q.filter_query)
        hit = { idx: orderIndexes(rows, query, q.sort_by ?? []), error }
        if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!)
      }
      cache.set(key, hit)
      return pageOf(rows, hit.idx, q, hit.error)
    },
  }
}
