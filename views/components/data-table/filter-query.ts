/**
 * @module filter-query
 * Dash DataTable's filter query language, parsed safely (no eval, bounded length and depth) into a
 * tree and evaluated against rows:
 *
 *   {pop} > 5000000 && {continent} contains "Eu"
 *   ({year} >= 2000 or {year} < 1960) and not {country} is blank
 *
 * - columns: `{any column id}`, or a bare word (`pop`) before an operator;
 * - relational operators: `=` `eq`, `!=` `ne`, `<` `lt`, `<=` `le`, `>` `gt`, `>=` `ge`, `contains`,
 *   `datestartswith`; `i` or `s` in front of a word operator makes it case-insensitive or -sensitive
 *   (`icontains`, `ieq`; default: sensitive);
 * - unary operators: `is blank`, `is nil`, `is bool`, `is num`, `is str`, `is even`, `is odd`,
 *   `is object`, `is prime`, each also as `is not …`;
 * - values: numbers, quoted strings (`"…"`, `'…'`, `` `…` ``, with `\` escapes), bare words;
 * - logic: `&&` `and`, `||` `or`, `!` `not`, parentheses.
 */

/** Longest query parsed (characters) and deepest nesting: anything beyond is an error, not work. */
export const MAX_QUERY = 4000
const MAX_DEPTH = 50

export type Relational = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'contains' | 'datestartswith'
export type Unary = 'blank' | 'nil' | 'bool' | 'num' | 'str' | 'even' | 'odd' | 'object' | 'prime'

export type Query =
  | { kind: 'rel'; column: string; op: Relational; value: string | number; caseInsensitive: boolean }
  | { kind: 'is'; column: string; test: Unary; negate: boolean }
  | { kind: 'and' | 'or'; left: Query; right: Query }
  | { kind: 'not'; operand: Query }

/** A query that does not parse: `message` says where and what was expected. */
export class FilterQueryError extends Error {
  override name = 'FilterQueryError'
  constructor(
    message: string,
    readonly at: number
  ) {
    super(message)
  }
}

const SYMBOLS: Record<string, Relational> = {
  '=': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
}
const WORDS: Record<string, Relational> = {
  eq: 'eq',
  ne: 'ne',
  lt: 'lt',
  le: 'le',
  gt: 'gt',
  ge: 'ge',
  contains: 'contains',
  datestartswith: 'datestartswith',
}
const UNARY = new Set<Unary>(['blank', 'nil', 'bool', 'num', 'str', 'even', 'odd', 'object', 'prime'])

type Token =
  | { t: 'col'; v: string; at: number }
  | { t: 'str'; v: string; at: number }
  | { t: 'num'; v: number; raw: string; at: number }
  | { t: 'word'; v: string; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: '(' | ')' | 'end'; at: number }

function tokenize(src: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]!
    if (/\s/.test(c)) {
      i++
      continue
    }
    const at = i
    if (c === '(' || c === ')') {
      out.push({ t: c, at })
      i++
    } else if (c === '{') {
      const end = src.indexOf('}', i + 1)
      if (end < 0) throw new FilterQueryError(`Unclosed '{' at ${at + 1}: write a column as {column id}.`, at)
      out.push({ t: 'col', v: src.slice(i + 1, end), at })
      i = end + 1
    } else if (c === '"' || c === "'" || c === '`') {
      let v = ''
      let j = i + 1
      for (; j < src.length && src[j] !== c; j++) v += src[j] === '\\' ? (src[++j] ?? '') : src[j]
      if (j >= src.length)
        throw new FilterQueryError(`Unclosed ${c} at ${at + 1}: close the string with ${c}.`, at)
      out.push({ t: 'str', v, at })
      i = j + 1
    } else if (src.startsWith('&&', i) || src.startsWith('||', i)) {
      out.push({ t: 'op', v: src.slice(i, i + 2), at })
      i += 2
    } else if (/[<>!=]/.test(c)) {
      const two = src.slice(i, i + 2)
      const op = two in SYMBOLS ? two : c in SYMBOLS || c === '!' ? c : null
      if (!op) throw new FilterQueryError(`Unexpected '${c}' at ${at + 1}.`, at)
      out.push({ t: 'op', v: op, at })
      i += op.length
    } else {
      const m = /^[^\s(){}"'`<>!=&|]+/.exec(src.slice(i))
      if (!m) throw new FilterQueryError(`Unexpected '${c}' at ${at + 1}.`, at)
      const raw = m[0]
      const n = Number(raw)
      if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw) && Number.isFinite(n))
        out.push({ t: 'num', v: n, raw, at })
      else out.push({ t: 'word', v: raw, at })
      i += raw.length
    }
  }
  out.push({ t: 'end', at: src.length })
  return out
}

