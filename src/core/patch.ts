/**
 * @module patch
 * `Patch` (Dash's `dash.Patch`, R33): a write-only recorder of operations on the value a prop holds
 * on the page, applied by the server to that value (`applyPatch`, Dash's semantics: negative indexes
 * count from the end, "Cannot patch undefined"), and turned into list edits (`listEdits`) when the
 * page can take only what changed (append one item to a 10,000-item list: one item on the wire).
 */

/** A key of a location: an object key or a list index (negative: from the end). */
export type PatchKey = string | number

/** One recorded operation, in Dash's wire form. */
export interface PatchOperation {
  readonly operation:
    | 'Assign'
    | 'Merge'
    | 'Extend'
    | 'Delete'
    | 'Insert'
    | 'Append'
    | 'Prepend'
    | 'Add'
    | 'Sub'
    | 'Mul'
    | 'Div'
    | 'Clear'
    | 'Reverse'
    | 'Remove'
  readonly location: readonly PatchKey[]
  readonly params: { readonly value?: unknown; readonly index?: number }
}

const PATCH = Symbol.for('hyperdash.patch')

/**
 * Records changes to the current value of a prop, to return in place of the new value (an Output, or
 * a prop given to `setProps`). Methods act at the patch's location; `at(key, …)` goes deeper.
 * @example
 * app.callback(Output('list', 'children'), [Input('add', 'n_clicks')], (n) => {
 *   const p = new Patch()
 *   p.append(<li>item {n}</li>) // only the new item travels
 *   return p
 * })
 * @example
 * const p = new Patch()
 * p.at('layout', 'title').set('text', 'New title') // Dash: p['layout']['title']['text'] = 'New title'
 * p.at('data', 0).at('y').extend([4, 5])            // Dash: p['data'][0]['y'].extend([4, 5])
 * p.at('count').add(1)                              // Dash: p['count'] += 1
 */
export class Patch {
  readonly [PATCH] = true
  readonly #location: readonly PatchKey[]
  readonly #operations: PatchOperation[]

  constructor(location: readonly PatchKey[] = [], operations: PatchOperation[] = []) {
    this.#location = location
    this.#operations = operations
  }

  /** The operations recorded by this patch and every patch made from it with `at`, in order. */
  get operations(): readonly PatchOperation[] {
    return this.#operations
  }

  /** The location this patch acts at (`[]` for the prop's value itself). */
  get location(): readonly PatchKey[] {
    return this.#location
  }

