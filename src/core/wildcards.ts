/**
 * @module wildcards
 * Dict ids and the pattern-matching wildcards `ALL`, `MATCH`, `ALLSMALLER` (R40–R41): their string
 * form (Dash's `stringifyId`: sorted keys, JSON, no spaces), parsing it back, matching a concrete id
 * against a pattern, and Dash's ordering of id values (`idValSort`).
 */

/** A value in a dict id: Dash allows strings, numbers and booleans (R4). */
export type IdValue = string | number | boolean

/** A dict id as it appears in a layout: `{ type: 'todo', index: 3 }`. */
export type DictId = Readonly<Record<string, IdValue>>

export type WildcardName = 'ALL' | 'MATCH' | 'ALLSMALLER'

/** A wildcard in a dependency's dict id. Serialised as Dash does: `["ALL"]`. */
export class Wildcard<N extends WildcardName = WildcardName> {
  constructor(readonly wildcard: N) {
    Object.freeze(this)
  }
  toJSON(): [N] {
    return [this.wildcard]
  }
  toString(): string {
    return this.wildcard
  }
}

/** Every component whose id matches: the value is a list, in document order (R40). */
export const ALL: Wildcard<'ALL'> = new Wildcard('ALL')
/** One call per value: the callback runs for the item that triggered it (R40). */
export const MATCH: Wildcard<'MATCH'> = new Wildcard('MATCH')
/** Inputs/States only: the items whose value sorts before the Output's MATCH value (R40). */
export const ALLSMALLER: Wildcard<'ALLSMALLER'> = new Wildcard('ALLSMALLER')

const BY_NAME: Record<WildcardName, Wildcard> = { ALL, MATCH, ALLSMALLER }

/** A dependency's dict id: values or wildcards. */
export type IdPattern = Readonly<Record<string, IdValue | Wildcard>>

export const isWildcard = (v: unknown): v is Wildcard => v instanceof Wildcard

/** True for an object id (a dict id or a pattern), as opposed to a string id. */
export const isDictId = (v: unknown): v is IdPattern =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Wildcard)

/**
 * Dash's string form of an id: a string id as is; a dict id as JSON with sorted keys and no spaces,
 * wildcards as `["ALL"]` (R3, `stringifyId`). This is the DOM id and the id on the wire.
 */
export function stringifyId(id: string | IdPattern): string {
  if (typeof id === 'string') return id
  const parts = Object.keys(id)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(id[k])}`)
  return `{${parts.join(',')}}`
}

const parsedCache = new Map<string, IdPattern | null>()

/** Parses a stringified dict id back (wildcards included); null for a string id or bad JSON. */
export function parseDictId(s: string): IdPattern | null {
  if (s.charCodeAt(0) !== 123 /* { */) return null
  let hit = parsedCache.get(s)
  if (hit !== undefined) return hit
  hit = null
  try {
    const o: unknown = JSON.parse(s)
    if (isDictId(o)) {
      const out: Record<string, IdValue | Wildcard> = {}
      let ok = true
      for (const [k, v] of Object.entries(o)) {
        if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string' && v[0] in BY_NAME)
          out[k] = BY_NAME[v[0] as WildcardName]
        else if (['string', 'number', 'boolean'].includes(typeof v)) out[k] = v as IdValue
        else ok = false
      }
      if (ok) hit = Object.freeze(out)
    }
  } catch {
    // not JSON: a string id that starts with `{` (refused at registration, R4)
  }
  if (parsedCache.size > 50_000) parsedCache.clear()
  parsedCache.set(s, hit)
  return hit
}

/** The id a callback sees: a dict id as an object, a string id as is. */
export const idForUser = (s: string): string | DictId => (parseDictId(s) as DictId | null) ?? s

/**
 * The "shape" of an id: its sorted keys (`index,type`); ids are only matched against patterns with
 * exactly the same key set (R41). A string id has none.
 */
export const shapeOf = (id: IdPattern): string => Object.keys(id).sort().join(',')

const isNumeric = (v: IdValue) =>
  typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)))

/**
 * Dash's `idValSort` (R41): numbers and numeric strings numerically, then booleans (false < true),
 * then strings in code-unit order.
 */
export function idValSort(a: IdValue, b: IdValue): number {
  const an = isNumeric(a)
  const bn = isNumeric(b)
  if (an) {
    if (!bn) return -1
    const x = Number(a)
    const y = Number(b)
    return x > y ? 1 : x < y ? -1 : 0
  }
  if (bn) return 1
  const ab = typeof a === 'boolean'
  if (ab !== (typeof b === 'boolean')) return ab ? -1 : 1
  return a > b ? 1 : a < b ? -1 : 0
}

/** MATCH values a call is resolved for, by key (`{ index: 3 }`); null for a callback without MATCH. */
export type MatchValues = Readonly<Record<string, IdValue>>

/**
 * Does concrete id `id` match `pattern` (same keys already known)? With `match`, MATCH keys must equal
 * the call's value and ALLSMALLER keys sort before it (Dash's `idMatch` with a reference id); without
 * it, every wildcard passes.
 */
export function idMatches(id: DictId, pattern: IdPattern, match: MatchValues | null = null): boolean {
  for (const k in pattern) {
    const p = pattern[k]!
    const v = id[k]
    if (v === undefined) return false
    if (p instanceof Wildcard) {
      if (!match || p === ALL || !(k in match)) continue
      const cmp = idValSort(v, match[k]!)
      if (p === MATCH ? cmp !== 0 : cmp !== -1) return false
    } else if (v !== p) return false
  }
  return true
}

/** True when two patterns (or ids) could name a common component: same keys, compatible values. */
export function patternsOverlap(a: IdPattern, b: IdPattern): boolean {
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  for (const k of ka) {
    if (!(k in b)) return false
    const x = a[k]!
    const y = b[k]!
    if (x instanceof Wildcard || y instanceof Wildcard) continue
    if (x !== y) return false
  }
  return true
}

/** The keys of `pattern` holding a given wildcard. */
export const keysWith = (pattern: IdPattern, w: Wildcard): string[] =>
  Object.keys(pattern)
    .filter((k) => pattern[k] === w)
    .sort()

/** True when the pattern holds ALL or ALLSMALLER: its value is a list (R40). */
export const isMultiPattern = (p: IdPattern | undefined): boolean =>
  !!p && Object.values(p).some((v) => v === ALL || v === ALLSMALLER)

/**
 * The concrete id a pattern names for MATCH values `match`, when every wildcard is a MATCH covered by
 * `match` (a single-valued dependency); null otherwise.
 */
export function concreteId(pattern: IdPattern, match: MatchValues | null): string | null {
  const out: Record<string, IdValue> = {}
  for (const k in pattern) {
    const p = pattern[k]!
    if (p instanceof Wildcard) {
      if (p !== MATCH || !match || !(k in match)) return null
      out[k] = match[k]!
    } else out[k] = p
  }
  return stringifyId(out)
}

/** A call's MATCH values in a stable string form (part of its identity): `[3]`, `[1,"a"]`. */
export const matchString = (match: MatchValues | null): string =>
  match
    ? JSON.stringify(
        Object.keys(match)
          .sort()
          .map((k) => match[k])
      )
    : ''
