/**
 * @module results
 * Turns callback results into the fragments of a response: one OOB template per changed output,
 * error fragments, and the metadata of deferred callbacks.
 */
import type { CallbackSpec } from '../src/core/callback.ts'
import { CallbackError } from '../src/core/errors.ts'
import type { ComponentRecord } from '../src/core/page.ts'
import { splitKey, type ComponentId, type PropKey } from '../src/core/ids.ts'
import type { CallbackResult } from '../src/core/run.ts'
import { stateAttrs } from '../src/protocol/attrs.ts'
import { own } from '../src/protocol/components.ts'
import { CLICK_TS_ATTR, CLICKS_ATTR, SIG_ATTR, STATE_ATTR } from '../src/protocol/constants.ts'
import { CallbackErrorView, ErrorSwap } from './errors.tsx'
import {
  AttrSwap,
  ChildrenSwap,
  EditSwap,
  Meta,
  MorphSwap,
  StateSpliceSwap,
  StreamMeta,
  type DeferredMeta,
  type StreamJob,
} from './oob.tsx'
import type { ListEdit } from '../src/core/patch.ts'
import type { MatchValues } from '../src/core/wildcards.ts'
import { stateSplice } from '../src/protocol/state-splice.ts'
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
  /**
   * Each component's state as the page holds it (from the request; kept up to date as answers are
   * rendered): a large state that changed a little is sent as a splice.
   */
  states?: Map<string, string>
  /** Told of a component that failed to render (the fragment says so; the server logs it). */
  onRenderError?: (err: unknown) => void
}

/** Renders a batch of results against the page as it is now. Returns '' when nothing changed. */
export async function renderResults(
  results: readonly CallbackResult[],
  o: RenderResultsOptions
): Promise<string> {
  const written = new Map<ComponentId, Written>()
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
      const w = written.get(id) ?? { props: new Set(), cbs: new Set(), edits: [], whole: false }
      w.props.add(prop)
      w.cbs.add(callToken(r.call))
      written.set(id, w)
      const edits = r.edits?.get(key)
      if (prop === 'children' && edits) w.edits.push(...edits)
      else if (prop === 'children') w.whole = true
    }
  }
  for (const [id, w] of written) if (w.whole) replaced.add(id)
  let html = parts.length ? await toHtml(parts) : ''
  for (const [id, w] of written) {
    const rec = o.page.get(id)
    if (!rec) continue // removed later in the batch
    // Rendered inside an ancestor whose children this batch replaces: the swap of the ancestor carries it.
    if ([...replaced].some((a) => a !== id && o.page.isInside(id, a))) continue
    // One component at a time: one that fails to render (a value its render cannot take) becomes an
    // error fragment naming it, and the others still land (issue 15, item 6).
    try {
      html += await toHtml(componentSwaps(id, w, o))
    } catch (err) {
      html += await toHtml(renderFailure(rec, w, results, err, o))
    }
  }
  return html
}

/** What a batch wrote to one component. */
interface Written {
  props: Set<string>
  /** The calls that wrote it, as `hd-cb` tokens ({@link callToken}). */
  cbs: Set<string>
  /** List edits of its `children` (Patch), in order; used unless `whole`. */
  edits: ListEdit[]
  /** Its whole `children` was written. */
  whole: boolean
}

/** The swaps that bring component `id` up to date with the props written to it. */
function componentSwaps(id: ComponentId, w: Written, o: RenderResultsOptions): unknown[] {
  const rec = o.page.get(id)!
  const parts: unknown[] = []
  const cbs = [...w.cbs].join(' ')
  const spec = o.components.require(rec.kind)
  const component = spec.component
  if (spec.rerender && component) {
    return [
      <MorphSwap id={id} cbs={cbs}>
        {renderComponent(id, component, o)}
      </MorphSwap>,
    ]
  }
  if (w.props.has('children') && !w.whole)
    for (const e of w.edits)
      parts.push(
        <EditSwap id={id} cbs={cbs} edit={'index' in e ? `${e.edit} ${e.index}` : e.edit}>
          {'items' in e ? renderTree(e.items, o) : null}
        </EditSwap>
      )
  else if (w.props.has('children'))
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
  if (stateChanged) parts.push(stateSwap(rec, cbs, o))
  return parts
}

