/**
 * @module state-splice
 * A component's new signed state sent as the part that changed: when a `Patch` appends one item to a
 * 10,000-item `children` that a callback reads, the state in the page grows by one item, and the
 * answer carries that item and a new signature, not the 10,000 (docs/wire.md, `hd-state`). The page
 * checks that it splices the state the server started from (length and FNV-1a hash), else it asks
 * for a reload: the signature would not verify.
 */

/** States shorter than this are sent whole: a splice saves nothing worth its attributes. */
export const SPLICE_MIN_CHARS = 1024

export interface StateSplice {
  /** Characters `[start, end)` of the old state are replaced by `insert`. */
  start: number
  end: number
  insert: string
  /** The old state's length and FNV-1a hash: the page splices only the state the server started from. */
  oldLength: number
  oldHash: string
}

/** FNV-1a (32 bits) over UTF-16 code units, as base 36: the extension computes the same. */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(36)
}

/** The splice that turns `old` into `next`, or null when sending `next` whole costs about as much. */
export function stateSplice(old: string, next: string): StateSplice | null {
  if (next.length < SPLICE_MIN_CHARS || old === next) return null
  const max = Math.min(old.length, next.length)
  let start = 0
  while (start < max && old.charCodeAt(start) === next.charCodeAt(start)) start++
  let tail = 0
  while (
    tail < max - start &&
    old.charCodeAt(old.length - 1 - tail) === next.charCodeAt(next.length - 1 - tail)
  )
    tail++
  const insert = next.slice(start, next.length - tail)
  if (insert.length * 2 > next.length) return null
  return { start, end: old.length - tail, insert, oldLength: old.length, oldHash: fnv1a(old) }
}
