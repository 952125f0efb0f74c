/**
 * @module predecessors
 * Dash's `predecessors` (R36/R37) without copying: the callbacks whose results led to a request, kept
 * as a persistent graph of causes. A result's causes are its request's causes plus its own callback,
 * one new node pointing at the nodes it came from, so a step of a chain costs the same at any depth.
 * `caused` answers "is this callback among the causes" by walking up, pruned by a 32-bit summary of
 * the callbacks above each node (most answers are "no" and stop at once).
 */
import type { CallbackSpec } from './callback.ts'

/** One applied result: its callback and the causes of its request (shared, never changed). */
export interface Causes {
  readonly cb: CallbackSpec
  readonly up: readonly Causes[]
  /** One bit per callback index (mod 32) of this node and every node above it. */
  readonly mask: number
  /** The last search that visited this node (searches over joins only). */
  seen: number
}

const bit = (cb: CallbackSpec): number => 1 << (cb.index & 31)

/** The causes of a result of `cb` whose request was caused by `up` (none for the event's own calls). */
export function causedBy(cb: CallbackSpec, up: readonly Causes[] | undefined): Causes {
  let mask = bit(cb)
  for (const u of up ?? NO_CAUSES) mask |= u.mask
  return { cb, up: up ?? NO_CAUSES, mask, seen: 0 }
}

const NO_CAUSES: readonly Causes[] = []
let searches = 0

/** True when `cb` is among `causes` (R37: a request its own callback helped cause is dropped). */
export function caused(causes: Causes | null, cb: CallbackSpec): boolean {
  const b = bit(cb)
  let n = causes
  // A straight chain: walk up while each node has one cause.
  while (n && n.mask & b) {
    if (n.cb === cb) return true
    if (n.up.length > 1) return search(n, cb, b)
    n = n.up[0] ?? null
  }
  return false
}

/** Depth-first over a node with several causes; each node is visited once per search. */
function search(start: Causes, cb: CallbackSpec, b: number): boolean {
  const mark = ++searches
  const stack = [start]
  while (stack.length) {
    const n = stack.pop()!
    if (n.seen === mark) continue
    n.seen = mark
    if (n.cb === cb) return true
    for (const u of n.up) if (u.mask & b && u.seen !== mark) stack.push(u)
  }
  return false
}

/** Adds `causes` to a request's list of causes (once each). */
export function addCauses(list: Causes[] | undefined, causes: Causes | null): Causes[] | undefined {
  if (!causes) return list
  if (!list) return [causes]
  if (!list.includes(causes)) list.push(causes)
  return list
}
