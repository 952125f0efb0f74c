/**
 * @module render-results
 * Turns callback results into the fragments of a response: one OOB template per changed output,
 * error fragments, and the metadata of deferred callbacks.
 */
import { jsx } from 'hono/jsx'
import type { CallbackSpec } from '../core/callback.ts'
import { splitKey, type ComponentId, type PropKey } from '../core/ids.ts'
import type { CallbackResult } from '../core/run.ts'
import { stateAttrs } from '../protocol/attrs.ts'
import { CLICK_TS_ATTR, CLICKS_ATTR, SIG_ATTR, STATE_ATTR } from '../protocol/constants.ts'
import { own } from '../protocol/components.ts'
import { CallbackErrorView, ErrorSwap } from '../../views/errors.tsx'
import { AttrSwap, ChildrenSwap, Meta, MorphSwap } from '../../views/oob.tsx'
import { renderComponent, renderTree, safeUrls, toHtml, type RenderOptions } from '../../views/render.ts'

/** Dash prop → HTML attribute, where they differ. */
const ATTRIBUTE: Record<string, string> = {
  className: 'class',
  htmlFor: 'for',
  n_clicks: CLICKS_ATTR,
  n_clicks_timestamp: CLICK_TS_ATTR,
}

export interface RenderResultsOptions extends RenderOptions {
  dev: boolean
  requestId?: string
  /** The id of the app's error area. */
  errorsId?: string
}

/** Renders a batch of results against the page as it is now. Returns '' when nothing changed. */
export async function renderResults(
  results: readonly CallbackResult[],
  o: RenderResultsOptions
): Promise<string> {
  const written = new Map<ComponentId, { props: Set<string>; cbs: Set<number> }>()
  const replaced = new Set<ComponentId>()
  const parts: unknown[] = []
  for (const r of results) {
    if (r.status === 'error' && r.error) {
      parts.push(
        jsx(
          ErrorSwap,
          { target: o.errorsId },
          jsx(CallbackErrorView, { error: r.error, dev: o.dev, requestId: o.requestId })
        )
      )
    }
    for (const key of r.written) {
      const { id, prop } = splitKey(key)
      const w = written.get(id) ?? { props: new Set(), cbs: new Set() }
      w.props.add(prop)
      w.cbs.add(r.cb.index)
      written.set(id, w)
      if (prop === 'children') replaced.add(id)
    }
  }
  for (const [id, w] of written) {
    const rec = o.page.get(id)
    if (!rec) continue // removed later in the batch
    // Rendered inside an ancestor whose children this batch replaces: the swap of the ancestor carries it.
    if ([...replaced].some((a) => a !== id && o.page.isInside(id, a))) continue
    const cbs = [...w.cbs].join(' ')
    const spec = o.components.require(rec.kind)
    const component = spec.component
    if (spec.rerender && component) {
      parts.push(jsx(MorphSwap, { id, cbs }, renderComponent(id, component, o) as never))
      continue
    }
    if (w.props.has('children'))
      parts.push(jsx(ChildrenSwap, { id, cbs }, renderTree(rec.props['children'], o) as never))
    const readable = o.graph.readableProps(id)
    let stateChanged = false
    for (const prop of w.props) {
      if (readable?.has(prop) && !own(spec.browser, prop)) stateChanged = true
      if (prop === 'children') continue
      const name = own(ATTRIBUTE, prop) ?? prop
      const value = rec.props[prop]
      const attrs =
        name.startsWith('data-') && name !== prop
          ? { [name]: value ?? '' }
          : safeUrls({ [prop]: value })
      parts.push(jsx(AttrSwap, { id, cbs, names: name, attrs }))
    }
    if (stateChanged) {
      parts.push(jsx(AttrSwap, { id, cbs, names: `${STATE_ATTR} ${SIG_ATTR}`, attrs: stateAttrs(rec, o) }))
    }
  }
  return parts.length ? toHtml(parts) : ''
}

/** The metadata fragment listing deferred callbacks, or '' when there are none. */
export async function renderDeferred(
  deferred: readonly { cb: CallbackSpec; changed: PropKey[] }[]
): Promise<string> {
  if (!deferred.length) return ''
  return toHtml(jsx(Meta, { deferred: deferred.map((d) => [d.cb.index, d.changed] as [number, string[]]) }))
}

/** `Server-Timing` entries, one per callback run. */
export function serverTiming(results: readonly CallbackResult[]): string {
  return results
    .map((r) => `cb${r.cb.index};desc=${JSON.stringify(`${r.cb.name} (${r.status})`)};dur=${r.ms}`)
    .join(', ')
}
