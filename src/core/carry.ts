/**
 * @module carry
 * What a request carries, as the page lists it (`hd-carry`) and as the server checks it: plain ids,
 * and for pattern-matching dependencies **selectors**: a dependency's dict id with every key it does
 * not pin down written `["ALL"]` ("any value"). A selector stands for every live component whose dict
 * id has exactly its keys and equals it on the others; the browser sends them all, so an ALL list is
 * whole. `Carried` answers the wave's question: may a component (or a dependency's components) be on
 * the page without the request having said anything about it (_unseen_)?
 */
import type { CallbackSpec } from './callback.ts'
import type { Dependency } from './dependency.ts'
import type { ComponentId } from './ids.ts'
import {
  ALL,
  isWildcard,
  MATCH,
  parseDictId,
  shapeOf,
  stringifyId,
  type DictId,
  type IdPattern,
  type IdValue,
  type MatchValues,
  type Wildcard,
} from './wildcards.ts'

/** Per MATCH key of a callback, the value its call is known to have (absent: any value). */
export type Binding = Readonly<Record<string, IdValue>>

const NO_BINDING: Binding = Object.freeze({})

/**
 * The components a dependency may name in a call bound by `bind`: its plain id, the concrete dict id
 * when every wildcard is a bound MATCH, else a selector (ALL, ALLSMALLER and unbound MATCH keys are
 * `["ALL"]`). In Dash's string form (sorted keys, no spaces).
 */
export function selectorOf(dep: Dependency, bind: Binding | MatchValues | null = NO_BINDING): ComponentId {
  const p = dep.pattern
  if (!p) return dep.id
  let wild = false
  for (const k in p) if (isWildcard(p[k])) wild = true
  if (!wild) return dep.id
  const out: Record<string, IdValue | Wildcard> = {}
  for (const k in p) {
    const v = p[k]!
    out[k] = !isWildcard(v) ? v : v === MATCH && bind && k in bind ? bind[k]! : ALL
  }
  return stringifyId(out)
}

/** The selector a string stands for (a dict id holding `["ALL"]`), or null for an id. */
export function parseSelector(s: string): IdPattern | null {
  const p = parseDictId(s)
  if (!p) return null
  for (const k in p) if (p[k] === ALL) return p
  return null
}

/** True when concrete dict id `id` has the selector's keys and its values where it pins them. */
export function selects(sel: IdPattern, id: DictId): boolean {
  let n = 0
  for (const k in id) {
    n++
    const v = sel[k]
    if (v === undefined) return false
    if (v !== ALL && v !== id[k]) return false
  }
  for (const _ in sel) n--
  return n === 0
}

/** True when selector (or id) `inner` names only components selector `outer` names. */
function subsumes(outer: IdPattern, inner: IdPattern): boolean {
  if (shapeOf(outer) !== shapeOf(inner)) return false
  for (const k in outer) {
    const v = outer[k]!
    if (v !== ALL && (isWildcard(inner[k]) || inner[k] !== v)) return false
  }
  return true
}

/**
 * The binding of a callback set off through its Input `dep` by a change of component `trigger` (a
 * concrete dict id or a selector): a MATCH key is bound where the Input holds MATCH and the trigger a
 * value (Dash: the item's own call); any other MATCH key runs for every value (ALL, ALLSMALLER).
 */
export function bindingFrom(cb: CallbackSpec, dep: Dependency, trigger: IdPattern | null): Binding {
  if (!cb.matchKeys.length || !trigger || !dep.pattern) return NO_BINDING
  const out: Record<string, IdValue> = {}
  for (const k of cb.matchKeys) {
    const v = trigger[k]
    if (dep.pattern[k] === MATCH && v !== undefined && !isWildcard(v)) out[k] = v
  }
  return out
}

/** Every dependency of a callback: Inputs, States, Outputs, and the outputs it sets besides (`progress`). */
export const depsOf = (cb: CallbackSpec): readonly Dependency[] =>
  cb.sideOutputs
    ? [...cb.inputs, ...cb.states, ...cb.outputs, ...cb.sideOutputs]
    : [...cb.inputs, ...cb.states, ...cb.outputs]

/** What a callback writes: its Outputs, and the outputs it sets besides (`progress`). */
export const writesOf = (cb: CallbackSpec): readonly Dependency[] =>
  cb.sideOutputs ? [...cb.outputs, ...cb.sideOutputs] : cb.outputs

/**
 * What one request vouched for: the ids it sent, and the ids and selectors its element's `hd-carry`
 * listed (an id listed but not sent is off the page). Everything else is unseen.
 */
export class Carried {
  readonly #ids: ReadonlySet<ComponentId>
  readonly #sent: (id: ComponentId) => boolean
  /** Selectors by shape. */
  readonly #selectors = new Map<string, IdPattern[]>()

  constructor(listed: Iterable<ComponentId>, sent: (id: ComponentId) => boolean) {
    const ids = new Set<ComponentId>()
    for (const s of listed) {
      const sel = parseSelector(s)
      if (!sel) ids.add(s)
      else {
        const shape = shapeOf(sel)
        const list = this.#selectors.get(shape)
        if (list) list.push(sel)
        else this.#selectors.set(shape, [sel])
      }
    }
    this.#ids = ids
    this.#sent = sent
  }

  /** True when the request said nothing about component `id`: it may be on the page. */
  id(id: ComponentId): boolean {
    if (this.#ids.has(id) || this.#sent(id)) return false
    const dict = id.charCodeAt(0) === 123 ? (parseDictId(id) as DictId | null) : null
    if (!dict) return true
    for (const sel of this.#selectors.get(shapeOf(dict)) ?? []) if (selects(sel, dict)) return false
    return true
  }

  /** True when some component selector `sel` names may be on the page unseen. */
  selector(sel: ComponentId): boolean {
    const p = parseSelector(sel)
    if (!p) return this.id(sel)
    for (const s of this.#selectors.get(shapeOf(p)) ?? []) if (subsumes(s, p)) return false
    return true
  }

  /** True when a dependency of a call bound by `bind` may name a component the request did not carry. */
  dep(dep: Dependency, bind: Binding | MatchValues | null, fresh: (id: ComponentId) => boolean): boolean {
    const s = selectorOf(dep, bind)
    if (fresh(s)) return false
    return parseSelector(s) ? this.selector(s) : this.id(s)
  }
}

/**
 * `hd-carry`'s tokens: ids and selectors separated by spaces, with `%` and whitespace inside one
 * percent-encoded (`{"name":"a%20b"}`); static/hyperdash.js decodes them.
 */
export const carryToken = (s: string): string => s.replace(/[%\s]/g, (c) => encodeURIComponent(c))

/** The ids and selectors of an `hd-carry` value. */
export const parseCarry = (attr: string): string[] =>
  attr
    .split(' ')
    .filter(Boolean)
    .map((t) => (t.includes('%') ? decodeURIComponent(t) : t))
