/**
 * @module writes
 * Resolves one value a callback writes (an output or a `setProps` prop) against the page: a `Patch`
 * is applied to the value the page holds, in Dash's JSON form (R33), and kept as list edits when the
 * page can take just those (views/results.tsx sends only the items that changed).
 */
import type { CallbackSpec } from './callback.ts'
import { CallbackError, messages } from './errors.ts'
import { splitKey, type ComponentId, type PropKey } from './ids.ts'
import type { ComponentRecord } from './page.ts'
import { isPartial } from './unseen.ts'
import type { Graph } from './graph.ts'
import {
  applyPatch,
  isPatch,
  listEdits,
  operationsOf,
  PatchError,
  type ListEdit,
  type PatchOperation,
} from './patch.ts'

/** How `Patch` sees and makes values; given by the server (views/tree.ts). */
export interface WriteForms {
  /** A value in Dash's JSON form (elements as `{ type, props }`): what patches act on. */
  toData(value: unknown): unknown
  /** Elements again, from Dash's JSON form (a patched `children` is rendered). */
  fromData(value: unknown): unknown
  /** True when an item of a list (in JSON form) renders as exactly one element. */
  single(item: unknown): boolean
  /** True when the page can apply list edits to `prop` of a component of `kind` (an element's children). */
  editable(kind: string, prop: string): boolean
}

export interface ResolvedWrite {
  /** The new value (undefined when not `known`). */
  value: unknown
  /** False when the server does not hold the prop's value and sends only edits. */
  known: boolean
  edits?: ListEdit[]
  /** Ids of the components inside the list items the edits take out. */
  removed?: ComponentId[]
}

interface ResolveOptions {
  forms?: WriteForms
  checkProp?: (kind: string, prop: string, value: unknown) => string | null
  scan: (value: unknown, parent: ComponentId) => { id: ComponentId }[]
  graph: Pick<Graph, 'readableProps'>
}

const keys = (cb: CallbackSpec) => cb.outputs.map((d) => d.key)

/** Resolves `value` written to `key` of `rec` by `cb`; throws a CallbackError for a patch that fails. */
export function resolveWrite(
  cb: CallbackSpec,
  rec: ComponentRecord,
  key: PropKey,
  value: unknown,
  o: ResolveOptions
): ResolvedWrite {
  if (!isPatch(value)) return { value, known: true }
  const { prop } = splitKey(key)
  const forms = o.forms
  const fail = (why: string) => {
    throw new CallbackError(messages.badPatch(cb.name, key, rec.kind, why), cb.name, keys(cb))
  }
  const toData = forms ? forms.toData : (v: unknown) => v
  const ops: PatchOperation[] = operationsOf(value).map((op) =>
    op.params.value === undefined ? op : { ...op, params: { ...op.params, value: toData(op.params.value) } }
  )
  const editable = forms?.editable(rec.kind, prop) ?? false
  const single = forms?.single ?? (() => false)
  const revive = (items: readonly unknown[]) => (forms ? items.map(forms.fromData) : items)
  const withItems = (edits: ListEdit[]) =>
    edits.map((e) => ('items' in e ? { ...e, items: revive(e.items) } : e)) as ListEdit[]
  let held = Object.prototype.hasOwnProperty.call(rec.props, prop) ? rec.props[prop] : undefined
  // An element's children travel when a callback reads them: absent then means none (`<ul />`),
  // unless the request did not carry the element at all (unseen.ts).
  const partial = isPartial(rec)
  if (held === undefined && editable && !partial && o.graph.readableProps(rec.id)?.has(prop)) held = []
  if (held === undefined) {
    // The page did not send this prop (no callback reads it): edits that need no value still apply.
    // Not carried, and signed in its state (a callback reads it): its new value is needed, not edits.
    const signed = partial && o.graph.readableProps(rec.id)?.has(prop)
    const edits = editable && !signed ? listEdits(undefined, ops, single) : null
    if (edits) return { value: undefined, known: false, edits: withItems(edits) }
    return fail(
      partial
        ? `this event's request did not carry '${rec.id}', so the server does not hold its current value. ` +
            `Make '${key}' a State of this callback (then its events carry it), or set the whole value`
        : 'Cannot patch undefined: the server does not hold its current value. Make it a State of this ' +
            'callback (then it travels with the page), or set the whole value'
    )
  }
  const before = toData(held)
  let after: unknown
  try {
    after = applyPatch(before, ops)
  } catch (err) {
    return fail(err instanceof PatchError ? err.message : String(err))
  }
  const next = prop === 'children' && forms ? forms.fromData(after) : after
  const why = o.checkProp?.(rec.kind, prop, next)
  if (why) fail(`the patched value is not accepted: ${why}`)
  const edits = editable && Array.isArray(before) ? listEdits(before, ops, single) : null
  if (!edits) return { value: next, known: true }
  return {
    value: next,
    known: true,
    edits: withItems(edits),
    removed: removedIds(before as unknown[], edits, rec.id, o),
  }
}

/** The components inside the items that `edits` take out of `list` (or replace). */
function removedIds(list: readonly unknown[], edits: ListEdit[], parent: ComponentId, o: ResolveOptions) {
  const work = [...list]
  const gone: unknown[] = []
  for (const e of edits) {
    if (e.edit === 'append') work.push(...e.items)
    else if (e.edit === 'prepend') work.unshift(...e.items)
    else if (e.edit === 'insert') work.splice(e.index, 0, ...e.items)
    else if (e.edit === 'remove') gone.push(...work.splice(e.index, 1))
    else if (e.edit === 'replace') gone.push(...work.splice(e.index, 1, ...e.items))
    else gone.push(...work.splice(0))
  }
  const forms = o.forms
  return gone.length ? o.scan(forms ? gone.map(forms.fromData) : gone, parent).map((r) => r.id) : []
}
