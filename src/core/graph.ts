/**
 * @module graph
 * The callback graph: indexes by prop key and by component id, rejects duplicate outputs and cycles
 * across callbacks (R37) at registration, and answers the planner's questions in O(affected).
 */
import type { CallbackSpec } from './callback.ts'
import type { Dependency } from './dependency.ts'
import { ConfigError, messages } from './errors.ts'
import { splitKey, type ComponentId, type PropKey } from './ids.ts'
import { wildcardMessages } from './wildcard-rules.ts'
import { idMatches, parseDictId, patternsOverlap, shapeOf, type DictId } from './wildcards.ts'

/** A callback and one of its dependencies with a dict id. */
export interface PatternUse {
  readonly spec: CallbackSpec
  readonly dep: Dependency
}

/** Two prop keys that may name the same prop: equal, or dict ids whose patterns overlap (R41). */
export function keysOverlap(a: PropKey, b: PropKey): boolean {
  if (a === b) return true
  const x = splitKey(a)
  const y = splitKey(b)
  if (x.prop !== y.prop) return false
  const p = parseDictId(x.id)
  const q = p && parseDictId(y.id)
  return !!q && patternsOverlap(p, q)
}

const EMPTY: readonly CallbackSpec[] = Object.freeze([])
const EMPTY_USES: readonly PatternUse[] = Object.freeze([])

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

export class Graph {
  readonly callbacks: CallbackSpec[] = []
  #byInput = new Map<PropKey, CallbackSpec[]>()
  #byOutput = new Map<PropKey, CallbackSpec>()
  #outputIds = new Map<ComponentId, CallbackSpec[]>()
  #inputIds = new Map<ComponentId, CallbackSpec[]>()
  /** Props each id exposes to callbacks (Inputs and States): the allow-list of what a request may carry. */
  #readable = new Map<ComponentId, Set<string>>()
  #written = new Map<ComponentId, Set<string>>()
  #subsequent = new Map<CallbackSpec, ReadonlySet<PropKey>>()
  #depth = new Map<CallbackSpec, number>()
  /** Dependencies with dict ids, by shape (sorted keys): Outputs, Inputs, and Inputs + States. */
  #outputPatterns = new Map<string, PatternUse[]>()
  #inputPatterns = new Map<string, PatternUse[]>()
  #readPatterns = new Map<string, PatternUse[]>()
  /** Per dict id met on a page: the props read and written (patterns resolved once per id). */
  #dictProps = new Map<ComponentId, { read: Set<string>; written: Set<string> } | null>()

