/**
 * @module attrs
 * The attributes that make a component live: its signed state, the htmx request its events send,
 * and its click counter. Components spread them on the element that carries their id.
 */
import type { Graph } from '../core/graph.ts'
import type { ComponentRecord } from '../core/page.ts'
import { AFFECTS_ATTR, CLICK_TS_ATTR, CLICKS_ATTR, SIG_ATTR, STATE_ATTR, TRIGGER_ATTR } from './constants.ts'
import { kindSpec, type KindSpec } from './kinds.ts'
import type { ComponentState, Signer } from './state.ts'

export interface AttrOptions {
  graph: Graph
  signer: Signer
  /** Absolute path of the update route. */
  updateUrl: string
  /** Serialises prop values for the page (JSX to Dash's JSON form). */
  toJson: (v: unknown) => unknown
}

/**
 * A component re-rendered from its state needs its browser-owned `value` back even when no callback
 * reads it: otherwise a callback changing its `max` or `disabled` would reset what the user entered.
 */
export const carriesValue = (spec: KindSpec, prop: string) => spec.rerender && prop === 'value'

/** The component's state as it travels: kind, server-owned props the server needs back, props to send. */
export function componentState(rec: ComponentRecord, o: AttrOptions): ComponentState {
  const spec = kindSpec(rec.kind)
  const readable = o.graph.readableProps(rec.id)
  const p: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(rec.props)) {
    if (k in spec.browser || k === 'id' || v === undefined) continue
    // dcc components re-render from their state, so they carry all their props; elements only what callbacks read.
    if (spec.rerender ? k !== 'children' : readable?.has(k)) p[k] = o.toJson(v)
  }
  const r = Object.keys(spec.browser).filter((k) => readable?.has(k) || carriesValue(spec, k))
  return { k: rec.kind, p, r }
}

/** The signed state attributes alone. */
export function stateAttrs(rec: ComponentRecord, o: AttrOptions): Record<string, string> {
  const json = JSON.stringify(componentState(rec, o))
  return { [STATE_ATTR]: json, [SIG_ATTR]: o.signer.sign(rec.id, json) }
}

/** Every attribute a live component needs, in a fixed order (stable snapshots). */
export function componentAttrs(rec: ComponentRecord, o: AttrOptions): Record<string, string> {
  const spec = kindSpec(rec.kind)
  const attrs: Record<string, string> = {}
  const inputs: string[] = []
  const triggers: string[] = []
  for (const [prop, bp] of Object.entries(spec.browser)) {
    if (o.graph.consumers(`${rec.id}.${prop}`).length === 0) continue
    const t = bp.trigger(rec.props)
    if (t === null) continue
    inputs.push(prop)
    if (!triggers.includes(t)) triggers.push(t)
  }
  if (inputs.length) {
    const affects = new Set<string>()
    for (const prop of inputs) {
      for (const cb of o.graph.consumers(`${rec.id}.${prop}`)) {
        for (const key of o.graph.subsequentOutputs(cb)) affects.add(key.slice(0, key.lastIndexOf('.')))
      }
    }
    affects.delete(rec.id)
    attrs['hx-post'] = o.updateUrl
    attrs['hx-trigger'] = triggers.join(', ')
    attrs['hx-swap'] = 'none'
    // A stable target: htmx drops responses whose target left the page (htmx-hono.md §4).
    attrs['hx-target'] = 'body'
    // Latest request wins for repeated events of one element (R16).
    attrs['hx-sync'] = 'this:replace'
    attrs[TRIGGER_ATTR] = inputs.join(' ')
    // Outputs this element's event may change, down the chain: busy until they land (issue #1541 in Dash).
    if (affects.size) attrs[AFFECTS_ATTR] = [...affects].join(' ')
  }
  const clicks = o.graph.readableProps(rec.id)
  if (clicks?.has('n_clicks') || clicks?.has('n_clicks_timestamp') || 'n_clicks' in rec.props) {
    if ('n_clicks' in spec.browser) {
      attrs[CLICKS_ATTR] = rec.props['n_clicks'] == null ? '' : String(rec.props['n_clicks'])
      if (rec.props['n_clicks_timestamp'] != null)
        attrs[CLICK_TS_ATTR] = String(rec.props['n_clicks_timestamp'])
    }
  }
  return { ...attrs, ...stateAttrs(rec, o) }
}