const describe = (t: Token) =>
  t.t === 'end' ? 'the end of the query' : `'${'v' in t ? String(t.v) : t.t}' at ${t.at + 1}`

/** Parses a query; '' (or only spaces) is null: no filter. Throws {@link FilterQueryError}. */
export function parseFilterQuery(src: string): Query | null {
  if (src.length > MAX_QUERY)
    throw new FilterQueryError(`The filter query is longer than ${MAX_QUERY} characters.`, MAX_QUERY)
  const tokens = tokenize(src)
  if (tokens.length === 1) return null
  let pos = 0
  const peek = () => tokens[pos]!
  const next = () => tokens[pos++]!
  const isWord = (t: Token, ...w: string[]) => t.t === 'word' && w.includes(t.v.toLowerCase())

  function or(depth: number): Query {
    let left = and(depth)
    while ((peek().t === 'op' && (peek() as { v: string }).v === '||') || isWord(peek(), 'or')) {
      next()
      left = { kind: 'or', left, right: and(depth) }
    }
    return left
  }
  function and(depth: number): Query {
    let left = not(depth)
    while ((peek().t === 'op' && (peek() as { v: string }).v === '&&') || isWord(peek(), 'and')) {
      next()
      left = { kind: 'and', left, right: not(depth) }
    }
    return left
  }
  function not(depth: number): Query {
    if (depth > MAX_DEPTH)
      throw new FilterQueryError(`The filter query nests deeper than ${MAX_DEPTH} levels.`, peek().at)
    const t = peek()
    if ((t.t === 'op' && t.v === '!') || isWord(t, 'not')) {
      next()
      return { kind: 'not', operand: not(depth + 1) }
    }
    if (t.t === '(') {
      next()
      const inner = or(depth + 1)
      const close = next()
      if (close.t !== ')') throw new FilterQueryError(`Expected ')' but found ${describe(close)}.`, close.at)
      return inner
    }
    return term()
  }
  function term(): Query {
    const c = next()
    if (c.t !== 'col' && c.t !== 'word')
      throw new FilterQueryError(`Expected a column such as {price} but found ${describe(c)}.`, c.at)
    const column = c.v
    const o = next()
    if (isWord(o, 'is')) {
      let negate = false
      let w = next()
      if (isWord(w, 'not')) ((negate = true), (w = next()))
      if (w.t !== 'word' || !UNARY.has(w.v.toLowerCase() as Unary))
        throw new FilterQueryError(
          `Expected blank, nil, num, str, bool, even, odd, object or prime after 'is' but found ${describe(w)}.`,
          w.at
        )
      return { kind: 'is', column, test: w.v.toLowerCase() as Unary, negate }
    }
    let op: Relational | undefined
    let caseInsensitive = false
    if (o.t === 'op') op = SYMBOLS[o.v]
    else if (o.t === 'word') {
      const w = o.v.toLowerCase()
      op = WORDS[w]
      if (!op && /^[is]/.test(w) && WORDS[w.slice(1)]) {
        op = WORDS[w.slice(1)]
        caseInsensitive = w[0] === 'i'
      }
    }
    if (!op)
      throw new FilterQueryError(
        `Expected an operator (=, !=, <, <=, >, >=, contains, datestartswith, is …) after {${column}} but found ${describe(o)}.`,
        o.at
      )
    const v = next()
    if (v.t !== 'str' && v.t !== 'num' && v.t !== 'word')
      throw new FilterQueryError(
        `Expected a value after '${'v' in o ? o.v : ''}' but found ${describe(v)}.`,
        v.at
      )
    return { kind: 'rel', column, op, value: v.t === 'num' ? v.v : v.v, caseInsensitive }
  }

  const q = or(0)
  const rest = peek()
  if (rest.t !== 'end') throw new FilterQueryError(`Expected && or || before ${describe(rest)}.`, rest.at)
  return q
}

type Cell = unknown

const isNum = (v: Cell): v is number => typeof v === 'number' && Number.isFinite(v)
const asNumber = (v: Cell): number | null =>
  isNum(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null

function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false
  return true
}

function compare(cell: Cell, value: string | number, ci: boolean): number | null {
  const a = asNumber(cell)
  const b = asNumber(value)
  if (a !== null && b !== null && (isNum(cell) || typeof value === 'number')) return a - b
  if (cell === null || cell === undefined) return null
  let x = String(cell)
  let y = String(value)
  if (ci) ((x = x.toLowerCase()), (y = y.toLowerCase()))
  return x < y ? -1 : x > y ? 1 : 0
}

