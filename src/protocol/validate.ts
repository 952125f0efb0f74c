/**
 * @module validate
 * Checks an update request against the graph (the allow-list, DESIGN.md §1.7), the components'
 * signatures and their prop schemas, and turns it into the engine's inputs.
 */
import type { CallbackSpec } from '../core/callback.ts'
import { RequestError } from './errors.ts'
import type { Graph } from '../core/graph.ts'
import { chainIds } from '../core/closure.ts'
import { Carried } from '../core/carry.ts'
import { splitKey, type PropKey } from '../core/ids.ts'
import { PageState, type ComponentRecord } from '../core/page.ts'
import { externalPending } from '../core/plan.ts'
import { carriesValue } from './attrs.ts'
import { nullProto, own, parseBrowserValue, resolve, type ComponentRegistry } from './components.ts'
import type { UpdateRequest } from './request.ts'
import type { StartRequest } from '../core/run.ts'
import { callsForInput } from '../core/resolve.ts'
import { matchString, type MatchValues } from '../core/wildcards.ts'
import type { ComponentState, Signer } from './state.ts'
import { readJobToken, type JobToken } from './job-token.ts'

/** What validation needs from the app. */
export interface ValidationContext {
  graph: Graph
  signer: Signer
  components: ComponentRegistry
}

export interface ValidatedUpdate {
  page: PageState
  start: StartRequest[]
  external: Set<PropKey>
  /** Each component's state as the page sent it (`data-hd`): an answer may send only what changed. */
  states: Map<string, string>
  /** Components to render again because the event changed a prop of theirs that re-renders them. */
  rerender: Set<string>
  /**
   * Ids the request says nothing about: a user event carries only the components its chain may read
   * or write (src/core/closure.ts), so another id missing from it may still be on the page. Undefined
   * when the request vouches for every id (a re-ask carries the whole page).
   */
  unseen?: Carried
  /** The background jobs the page holds, and those it re-attaches to (job-token.ts). */
  jobs?: { held: readonly JobToken[]; attach: readonly JobToken[] }
}

function parseState(id: string, json: string): ComponentState {
  let s: unknown
  try {
    s = JSON.parse(json)
  } catch {
    throw new RequestError(`The state of component '${id}' is not valid JSON.`)
  }
  const st = s as ComponentState
  if (
    typeof st !== 'object' ||
    st === null ||
    typeof st.kind !== 'string' ||
    typeof st.props !== 'object' ||
    st.props === null ||
    typeof st.read !== 'object'
  ) {
    throw new RequestError(`The state of component '${id}' does not have the form {kind, props, read}.`)
  }
  return st
}

const unknownKey = (key: string) =>
  new RequestError(
    `'${key}' is not an Input of any callback of this app. A request may only change props that callbacks ` +
      `declare as Input.`
  )

