/**
 * @module attrs
 * The attributes that make a component live: its signed state, the htmx request its events send,
 * and its click counter. Components spread them on the element that carries their id.
 */
import type { Graph } from '../core/graph.ts'
import type { ComponentRecord } from '../core/page.ts'
import { chainIds } from '../core/closure.ts'
import { carryToken } from '../core/carry.ts'
import {
  AFFECTS_ATTR,
  CARRY_ATTR,
  CLICK_TS_ATTR,
  CLICKS_ATTR,
  RUNNING_ATTR,
  CLIENT_TRIGGER_ATTR,
  SIG_ATTR,
  STATE_ATTR,
  TRIGGER_ATTR,
} from './constants.ts'
import { own, resolve, type ComponentRegistry, type ComponentSpec } from './components.ts'
import type { ComponentState, Signer } from './state.ts'
import { concreteId, parseDictId, type DictId, type MatchValues } from '../core/wildcards.ts'

const pickValues = (dict: DictId, keys: readonly string[]): MatchValues =>
  Object.fromEntries(keys.map((k) => [k, dict[k]!]))

export interface AttrOptions {
  graph: Graph
  signer: Signer
  /** Absolute path of the update route. */
  updateUrl: string
  /** Serialises prop values for the page (JSX to Dash's JSON form). */
  toJson: (v: unknown) => unknown
  /** The component kinds the app knows. */
  components: ComponentRegistry
}

/** The spec of a component being rendered (its kind is known: the renderer met it). */
export const specOf = (rec: ComponentRecord, o: Pick<AttrOptions, 'components'>): ComponentSpec =>
  o.components.require(rec.kind)

/**
 * A component re-rendered from its state needs its browser-owned `value` back even when no callback
 * reads it: otherwise a callback changing its `max` or `disabled` would reset what the user entered.
 */
export const carriesValue = (spec: ComponentSpec, prop: string) =>
  spec.rerender && own(spec.browser, prop)?.keep === true

/** The DOM event name of an htmx trigger: `input changed delay:300ms` → `input`, `keyup[key=='Enter']` → `keyup`. */
export const eventName = (trigger: string) => /^[^\s[]+/.exec(trigger.trim())?.[0] ?? trigger

/** The component's state as it travels: kind, server-owned props the server needs back, props to send. */
export function componentState(rec: ComponentRecord, o: AttrOptions): ComponentState {
  const spec = specOf(rec, o)
  const readable = o.graph.readableProps(rec.id)
  const props: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(rec.props)) {
    if ((own(spec.browser, k) && !own(spec.browser, k)!.signed) || k === 'id' || v === undefined) continue
    // Large data (a figure): in the page once, sent back only to the callbacks that read it.
    if (spec.heavy?.has(k) && !readable?.has(k)) continue
    // dcc components re-render from their state, so they carry all their props; elements only what callbacks read.
    if (spec.rerender ? k !== 'children' : readable?.has(k)) props[k] = o.toJson(v)
  }
  const read: Record<string, string> = {}
  for (const [k, bp] of Object.entries(spec.browser)) {
    if (readable?.has(k) || carriesValue(spec, k)) read[k] = resolve(bp.read, rec.props)
  }
  return { kind: rec.kind, props, read }
}

/** The signed state attributes alone. */
export function stateAttrs(rec: ComponentRecord, o: AttrOptions): Record<string, string> {
  const json = JSON.stringify(componentState(rec, o))
  return { [STATE_ATTR]: json, [SIG_ATTR]: o.signer.sign(rec.id, json) }
}