/** True when `row` passes the query (null: every row does). */
export function matches(q: Query | null, row: Record<string, unknown>): boolean {
  if (!q) return true
  switch (q.kind) {
    case 'and':
      return matches(q.left, row) && matches(q.right, row)
    case 'or':
      return matches(q.left, row) || matches(q.right, row)
    case 'not':
      return !matches(q.operand, row)
    case 'is': {
      const v = Object.prototype.hasOwnProperty.call(row, q.column) ? row[q.column] : undefined
      const r = unary(q.test, v)
      return q.negate ? !r : r
    }
    case 'rel': {
      const v = Object.prototype.hasOwnProperty.call(row, q.column) ? row[q.column] : undefined
      if (q.op === 'contains' || q.op === 'datestartswith') {
        if (v === null || v === undefined) return false
        let s = String(v)
        let w = String(q.value)
        if (q.caseInsensitive) ((s = s.toLowerCase()), (w = w.toLowerCase()))
        return q.op === 'contains' ? s.includes(w) : s.startsWith(w)
      }
      const c = compare(v, q.value, q.caseInsensitive)
      if (c === null) return q.op === 'ne'
      switch (q.op) {
        case 'eq':
          return c === 0
        case 'ne':
          return c !== 0
        case 'lt':
          return c < 0
        case 'le':
          return c <= 0
        case 'gt':
          return c > 0
        case 'ge':
          return c >= 0
      }
    }
  }
}

function unary(test: Unary, v: Cell): boolean {
  switch (test) {
    case 'blank':
      return v === null || v === undefined || (typeof v === 'string' && v.trim() === '')
    case 'nil':
      return v === null || v === undefined
    case 'bool':
      return typeof v === 'boolean'
    case 'num':
      return isNum(v)
    case 'str':
      return typeof v === 'string'
    case 'even':
      return isNum(v) && Number.isInteger(v) && v % 2 === 0
    case 'odd':
      return isNum(v) && Number.isInteger(v) && Math.abs(v % 2) === 1
    case 'object':
      return typeof v === 'object' && v !== null
    case 'prime':
      return isNum(v) && isPrime(v)
  }
}

/** The columns a query reads. */
export function queryColumns(q: Query | null, out = new Set<string>()): Set<string> {
  if (!q) return out
  if ('left' in q) {
    queryColumns(q.left, out)
    queryColumns(q.right, out)
  } else if ('operand' in q) queryColumns(q.operand, out)
  else out.add(q.column)
  return out
}

const OP_TEXT: Record<Relational, string> = {
  eq: '=',
  ne: '!=',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
  contains: 'contains',
  datestartswith: 'datestartswith',
}

const valueText = (v: string | number) => (typeof v === 'number' ? String(v) : JSON.stringify(v))

/**
 * The query as the per-column filter boxes show it: `{ price: '> 5', name: 'contains "x"' }`, when it
 * is a conjunction of one term per column; null when it is not (an `or`, a `not`, a column twice).
 */
export function perColumn(q: Query | null): Record<string, string> | null {
  const out: Record<string, string> = {}
  const walk = (n: Query): boolean => {
    if (n.kind === 'and') return walk(n.left) && walk(n.right)
    if (n.kind !== 'rel' && n.kind !== 'is') return false
    if (Object.prototype.hasOwnProperty.call(out, n.column)) return false
    out[n.column] =
      n.kind === 'is'
        ? `is ${n.negate ? 'not ' : ''}${n.test}`
        : `${n.caseInsensitive ? (/^[a-z]/.test(OP_TEXT[n.op]) ? 'i' : '') : ''}${OP_TEXT[n.op]} ${valueText(n.value)}`
    return true
  }
  return q === null ? {} : walk(q) ? out : null
}

/**
 * One column's filter box text as a query term, as Dash's filter row does: an entry that starts with
 * an operator keeps it (`> 5`, `contains x`, `is blank`), else text columns look for it (`contains`)
 * and numeric ones for equality (`=`).
 */
export function columnTerm(columnId: string, entry: string, numeric: boolean): string {
  const e = entry.trim()
  if (!e) return ''
  const col = `{${columnId.replace(/}/g, '')}}`
  if (/^(!=|<=|>=|=|<|>)/.test(e)) return `${col} ${e}`
  const word = /^([a-z]+)\s/i.exec(e)?.[1]?.toLowerCase()
  if (word && (WORDS[word] || (/^[is]/.test(word) && WORDS[word.slice(1)]) || word === 'is'))
    return `${col} ${e}`
  const plain = /^["'`]/.test(e) ? e : numeric && Number.isFinite(Number(e)) ? e : JSON.stringify(e)
  return `${col} ${numeric && Number.isFinite(Number(e)) ? '=' : 'contains'} ${plain}`
}
