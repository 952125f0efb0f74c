/**
 * @module json-value
 * A zod schema for any JSON value (what `dcc.Store` holds), bounded: nesting depth and serialised size.
 * Values from a browser are untrusted: an unbounded one could hold a worker (deep recursion, a huge
 * string) or make every later request of the page too large to send.
 */
import { z } from 'zod'

export interface JsonBounds {
  /** Largest serialised size (UTF-8 bytes of `JSON.stringify`). */
  maxBytes: number
  /** Deepest nesting of arrays and objects. Default: 64. */
  maxDepth?: number
}

/** Why `value` is not a plain JSON value within the bounds, or null. Iterative: no stack to overflow. */
export function jsonProblem(value: unknown, { maxBytes, maxDepth = 64 }: JsonBounds): string | null {
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length) {
    const [v, depth] = stack.pop()!
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return 'it holds a number that is not finite'
      continue
    }
    if (typeof v !== 'object') return `it holds a ${typeof v}, which JSON cannot carry`
    if (depth >= maxDepth) return `it is nested deeper than ${maxDepth} levels`
    if (Array.isArray(v)) {
      for (const x of v) stack.push([x, depth + 1])
      continue
    }
    const proto = Object.getPrototypeOf(v)
    if (proto !== Object.prototype && proto !== null) return 'it holds an object that is not plain data'
    for (const x of Object.values(v)) stack.push([x, depth + 1])
  }
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? 'null')
  if (bytes > maxBytes) return `it is ${bytes} bytes as JSON, more than the limit of ${maxBytes} bytes`
  return null
}

/** A schema accepting JSON values within the bounds; the message says which bound was passed. */
export function jsonValue(bounds: JsonBounds): z.ZodType<unknown> {
  return z.unknown().superRefine((v, ctx) => {
    const why = jsonProblem(v, bounds)
    if (why) ctx.addIssue({ code: 'custom', message: `Expected a JSON value: ${why}` })
  })
}
