/**
 * @module grouping
 * Flexible callback signatures (R39, Dash 2.0+): Outputs, Inputs and States given as one dependency,
 * a (nested) array, or an object of them. A grouping is flattened into the engine's lists, and values
 * are put back into the same shape: the arguments a callback receives, `ctx.argsGrouping`, and the
 * shape a callback's return value must have.
 */

/** One leaf, an array of groupings, or an object of groupings. */
export type Grouping<T> = T | readonly Grouping<T>[] | { readonly [key: string]: Grouping<T> }

/** A grouping whose leaves are indexes into a flat list. */
export type IndexGrouping = Grouping<number>

/** True for a plain object grouping (not an array, not a leaf). */
export const isObjectGrouping = (g: unknown): g is Record<string, unknown> =>
  typeof g === 'object' && g !== null && !Array.isArray(g) && Object.getPrototypeOf(g) === Object.prototype

/**
 * Flattens `g` depth first (arrays in order, objects in key order); `isLeaf` tells leaves apart.
 * Returns the leaves, and the same shape with each leaf replaced by its index in the list.
 */
export function flattenGrouping<T>(
  g: unknown,
  isLeaf: (v: unknown) => v is T,
  into: T[] = []
): { leaves: T[]; shape: IndexGrouping } {
  const walk = (v: unknown): IndexGrouping => {
    if (isLeaf(v)) {
      into.push(v)
      return into.length - 1
    }
    if (Array.isArray(v)) return Object.freeze(v.map(walk))
    if (isObjectGrouping(v)) {
      const out: Record<string, IndexGrouping> = {}
      for (const [k, x] of Object.entries(v)) out[k] = walk(x)
      return Object.freeze(out)
    }
    // Not a dependency: kept as a leaf, so the caller's check reports it with its position.
    into.push(v as T)
    return into.length - 1
  }
  const shape = walk(g)
  return { leaves: into, shape }
}

/** Rebuilds a shape with each index replaced by `leaf(index)`. */
export function mapGrouping<V>(shape: IndexGrouping, leaf: (i: number) => V): Grouping<V> {
  if (typeof shape === 'number') return leaf(shape)
  if (Array.isArray(shape)) return shape.map((s) => mapGrouping(s, leaf))
  const out: Record<string, Grouping<V>> = {}
  for (const [k, s] of Object.entries(shape as Record<string, IndexGrouping>)) out[k] = mapGrouping(s, leaf)
  return out
}

/** Where a returned value does not have the shape of the Outputs: a path and what was expected. */
export class ShapeMismatch extends Error {
  override name = 'ShapeMismatch'
}

/**
 * Reads a returned value along `shape`: calls `leaf(index, value)` for each Output. `skip(v)` marks
 * a value standing for a whole sub-grouping (`noUpdate`): its leaves are not visited.
 */
export function visitReturned(
  shape: IndexGrouping,
  value: unknown,
  leaf: (i: number, v: unknown) => void,
  skip: (v: unknown) => boolean,
  path = 'the return value'
): void {
  if (typeof shape === 'number') return leaf(shape, value)
  if (skip(value)) return
  if (Array.isArray(shape)) {
    if (!Array.isArray(value))
      throw new ShapeMismatch(`${path} must be an array of ${shape.length}, got ${describe(value)}`)
    if (value.length !== shape.length)
      throw new ShapeMismatch(`${path} must have ${shape.length} items, got ${value.length}`)
    shape.forEach((s, i) => visitReturned(s, value[i], leaf, skip, `${path}[${i}]`))
    return
  }
  if (!isObjectGrouping(value))
    throw new ShapeMismatch(
      `${path} must be an object with keys ${Object.keys(shape).join(', ')}, got ${describe(value)}`
    )
  for (const [k, s] of Object.entries(shape as Record<string, IndexGrouping>)) {
    if (!(k in value)) throw new ShapeMismatch(`${path} has no key '${k}'`)
    visitReturned(s, value[k], leaf, skip, `${path}.${k}`)
  }
}

const describe = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? `an array of ${v.length}` : `a ${typeof v}`
