/**
 * @module graph
 * The callback graph: indexes by prop key and by component id, rejects duplicate outputs and cycles
 * across callbacks (R37) at registration, and answers the planner's questions in O(affected).
 */
import type { CallbackSpec } from './callback.ts'
import { ConfigError, messages } from './errors.ts'
import type { ComponentId, PropKey } from './ids.ts'

const EMPTY: readonly CallbackSpec[] = Object.freeze([])

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

  /** Adds a callback, or throws a {@link ConfigError} and leaves the graph unchanged. */
  add(spec: CallbackSpec): void {
    for (const o of spec.outputs) {
      const other = this.#byOutput.get(o.key)
      // Dash's allow_duplicate: a clash only between two Outputs that do not allow it.
      const clash = other && !o.allowDuplicate && !other.outputs.find((d) => d.key === o.key)?.allowDuplicate
      if (other && clash) throw new ConfigError(messages.duplicateOutput(o.key, other.name, spec.name))
    }
    const cycle = this.#findCycle(spec)
    if (cycle) throw new ConfigError(messages.cycle(cycle))
    this.callbacks.push(spec)
    for (const o of spec.outputs) {
      if (!this.#byOutput.has(o.key)) this.#byOutput.set(o.key, spec)
      push(this.#outputIds, o.id, spec)
      this.#mark(this.#written, o.id, o.prop)
    }
    for (const d of spec.inputs) {
      push(this.#byInput, d.key, spec)
      push(this.#inputIds, d.id, spec)
      this.#mark(this.#readable, d.id, d.prop)
    }
    for (const d of spec.states) this.#mark(this.#readable, d.id, d.prop)
    this.#subsequent.clear()
    this.#depth.clear()
  }

  #mark(map: Map<ComponentId, Set<string>>, id: ComponentId, prop: string) {
    const set = map.get(id)
    if (set) set.add(prop)
    else map.set(id, new Set([prop]))
  }

  /** Callbacks with `key` as an Input. */
  consumers(key: PropKey): readonly CallbackSpec[] {
    return this.#byInput.get(key) ?? EMPTY
  }

  /** The callback writing `key`, if any. */
  producer(key: PropKey): CallbackSpec | undefined {
    return this.#byOutput.get(key)
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
    return this.#readable.get(id)
  }

  /** Props of `id` written by some callback. */
  writtenProps(id: ComponentId): ReadonlySet<string> | undefined {
    return this.#written.get(id)
  }

  /** True when `id` takes part in the graph at all. */
  involves(id: ComponentId): boolean {
    return this.#readable.has(id) || this.#written.has(id)
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
      const p = this.#byOutput.get(i.key)
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
      return spec.inputs.some((i) => i.key === key) ? [...list, spec] : list
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
