/**
 * @module page
 * What the server knows of one page during one request: the components present, their props, and
 * which component contains which (R18–R24 need "inside the inserted chunk" and "still on the page").
 */
import { splitKey, type ComponentId, type PropKey } from './ids.ts'
import { idForUser, parseDictId, shapeOf, type DictId } from './wildcards.ts'

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
  /** Children by parent id: removing a subtree walks the subtree, not the page. */
  #kids = new Map<ComponentId, Set<ComponentId>>()
  /** Dict ids by shape (sorted keys): what a pattern is resolved against (R41). */
  #byShape = new Map<string, Set<ComponentId>>()
  /** Document order of every id, computed when first needed after a change. */
  #order: Map<ComponentId, number> | null = null

  constructor(records: Iterable<ComponentRecord> = []) {
    for (const r of records) this.add(r)
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
    // A component's `id` is readable (Dash's `State(MATCH, 'id')`): a dict id as its object.
    if (prop === 'id') return this.#recs.has(id) ? idForUser(id) : null
    const props = this.#recs.get(id)?.props
    // Own props only: a prop named `valueOf` or `constructor` is unset, never Object.prototype's.
    const v = props && Object.prototype.hasOwnProperty.call(props, prop) ? props[prop] : undefined
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
    const had = this.#recs.get(rec.id)
    if (had?.parent != null) this.#kids.get(had.parent)?.delete(rec.id)
    this.#recs.set(rec.id, rec)
    this.#order = null
    const dict = parseDictId(rec.id)
    if (dict) {
      const shape = shapeOf(dict)
      const set = this.#byShape.get(shape)
      if (set) set.add(rec.id)
      else this.#byShape.set(shape, new Set([rec.id]))
    }
    if (rec.parent !== null) {
      const set = this.#kids.get(rec.parent)
      if (set) set.add(rec.id)
      else this.#kids.set(rec.parent, new Set([rec.id]))
    }
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

  /** Removes component `id` and every component inside it (a list item taken out). */
  removeSubtree(id: ComponentId): ComponentId[] {
    const rec = this.#recs.get(id)
    if (!rec) return []
    const gone = this.removeInside(id)
    if (rec.parent !== null) this.#kids.get(rec.parent)?.delete(id)
    this.#recs.delete(id)
    return [...gone, id]
  }

  /** Removes every component inside `ancestor` (its children were replaced); returns their ids. */
  removeInside(ancestor: ComponentId): ComponentId[] {
    const gone: ComponentId[] = []
    const seen = new Set([ancestor])
    const stack = [ancestor]
    while (stack.length) {
      const at = stack.pop()!
      for (const id of this.#kids.get(at) ?? []) {
        // A record's parent is the truth (a record may have been re-added under another parent).
        if (seen.has(id) || this.#recs.get(id)?.parent !== at) continue
        seen.add(id)
        gone.push(id)
        stack.push(id)
      }
      this.#kids.delete(at)
    }
    for (const id of gone) {
      this.#recs.delete(id)
      const dict = parseDictId(id)
      if (dict) this.#byShape.get(shapeOf(dict))?.delete(id)
    }
    if (gone.length) this.#order = null
    return gone
  }

  /**
   * The dict ids on the page with keys `shape`, in document order (ALL and ALLSMALLER lists follow
   * the page as it is now, R40).
   */
  dictIds(shape: string): { id: ComponentId; dict: DictId }[] {
    const set = this.#byShape.get(shape)
    if (!set || set.size === 0) return []
    const ids = [...set]
    if (ids.length > 1) {
      const order = this.#documentOrder()
      ids.sort((a, b) => order.get(a)! - order.get(b)!)
    }
    return ids.map((id) => ({ id, dict: parseDictId(id) as DictId }))
  }

  /**
   * Document order: the top-level records as they came (the page's order), each followed by the
   * records inside it, depth first; a replaced subtree's records are re-added in their order.
   */
  #documentOrder(): Map<ComponentId, number> {
    if (this.#order) return this.#order
    const order = new Map<ComponentId, number>()
    const visit = (id: ComponentId) => {
      if (order.has(id)) return
      order.set(id, order.size)
      for (const k of this.#kids.get(id) ?? []) if (this.#recs.get(k)?.parent === id) visit(k)
    }
    for (const r of this.#recs.values()) if (r.parent === null || !this.#recs.has(r.parent)) visit(r.id)
    this.#order = order
    return order
  }
}