/** Every attribute a live component needs, in a fixed order (stable snapshots). */
export function componentAttrs(rec: ComponentRecord, o: AttrOptions): Record<string, string> {
  const spec = specOf(rec, o)
  const attrs: Record<string, string> = {}
  const inputs: string[] = []
  const changes: string[] = []
  const triggers: string[] = []
  const client: string[] = []
  for (const [prop, bp] of Object.entries(spec.browser)) {
    const consumers = o.graph.consumers(`${rec.id}.${prop}`)
    const self = resolve(bp.rerender ?? false, rec.props)
    if (consumers.length === 0 && !self) continue
    const t = resolve(bp.event, rec.props)
    if (t === null) continue
    // Client-side callbacks (R45) run in the page on the event; a request goes only for the others.
    if (consumers.some((cb) => cb.clientside)) client.push(`${prop}:${eventName(t)}`)
    if (consumers.length && consumers.every((cb) => cb.clientside) && !self) continue
    inputs.push(prop)
    changes.push(`${prop}:${eventName(t)}`)
    if (!triggers.includes(t)) triggers.push(t)
  }
  if (inputs.length) {
    const affects = new Set<string>()
    const dict = parseDictId(rec.id) as DictId | null
    for (const prop of inputs) {
      for (const cb of o.graph.consumers(`${rec.id}.${prop}`)) {
        // A MATCH Output of this item's own call: its concrete id (other pattern keys are not ids).
        const match = dict && cb.matchKeys.every((k) => k in dict) ? pickValues(dict, cb.matchKeys) : null
        for (const d of cb.outputs) {
          const id = d.pattern ? concreteId(d.pattern, match) : d.id
          if (id) affects.add(id)
        }
        for (const key of o.graph.subsequentOutputs(cb)) affects.add(key.slice(0, key.lastIndexOf('.')))
      }
    }
    affects.delete(rec.id)
    // Space-separated: ids that are patterns (wildcards) or hold whitespace cannot be listed.
    for (const id of affects) if (/\s/.test(id) || id.includes('["')) affects.delete(id)
    attrs['hx-post'] = o.updateUrl
    attrs['hx-trigger'] = triggers.join(', ')
    attrs['hx-swap'] = 'none'
    // A stable target: htmx drops responses whose target left the page (htmx-hono.md §4).
    attrs['hx-target'] = 'body'
    // Latest request wins for repeated events of one element (R16).
    attrs['hx-sync'] = 'this:replace'
    attrs[TRIGGER_ATTR] = changes.join(' ')
    // Outputs this element's event may change, down the chain: busy until they land (issue #1541 in Dash).
    if (affects.size) attrs[AFFECTS_ATTR] = [...affects].join(' ')
    // Dash's `running` of the callbacks its events run: set by the page while the request is out.
    const running: unknown[][] = []
    const seen = new Set<unknown>()
    for (const prop of inputs) {
      for (const cb of o.graph.consumers(`${rec.id}.${prop}`)) {
        if (seen.has(cb)) continue
        seen.add(cb)
        // With the callback's index: a streamed answer turns each callback's `running` off as it lands.
        for (const r of cb.running ?? [])
          running.push([r.id, r.prop, o.toJson(r.on), o.toJson(r.off), cb.index])
      }
    }
    if (running.length) attrs[RUNNING_ATTR] = JSON.stringify(running)
    // What its requests carry: the components (ids, and selectors of dict ids) its chain may read
    // or write, not the whole page (none listed: the whole page, closure.ts's setProps hint).
    const carry = chainIds(
      o.graph,
      inputs.map((p) => `${rec.id}.${p}`)
    )
    if (carry) attrs[CARRY_ATTR] = [...carry].map(carryToken).join(' ')
  }
  if (client.length) attrs[CLIENT_TRIGGER_ATTR] = client.join(' ')
  const clicks = o.graph.readableProps(rec.id)
  if (clicks?.has('n_clicks') || clicks?.has('n_clicks_timestamp') || 'n_clicks' in rec.props) {
    if (own(spec.browser, 'n_clicks')) {
      attrs[CLICKS_ATTR] = rec.props['n_clicks'] == null ? '' : String(rec.props['n_clicks'])
      if (rec.props['n_clicks_timestamp'] != null)
        attrs[CLICK_TS_ATTR] = String(rec.props['n_clicks_timestamp'])
    }
  }
  return { ...attrs, ...stateAttrs(rec, o) }
}