  /** Adds a callback, or throws a {@link ConfigError} and leaves the graph unchanged. */
  add(spec: CallbackSpec): void {
    for (const o of spec.outputs) {
      if (o.pattern) {
        for (const u of this.#outputPatterns.get(o.shape!) ?? []) {
          if (o.allowDuplicate || u.dep.allowDuplicate) continue
          if (u.dep.prop === o.prop && patternsOverlap(u.dep.pattern!, o.pattern))
            throw new ConfigError(
              u.dep.key === o.key
                ? messages.duplicateOutput(o.key, u.spec.name, spec.name)
                : wildcardMessages.overlap(o.key, u.spec.name, spec.name, u.dep.key)
            )
        }
        continue
      }
      const other = this.#byOutput.get(o.key)
      // Dash's allow_duplicate: a clash only between two Outputs that do not allow it.
      const clash = other && !o.allowDuplicate && !other.outputs.find((d) => d.key === o.key)?.allowDuplicate
      if (other && clash) throw new ConfigError(messages.duplicateOutput(o.key, other.name, spec.name))
    }
    const cycle = this.#findCycle(spec)
    if (cycle) throw new ConfigError(messages.cycle(cycle))
    this.callbacks.push(spec)
    for (const o of spec.outputs) {
      if (o.pattern) {
        push(this.#outputPatterns, o.shape!, { spec, dep: o })
        continue
      }
      if (!this.#byOutput.has(o.key)) this.#byOutput.set(o.key, spec)
      push(this.#outputIds, o.id, spec)
      this.#mark(this.#written, o.id, o.prop)
    }
    // Written while the call runs (a background callback's progress): live components like outputs.
    for (const o of spec.sideOutputs ?? []) if (!o.pattern) this.#mark(this.#written, o.id, o.prop)
    for (const d of spec.inputs) {
      if (d.pattern) {
        push(this.#inputPatterns, d.shape!, { spec, dep: d })
        push(this.#readPatterns, d.shape!, { spec, dep: d })
        continue
      }
      push(this.#byInput, d.key, spec)
      push(this.#inputIds, d.id, spec)
      this.#mark(this.#readable, d.id, d.prop)
    }
    for (const d of spec.states) {
      if (d.pattern) push(this.#readPatterns, d.shape!, { spec, dep: d })
      else this.#mark(this.#readable, d.id, d.prop)
    }
    this.#subsequent.clear()
    this.#depth.clear()
    this.#dictProps.clear()
  }

  /** The pattern Outputs a concrete dict id matches, wildcards passing (R6, R20a). */
  outputPatternsFor(id: DictId): readonly PatternUse[] {
    return (this.#outputPatterns.get(shapeOf(id)) ?? EMPTY_USES).filter((u) => idMatches(id, u.dep.pattern!))
  }

  /** The pattern Inputs a concrete dict id matches, wildcards passing (R20b, R22). */
  inputPatternsFor(id: DictId): readonly PatternUse[] {
    return (this.#inputPatterns.get(shapeOf(id)) ?? EMPTY_USES).filter((u) => idMatches(id, u.dep.pattern!))
  }

  /** Props of a dict id read and written by pattern dependencies, or null when none. */
  #propsOfDict(id: ComponentId) {
    let hit = this.#dictProps.get(id)
    if (hit !== undefined) return hit
    const dict = parseDictId(id) as DictId | null
    hit = null
    if (dict) {
      const shape = shapeOf(dict)
      const read = new Set<string>()
      const written = new Set<string>()
      for (const u of this.#readPatterns.get(shape) ?? [])
        if (idMatches(dict, u.dep.pattern!)) read.add(u.dep.prop)
      for (const u of this.#outputPatterns.get(shape) ?? [])
        if (idMatches(dict, u.dep.pattern!)) written.add(u.dep.prop)
      if (read.size || written.size) hit = { read, written }
    }
    if (this.#dictProps.size > 100_000) this.#dictProps.clear()
    this.#dictProps.set(id, hit)
    return hit
  }

  #mark(map: Map<ComponentId, Set<string>>, id: ComponentId, prop: string) {
    const set = map.get(id)
    if (set) set.add(prop)
    else map.set(id, new Set([prop]))
  }

  /**
   * Callbacks with an Input that may be `key`: exact for string ids; for a dict id (concrete, or a
   * pattern) every callback with an overlapping pattern Input.
   */
  consumers(key: PropKey): readonly CallbackSpec[] {
    const plain = this.#byInput.get(key)
    if (plain || key.charCodeAt(0) !== 123 /* { */) return plain ?? EMPTY
    return this.#overlapping(this.#inputPatterns, key)
  }

  /** The callback writing `key`, if any (a dict id: the callback whose pattern Output may write it). */
  producer(key: PropKey): CallbackSpec | undefined {
    const plain = this.#byOutput.get(key)
    if (plain || key.charCodeAt(0) !== 123) return plain
    return this.#overlapping(this.#outputPatterns, key)[0]
  }

  #overlapping(index: Map<string, PatternUse[]>, key: PropKey): readonly CallbackSpec[] {
    const { id, prop } = splitKey(key)
    const p = parseDictId(id)
    if (!p) return EMPTY
    const out: CallbackSpec[] = []
    for (const u of index.get(shapeOf(p)) ?? [])
      if (u.dep.prop === prop && patternsOverlap(u.dep.pattern!, p) && !out.includes(u.spec)) out.push(u.spec)
    return out
  }

  /** Callbacks with an Output on component `id` (R6, R20a). */
  callbacksWithOutputOn(id: ComponentId): readonly CallbackSpec[] {
    return this.#outputIds.get(id) ?? EMPTY
  }

  /** Callbacks with an Input on component `id` (R20b). */
  callbacksWithInputOn(id: ComponentId): readonly CallbackSpec[] {
    return this.#inputIds.get(id) ?? EMPTY
  }

  /** Props of `id` read by some callback (Inputs and States). */
  readableProps(id: ComponentId): ReadonlySet<string> | undefined {
    return this.#readable.get(id) ?? this.#propsOfDict(id)?.read
  }

  /** Props of `id` written by some callback. */
  writtenProps(id: ComponentId): ReadonlySet<string> | undefined {
    return this.#written.get(id) ?? this.#propsOfDict(id)?.written
  }

  /** True when `id` takes part in the graph at all. */
  involves(id: ComponentId): boolean {
    return this.#readable.has(id) || this.#written.has(id) || this.#propsOfDict(id) !== null
  }

  /**
   * Every prop the callback may write, directly or through the callbacks its outputs feed (R14's
   * `getAllSubsequentOutputsForCallback`). Memoised per graph version.
   */
  subsequentOutputs(spec: CallbackSpec): ReadonlySet<PropKey> {
    let out = this.#subsequent.get(spec)
    if (out) return out
    const acc = new Set<PropKey>()
    const seen = new Set<CallbackSpec>([spec])
    const stack = [spec]
    while (stack.length) {
      const cb = stack.pop()!
      for (const o of cb.outputs) {
        acc.add(o.key)
        for (const next of this.consumers(o.key)) {
          if (!seen.has(next)) {
            seen.add(next)
            stack.push(next)
          }
        }
      }
    }
    out = acc
    this.#subsequent.set(spec, out)
    return out
  }

  /** Longest chain of callbacks upstream of this one: a topological rank for stable ordering. */
  depth(spec: CallbackSpec): number {
    const known = this.#depth.get(spec)
    if (known !== undefined) return known
    this.#depth.set(spec, 0) // guards self-loops (R36) while recursing
    let d = 0
    for (const i of spec.inputs) {
      const p = this.producer(i.key)
      if (p && p !== spec) d = Math.max(d, this.depth(p) + 1)
    }
    this.#depth.set(spec, d)
    return d
  }

  /**
   * A cycle through `spec` across two or more callbacks, as prop keys, or null. Self-loops (a prop
   * that is both Input and Output of one callback) are legal (R36) and skipped.
   */
  #findCycle(spec: CallbackSpec): string[] | null {
    const consumersOf = (key: PropKey): readonly CallbackSpec[] => {
      const list = this.consumers(key).filter((c) => c !== spec)
      return spec.inputs.some((i) => keysOverlap(i.key, key)) ? [...list, spec] : list
    }
    const seen = new Set<CallbackSpec>()
    const walk = (cb: CallbackSpec, path: string[]): string[] | null => {
      for (const o of cb.outputs) {
        for (const next of consumersOf(o.key)) {
          if (next === cb) continue
          if (next === spec) return [...path, o.key]
          if (seen.has(next)) continue
          seen.add(next)
          const found = walk(next, [...path, o.key])
          if (found) return found
        }
      }
      return null
    }
    const found = walk(spec, [])
    return found ? [...found, found[0]!] : null
  }
}