/** The component's new signed state: the part that changed when that is much smaller (state-splice.ts). */
function stateSwap(rec: ComponentRecord, cbs: string, o: RenderResultsOptions) {
  const attrs = stateAttrs(rec, o)
  const json = attrs[STATE_ATTR]!
  const old = o.states?.get(rec.id)
  o.states?.set(rec.id, json)
  const splice = old === undefined ? null : stateSplice(old, json)
  if (!splice) return <AttrSwap id={rec.id} cbs={cbs} names={`${STATE_ATTR} ${SIG_ATTR}`} attrs={attrs} />
  return (
    <StateSpliceSwap
      id={rec.id}
      cbs={cbs}
      start={splice.start}
      end={splice.end}
      length={splice.oldLength}
      hash={splice.oldHash}
      insert={splice.insert}
      sig={attrs[SIG_ATTR]!}
    />
  )
}

/** The error fragment of a component that failed to render with the props written to it. */
function renderFailure(
  rec: ComponentRecord,
  w: Written,
  results: readonly CallbackResult[],
  err: unknown,
  o: RenderResultsOptions
) {
  o.onRenderError?.(err)
  const props = [...w.props]
  const names = results.filter((r) => w.cbs.has(callToken(r.call))).map((r) => r.cb.name)
  const why = err instanceof Error ? err.message : String(err)
  const error = new CallbackError(
    `The component '${rec.id}' (${rec.kind}) failed to render with the ${props.map((p) => `'${p}'`).join(', ')} ` +
      `it was given: ${why}. Return a value its ${props.length > 1 ? 'props take' : `\`${props[0]}\` prop takes`}.`,
    [...new Set(names)].join(', '),
    props.map((p) => `${rec.id}.${p}`),
    { cause: err }
  )
  return (
    <ErrorSwap target={o.errorsId}>
      <CallbackErrorView error={error} dev={o.dev} requestId={o.requestId} />
    </ErrorSwap>
  )
}

/** The error fragment of a batch whose rendering failed as a whole. */
export function renderFailedBatch(
  err: unknown,
  results: readonly CallbackResult[],
  o: RenderResultsOptions
): Promise<string> {
  const names = [...new Set(results.map((r) => r.cb.name))].join(', ')
  const error = new CallbackError(
    `Rendering the results of ${names || 'the callbacks'} failed: ${err instanceof Error ? err.message : String(err)}`,
    names,
    results.flatMap((r) => r.written),
    { cause: err }
  )
  return toHtml(
    <ErrorSwap target={o.errorsId}>
      <CallbackErrorView error={error} dev={o.dev} requestId={o.requestId} />
    </ErrorSwap>
  )
}

/**
 * A call's identity in `hd-cb` (space-separated): the callback's index, with its MATCH values
 * (`3:[1]`); `%` and whitespace escaped, as a dict value may hold spaces. The client compares tokens.
 */
export const callToken = (call: string) => call.replace(/[%\s]/g, (c) => encodeURIComponent(c))

/** The metadata fragment listing deferred callbacks, or '' when there are none. */
export async function renderDeferred(
  deferred: readonly { cb: CallbackSpec; changed: PropKey[]; match?: MatchValues }[],
  clientside: readonly { cb: CallbackSpec; changed: PropKey[] }[] = []
): Promise<string> {
  if (!deferred.length && !clientside.length) return ''
  return toHtml(
    <Meta
      deferred={deferred.map((d): DeferredMeta =>
        d.match ? [d.cb.index, d.changed, d.match] : [d.cb.index, d.changed]
      )}
      clientside={clientside.map((d): [number, string[]] => [d.cb.index, d.changed])}
    />
  )
}

/**
 * The metadata of a batch of a streamed answer ({@link StreamMeta}); '' when there is none. Plain
 * answers need none: a job they start has ended by the time they are sent.
 */
export async function renderStreamMeta(batch: readonly CallbackResult[]): Promise<string> {
  const jobs: StreamJob[] = []
  const ended: string[] = []
  const finished: number[] = []
  for (const r of batch) {
    if (r.interim) {
      if (r.job !== undefined) jobs.push(r.match ? [r.cb.index, r.job, r.match] : [r.cb.index, r.job])
    } else {
      if (r.job !== undefined) ended.push(r.job)
      if (r.cb.running && !finished.includes(r.cb.index)) finished.push(r.cb.index)
    }
  }
  if (!jobs.length && !ended.length && !finished.length) return ''
  return toHtml(<StreamMeta jobs={jobs} ended={ended} finished={finished} />)
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
