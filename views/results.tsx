/**
 * @module results
 * Turns callback results into the fragments of a response: one OOB template per changed output,
 * error fragments, and the metadata of deferred callbacks.
 */
import type { CallbackSpec } from '../src/core/callback.ts'
import { splitKey, type ComponentId, type PropKey } from '../src/core/ids.ts'
import type { CallbackResult } from '../src/core/run.ts'
import { stateAttrs } from '../src/protocol/attrs.ts'
import { own } from '../src/protocol/components.ts'
import { CLICK_TS_ATTR, CLICKS_ATTR, SIG_ATTR, STATE_ATTR } from '../src/protocol/constants.ts'
import { CallbackErrorView, ErrorSwap } from './errors.tsx'
import { AttrSwap, ChildrenSwap, Meta, MorphSwap, type DeferredMeta } from './oob.tsx'
import type { MatchValues } from '../src/core/wildcards.ts'
import { renderComponent, renderTree, safeUrls, toHtml, type RenderOptions } from './render.ts'

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
  const written = new Map<ComponentId, { props: Set<string>; cbs: Set<string> }>()
  const replaced = new Set<ComponentId>()
  const parts: unknown[] = []
  for (const r of results) {
    if (r.status === 'error' && r.error) {
      parts.push(
        <ErrorSwap target={o.errorsId}>
          <CallbackErrorView error={r.error} dev={o.dev} requestId={o.requestId} />
        </ErrorSwap>
      )
    }
    for (const key of r.written) {
      const { id, prop } = splitKey(key)
      const w = written.get(id) ?? { props: new Set(), cbs: new Set() }
      w.props.add(prop)
      w.cbs.add(callToken(r.call))
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
      parts.push(
        <MorphSwap id={id} cbs={cbs}>
          {renderComponent(id, component, o)}
        </MorphSwap>
      )
      continue
    }
    if (w.props.has('children'))
      parts.push(
        <ChildrenSwap id={id} cbs={cbs}>
          {renderTree(rec.props['children'], o)}
        </ChildrenSwap>
      )
    const readable = o.graph.readableProps(id)
    let stateChanged = false
    for (const prop of w.props) {
      if (readable?.has(prop) && !own(spec.browser, prop)) stateChanged = true
      if (prop === 'children') continue
      const name = own(ATTRIBUTE, prop) ?? prop
      const value = rec.props[prop]
      const attrs =
        name.startsWith('data-') && name !== prop ? { [name]: value ?? '' } : safeUrls({ [prop]: value })
      parts.push(<AttrSwap id={id} cbs={cbs} names={name} attrs={attrs} />)
    }
    if (stateChanged) {
      parts.push(
        <AttrSwap id={id} cbs={cbs} names={`${STATE_ATTR} ${SIG_ATTR}`} attrs={stateAttrs(rec, o)} />
      )
    }
  }
  return parts.length ? toHtml(parts) : ''
}

/**
 * A call's identity in `hd-cb` (space-separated): the callback's index, with its MATCH values
 * (`3:[1]`); `%` and whitespace escaped, as a dict value may hold spaces. The client compares tokens.
 */
export const callToken = (call: string) => call.replace(/[%\s]/g, (c) => encodeURIComponent(c))

/** The metadata fragment listing deferred callbacks, or '' when there are none. */
export async function renderDeferred(
  deferred: readonly { cb: CallbackSpec; changed: PropKey[]; match?: MatchValues }[]
): Promise<string> {
  if (!deferred.length) return ''
  return toHtml(
    <Meta
      deferred={deferred.map((d): DeferredMeta =>
        d.match ? [d.cb.index, d.changed, d.match] : [d.cb.index, d.changed]
      )}
    />
  )
}

/**
 * Renders again the components an event changed a `rerender` prop of (a table's native paging), unless
 * a callback's result already did. Returns '' when there are none.
 */
export async function renderRerenders(
  ids: ReadonlySet<ComponentId>,
  results: readonly CallbackResult[],
  o: RenderOptions
): Promise<string> {
  const parts: unknown[] = []
  for (const id of ids) {
    const rec = o.page.get(id)
    if (!rec || results.some((r) => r.written.some((k) => splitKey(k).id === id))) continue
    const component = o.components.require(rec.kind).component
    if (component)
      parts.push(
        <MorphSwap id={id} cbs="">
          {renderComponent(id, component, o)}
        </MorphSwap>
      )
  }
  return parts.length ? toHtml(parts) : ''
}
