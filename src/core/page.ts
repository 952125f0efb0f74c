/**
 * @module page
 * What the server knows of one page during one request: the components present, their props, and
 * which component contains which (R18–R24 need "inside the inserted chunk" and "still on the page").
 */
import { splitKey, type ComponentId, type PropKey } from './ids.ts'

export interface ComponentRecord {
  readonly id: ComponentId
  /** The component kind: an HTML tag (`div`, `button`) or a component name (`dcc.Input`). */
  readonly kind: string
  /** Current props. Unset props are absent and read as `null` (R9). */
  props: Record<string, unknown>
  /** The nearest enclosing component that takes part in the graph, or null at the top. */
  parent: ComponentId | null
}

export class PageState {
  #recs = new Map<ComponentId, ComponentRecord>()

  constructor(records: Iterable<ComponentRecord> = []) {
    for (const r of records) this.#recs.set(r.id, r)
  }

  has(id: ComponentId): boolean {
    return this.#recs.has(id)
  }

  get(id: ComponentId): ComponentRecord | undefined {
    return this.#recs.get(id)
  }

  /** The value of `id.prop`; `null` when the prop is unset or the component is absent (R9). */
  value(key: PropKey): unknown {
    const { id, prop } = splitKey(key)
    const v = this.#recs.get(id)?.props[prop]
    return v === undefined ? null : v
  }

  /** Writes a prop; returns false when the component is not on the page (R18: silently ignored). */
  set(key: PropKey, value: unknown): boolean {
    const { id, prop } = splitKey(key)
    const rec = this.#recs.get(id)
    if (!rec) return false
    rec.props = { ...rec.props, [prop]: value }
    return true
  }

  add(rec: ComponentRecord): void {
    this.#recs.set(rec.id, rec)
  }

  ids(): IterableIterator<ComponentId> {
    return this.#recs.keys()
  }

  records(): IterableIterator<ComponentRecord> {
    return this.#recs.values()
  }

  /** True when `id` sits (at any depth) inside component `ancestor`. */
  isInside(id: ComponentId, ancestor: ComponentId): boolean {
    let at = this.#recs.get(id)?.parent ?? null
    for (let guard = 0; at !== null && guard < 10_000; guard++) {
      if (at === ancestor) return true
      at = this.#recs.get(at)?.parent ?? null
    }
    return false
  }

  /** Removes every component inside `ancestor` (its children were replaced); returns their ids. */
  removeInside(ancestor: ComponentId): ComponentId[] {
    const gone = [...this.#recs.keys()].filter((id) => this.isInside(id, ancestor))
    for (const id of gone) this.#recs.delete(id)
    return gone
  }
}