/** Validates the request and builds the page, the starting callbacks and the external pending props. */
export function validateUpdate(body: UpdateRequest, app: ValidationContext): ValidatedUpdate {
  const { graph, signer } = app
  const records: ComponentRecord[] = []
  const states = new Map<string, string>()
  for (const [id, c] of Object.entries(body.components)) {
    if (!signer.verify(id, c.state, c.sig)) {
      throw new RequestError(
        `The state of component '${id}' has a wrong signature: it was altered, or signed with another secret. ` +
          `Reload the page; if several server processes serve this app, give them the same HYPERDASH_SECRET.`
      )
    }
    const state = parseState(id, c.state)
    const spec = app.components.require(state.kind)
    // Wire names index these objects: no prototype, so `valueOf` or `__proto__` are plain missing keys.
    const props = nullProto({ ...state.props })
    const readable = graph.readableProps(id)
    for (const [prop, value] of Object.entries(c.values ?? {})) {
      if (!own(spec.browser, prop)) {
        throw new RequestError(`'${id}.${prop}' is not a prop the browser owns on a ${state.kind} component.`)
      }
      if (!readable?.has(prop) && !carriesValue(spec, prop)) {
        throw new RequestError(
          `'${id}.${prop}' is not an Input or State of any callback, so it may not be sent.`
        )
      }
      const parsed = parseBrowserValue(spec, prop, value, props)
      if (!parsed.ok) throw new RequestError(`Invalid value for '${id}.${prop}': ${parsed.message}`, 422)
      props[prop] = parsed.value
    }
    records.push({ id, kind: state.kind, props, parent: c.parent ?? null })
    states.set(id, c.state)
  }
  const page = new PageState(records)

  // One start request per call (a callback, with MATCH values when it has MATCH), by its key.
  // `match` undefined: a MATCH callback handed back for every item its changed props set off.
  const start = new Map<string, { cb: CallbackSpec; changed: PropKey[]; match?: MatchValues | null }>()
  const add = (cb: CallbackSpec, match: MatchValues | null | undefined, k: PropKey | null) => {
    const key = `${cb.index}:${matchString(match ?? null)}`
    const s = start.get(key) ?? { cb, changed: [], match }
    if (k !== null && !s.changed.includes(k)) s.changed.push(k)
    start.set(key, s)
  }
  const rerender = new Set<string>()
  for (const key of body.changed ?? []) {
    const consumers = graph.consumers(key)
    const { id, prop } = splitKey(key)
    const rec = page.get(id)
    const self = rec && own(app.components.require(rec.kind).browser, prop)?.rerender
    if (consumers.length === 0 && !(self && resolve(self, rec.props))) throw unknownKey(key)
    if (!rec) throw new RequestError(`The changed prop '${key}' belongs to a component that was not sent.`)
    if (self && resolve(self, rec.props)) rerender.add(id)
    // Client-side callbacks ran in the page already (R45): the server runs the others.
    if (consumers.length)
      for (const c of callsForInput(graph, page, key)) if (!c.cb.clientside) add(c.cb, c.match, key)
  }
  for (const { callback: index, changed, match } of body.reask ?? []) {
    const cb = graph.callbacks[index]
    if (!cb) throw new RequestError(`There is no callback number ${index} in this app.`)
    if (cb.clientside)
      throw new RequestError(`The callback ${cb.name} runs in the browser, not on the server.`)
    const m = !cb.matchKeys.length ? null : match ? pickMatch(cb, match) : undefined
    for (const k of changed) {
      if (!graph.consumers(k).includes(cb))
        throw new RequestError(`'${k}' is not an Input of the callback ${cb.name}.`)
      add(cb, m, k)
    }
    add(cb, m, null)
  }
  const pendingCbs = (body.pending?.reask ?? []).map((i) => {
    const cb = graph.callbacks[i]
    if (!cb) throw new RequestError(`There is no callback number ${i} in this app.`)
    return cb
  })
  for (const key of body.pending?.changed ?? []) if (graph.consumers(key).length === 0) throw unknownKey(key)
  const external = externalPending(graph, body.pending?.changed ?? [], pendingCbs)
  const changed = body.changed ?? []
  // What the page listed for this event (`hd-carry`): ids it names but did not send are off the page.
  const known = changed.length && !body.reask?.length ? chainIds(graph, changed) : null
  const sent = known ? new Set(states.keys()) : null
  const unseen = known ? new Carried(known, (id) => sent!.has(id)) : undefined
  const jobs = body.jobs?.length || body.attach?.length ? readJobs(body, app, start) : undefined
  return { page, start: [...start.values()], external, states, rerender, unseen, ...(jobs ? { jobs } : {}) }
}

/** The job tokens a request carries; each one it re-attaches to names a call it asks for again. */
function readJobs(
  body: UpdateRequest,
  app: ValidationContext,
  start: ReadonlyMap<string, { cb: CallbackSpec }>
): NonNullable<ValidatedUpdate['jobs']> {
  const held = (body.jobs ?? []).map((t) => readJobToken(app.signer, t))
  const attach = (body.attach ?? []).map((t) => readJobToken(app.signer, t))
  for (const t of attach)
    if (![...start.values()].some((s) => s.cb.index === t.callback))
      throw new RequestError(
        `A job to re-attach to belongs to callback number ${t.callback}, which the request does not ask for (reask).`
      )
  return { held, attach }
}

/** The MATCH values of a re-asked call, checked against the callback's MATCH keys. */
function pickMatch(cb: CallbackSpec, match: Record<string, string | number | boolean>): MatchValues {
  const keys = Object.keys(match).sort()
  if (keys.length !== cb.matchKeys.length || keys.some((k, i) => k !== cb.matchKeys[i]))
    throw new RequestError(
      `The MATCH values sent for the callback ${cb.name} do not have its MATCH keys (${cb.matchKeys.join(', ')}).`
    )
  return match
}