  /** A patch acting deeper: `p.at('a', 0)` is Dash's `p['a'][0]`; its operations join this one's. */
  at(...keys: PatchKey[]): Patch {
    return new Patch([...this.#location, ...keys.map(checkKey)], this.#operations)
  }

  #op(operation: PatchOperation['operation'], location: readonly PatchKey[], params = {}): this {
    this.#operations.push({ operation, location, params })
    return this
  }

  /** `p[key] = value`. */
  set(key: PatchKey, value: unknown): this {
    return this.#op('Assign', [...this.#location, checkKey(key)], { value })
  }
  /** `del p[key]`: removes a key, or a list item (the items after it move up). */
  del(key: PatchKey): this {
    return this.#op('Delete', [...this.#location, checkKey(key)])
  }
  /** Adds `item` at the end of the list. */
  append(item: unknown): this {
    return this.#op('Append', this.#location, { value: item })
  }
  /** Adds `item` at the start of the list. */
  prepend(item: unknown): this {
    return this.#op('Prepend', this.#location, { value: item })
  }
  /** Adds `item` before index `index` (negative: from the end; past the end: at the end). */
  insert(index: number, item: unknown): this {
    if (!Number.isInteger(index))
      throw new TypeError(`Patch.insert: the index ${String(index)} is not an integer.`)
    return this.#op('Insert', this.#location, { value: item, index })
  }
  /** Adds every item of `items` at the end of the list. */
  extend(items: readonly unknown[]): this {
    if (!Array.isArray(items)) throw new TypeError(`Patch.extend: ${String(items)} should be a list.`)
    return this.#op('Extend', this.#location, { value: [...items] })
  }
  /** Removes every item equal (deeply) to `item` from the list. */
  remove(item: unknown): this {
    return this.#op('Remove', this.#location, { value: item })
  }
  /** Empties the list (or object, or string). */
  clear(): this {
    return this.#op('Clear', this.#location)
  }
  /** Reverses the list. */
  reverse(): this {
    return this.#op('Reverse', this.#location)
  }
  /** Merges `value`'s keys into the object (Dash's `update` and `|=`). */
  merge(value: Record<string, unknown>): this {
    return this.#op('Merge', this.#location, { value: { ...value } })
  }
  /** Dash's `update`: the same as {@link merge}. */
  update(value: Record<string, unknown>): this {
    return this.merge(value)
  }
  /** `+=`: adds `value` (a list extends the list, as in Dash). */
  add(value: unknown): this {
    return Array.isArray(value) ? this.extend(value) : this.#op('Add', this.#location, { value })
  }
  /** `-=`. */
  sub(value: unknown): this {
    return this.#op('Sub', this.#location, { value })
  }
  /** `*=`. */
  mul(value: unknown): this {
    return this.#op('Mul', this.#location, { value })
  }
  /** `/=`. */
  div(value: unknown): this {
    return this.#op('Div', this.#location, { value })
  }

  /** Dash's wire form. */
  toJSON(): { __dash_patch_update: '__dash_patch_update'; operations: readonly PatchOperation[] } {
    return { __dash_patch_update: '__dash_patch_update', operations: this.#operations }
  }
}

function checkKey(key: PatchKey): PatchKey {
  if (typeof key === 'string' || Number.isInteger(key)) return key
  throw new TypeError(`Patch: ${String(key)} is not a valid key (a string or an integer index).`)
}

/** True for a {@link Patch}, and for Dash's serialised form. */
export function isPatch(v: unknown): v is Patch | { operations: readonly PatchOperation[] } {
  if (typeof v !== 'object' || v === null) return false
  return (
    PATCH in v ||
    ((v as Record<string, unknown>)['__dash_patch_update'] === '__dash_patch_update' &&
      Array.isArray((v as Record<string, unknown>)['operations']))
  )
}

/** The operations of a patch (a {@link Patch} or Dash's serialised form). */
export const operationsOf = (p: Patch | { operations: readonly PatchOperation[] }) => p.operations

/** A patch applied to a value that does not exist (Dash's message). */
export class PatchError extends Error {
  override name = 'PatchError'
}

/** Applies `operations` to `previous`, without changing it (R33, Dash's renderer `handlePatch`). */
export function applyPatch(previous: unknown, operations: readonly PatchOperation[]): unknown {
  if (previous === undefined) throw new PatchError('Cannot patch undefined')
  let value: unknown = previous
  for (const op of operations) {
    const location = resolveLocation(op.location, value)
    const at = getPath(value, location)
    const v = op.params.value
    switch (op.operation) {
      case 'Assign':
        value = setPath(value, location, v)
        break
      case 'Merge':
        value = setPath(value, location, { ...(at as object), ...(v as object) })
        break
      case 'Extend':
        value = setPath(value, location, [...asList(at, op), ...(v as unknown[])])
        break
      case 'Delete':
        value = deletePath(value, location)
        break
      case 'Insert': {
        const list = asList(at, op)
        let i = op.params.index ?? 0
        if (i < 0) i += list.length
        const out = [...list]
        out.splice(i >= 0 && i < list.length ? i : list.length, 0, v)
        value = setPath(value, location, out)
        break
      }
      case 'Append':
        value = setPath(value, location, [...asList(at, op), v])
        break
      case 'Prepend':
        value = setPath(value, location, [v, ...asList(at, op)])
        break
      case 'Add':
        value = setPath(value, location, (at as number) + (v as number))
        break
      case 'Sub':
        value = setPath(value, location, (at as number) - (v as number))
        break
      case 'Mul':
        value = setPath(value, location, (at as number) * (v as number))
        break
      case 'Div':
        value = setPath(value, location, (at as number) / (v as number))
        break
      case 'Clear':
        value = setPath(value, location, emptyOf(at))
        break
      case 'Reverse':
        value = setPath(value, location, [...asList(at, op)].reverse())
        break
      case 'Remove':
        value = setPath(
          value,
          location,
          asList(at, op).filter((item) => !deepEqual(item, v))
        )
        break
      default:
        throw new PatchError(`Invalid Operation ${String((op as { operation: unknown }).operation)}`)
    }
  }
  return value
}

function asList(v: unknown, op: PatchOperation): readonly unknown[] {
  if (Array.isArray(v)) return v
  throw new PatchError(
    `Cannot ${op.operation.toLowerCase()} at ${JSON.stringify(op.location)}: the value there is not a list`
  )
}

/** Negative list indexes along a location, counted from the end of the list they index (Dash). */
function resolveLocation(location: readonly PatchKey[], value: unknown): PatchKey[] {
  const out: PatchKey[] = []
  let at = value
  for (const key of location) {
    const k = typeof key === 'number' && key < 0 && Array.isArray(at) ? at.length + key : key
    out.push(k)
    at = at === null || typeof at !== 'object' ? undefined : (at as Record<PatchKey, unknown>)[k]
  }
  return out
}

function getPath(value: unknown, location: readonly PatchKey[]): unknown {
  let at = value
  for (const k of location) {
    if (at === null || typeof at !== 'object' || !Object.prototype.hasOwnProperty.call(at, k))
      return undefined
    at = (at as Record<PatchKey, unknown>)[k]
  }
  return at
}

/** A copy of `value` with `v` at `location` (missing levels made: a list for an index, else an object). */
function setPath(value: unknown, location: readonly PatchKey[], v: unknown): unknown {
  if (location.length === 0) return v
  const [k, ...rest] = location as [PatchKey, ...PatchKey[]]
  const container = value !== null && typeof value === 'object' ? value : typeof k === 'number' ? [] : {}
  const next = setPath(getPath(container, [k]), rest, v)
  if (Array.isArray(container) && typeof k === 'number') {
    const copy = [...container]
    copy[k] = next
    return copy
  }
  return defineOwn({ ...(container as object) }, k, next)
}

/** A copy of `value` without `location` (a list item is taken out; the items after it move up). */
function deletePath(value: unknown, location: readonly PatchKey[]): unknown {
  if (location.length === 0 || value === null || typeof value !== 'object') return value
  const [k, ...rest] = location as [PatchKey, ...PatchKey[]]
  if (rest.length) {
    if (!Object.prototype.hasOwnProperty.call(value, k)) return value
    const next = deletePath((value as Record<PatchKey, unknown>)[k], rest)
    if (Array.isArray(value) && typeof k === 'number') {
      const copy = [...value]
      copy[k] = next
      return copy
    }
    return defineOwn({ ...(value as object) }, k, next)
  }
  if (Array.isArray(value) && typeof k === 'number') return value.filter((_, i) => i !== k)
  const copy = { ...(value as Record<PatchKey, unknown>) }
  delete copy[k]
  return copy
}

/** Sets an own data property, even one named `__proto__` (never the prototype). */
function defineOwn(o: object, k: PatchKey, v: unknown): object {
  return Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
}

function emptyOf(v: unknown): unknown {
  if (Array.isArray(v)) return []
  if (typeof v === 'string') return ''
  if (v !== null && typeof v === 'object') return {}
  return undefined
}

/** Deep equality of plain data (Dash's `equals`). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  return ka.every(
    (k) =>
      Object.prototype.hasOwnProperty.call(b, k) &&
      deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
  )
}

/**
 * What a patch does to a list, as edits the page can apply without the rest of the list. Every edit
 * acts on the list as the previous edits left it. Index edits are only possible when each item of the
 * list renders as exactly one element (`single`): a text item could merge with its neighbour.
 */
export type ListEdit =
  | { readonly edit: 'append'; readonly items: readonly unknown[] }
  | { readonly edit: 'prepend'; readonly items: readonly unknown[] }
  | { readonly edit: 'insert'; readonly index: number; readonly items: readonly unknown[] }
  | { readonly edit: 'remove'; readonly index: number }
  | { readonly edit: 'replace'; readonly index: number; readonly items: readonly unknown[] }
  | { readonly edit: 'clear' }

/**
 * The edits that turn the list `previous` (undefined when the server does not hold it) into the
 * patched list, or null when the patch is not a list of such edits (the whole value must be sent).
 */
export function listEdits(
  previous: readonly unknown[] | undefined,
  operations: readonly PatchOperation[],
  single: (item: unknown) => boolean
): ListEdit[] | null {
  const edits: ListEdit[] = []
  // The list as the edits so far leave it, when known.
  let list: unknown[] | undefined = previous ? [...previous] : undefined
  const indexable = () => list !== undefined && list.every(single)
  for (const op of operations) {
    const v = op.params.value
    if (op.location.length === 0) {
      switch (op.operation) {
        case 'Append':
        case 'Extend': {
          const items = op.operation === 'Append' ? [v] : (v as unknown[])
          edits.push({ edit: 'append', items })
          list?.push(...items)
          continue
        }
        case 'Prepend':
          edits.push({ edit: 'prepend', items: [v] })
          list?.unshift(v)
          continue
        case 'Clear':
          edits.push({ edit: 'clear' })
          list = []
          continue
        case 'Insert': {
          if (!indexable() || !single(v)) return null
          let i = op.params.index ?? 0
          if (i < 0) i += list!.length
          if (i < 0 || i >= list!.length) i = list!.length
          edits.push({ edit: 'insert', index: i, items: [v] })
          list!.splice(i, 0, v)
          continue
        }
        case 'Remove': {
          if (!indexable()) return null
          for (let i = list!.length - 1; i >= 0; i--) {
            if (deepEqual(list![i], v)) {
              edits.push({ edit: 'remove', index: i })
              list!.splice(i, 1)
            }
          }
          continue
        }
        default:
          return null
      }
    }
    if (op.location.length === 1 && typeof op.location[0] === 'number') {
      if (!indexable()) return null
      let i = op.location[0]
      if (i < 0) i += list!.length
      if (i < 0 || i >= list!.length) return null
      if (op.operation === 'Delete') {
        edits.push({ edit: 'remove', index: i })
        list!.splice(i, 1)
        continue
      }
      if (op.operation === 'Assign' && single(v)) {
        edits.push({ edit: 'replace', index: i, items: [v] })
        list![i] = v
        continue
      }
    }
    return null
  }
  return edits
}
