/**
 * @module form
 * The page as an HTML form, for browsers without JavaScript (docs/wire.md, "Without JavaScript").
 * The form is an empty `<form>` beside the layout (views/document.tsx); every live component's
 * browser-owned prop that a native control can carry is a field of it, named `hd:<id>.<prop>` and
 * tied to it by the `form` attribute; a live `<button>` submits `hd:click=<id>`; the hidden default
 * button (Enter) submits `hd:submit`; one hidden field `hd:state` holds the signed state of every
 * component. A post is turned into the update request the JSON route takes ({@link formToUpdate}):
 * the props whose posted value differs from the page's are `changed`, a pressed button's `n_clicks`
 * goes up by one, Enter counts the `n_submit` of the field it was pressed in when that can be told
 * ({@link enteredIn}). The request is then checked as any other (signatures, allow-list, schemas:
 * validate.ts).
 */
import { z } from 'zod'
import type { Graph } from '../core/graph.ts'
import type { ComponentRecord } from '../core/page.ts'
import { carriesValue } from './attrs.ts'
import { own, resolve, type ComponentRegistry, type ComponentSpec, type FormKind } from './components.ts'
import { FORM_CLICK_FIELD, FORM_STATE_FIELD, FORM_SUBMIT_FIELD } from './constants.ts'
import { RequestError } from './errors.ts'
import type { UpdateRequest } from './request.ts'
import type { ComponentState } from './state.ts'

/** The prefix of every field the page's form posts. */
export const FIELD_PREFIX = 'hd:'

/** The name of the form field carrying `id.prop`: `hd:num.value`. */
export const fieldName = (id: string, prop: string) => `${FIELD_PREFIX}${id}.${prop}`

/** The component id and prop a field name `hd:<id>.<prop>` names (null: not such a name). */
export function parseFieldName(name: string): { id: string; prop: string } | null {
  if (!name.startsWith(FIELD_PREFIX)) return null
  const key = name.slice(FIELD_PREFIX.length)
  const dot = key.lastIndexOf('.')
  return dot <= 0 ? null : { id: key.slice(0, dot), prop: key.slice(dot + 1) }
}

/** The form kind of a reader, when its definition gives none. */
const BY_READER: Record<string, FormKind> = { value: 'text', number: 'number', checked: 'list', radio: 'one' }

/** How the form carries `prop` of a component (null: it does not). */
export function formKindOf(
  spec: ComponentSpec,
  prop: string,
  props: Record<string, unknown>
): FormKind | null {
  const bp = own(spec.browser, prop)
  if (!bp) return null
  if (bp.form !== undefined) return resolve(bp.form, props)
  return own(BY_READER, resolve(bp.read, props)) ?? null
}

/**
 * The form field names of a live component, by prop: the browser-owned props its state carries
 * (an Input or State of some callback, or kept for a re-render) that a native control can post.
 */
export function formFields(
  rec: ComponentRecord,
  o: { graph: Graph; components: ComponentRegistry }
): Record<string, string> | undefined {
  const spec = o.components.require(rec.kind)
  const readable = o.graph.readableProps(rec.id)
  let out: Record<string, string> | undefined
  for (const prop of Object.keys(spec.browser)) {
    if (!readable?.has(prop) && !carriesValue(spec, prop)) continue
    if (formKindOf(spec, prop, rec.props) === null) continue
    ;(out ??= {})[prop] = fieldName(rec.id, prop)
  }
  return out
}

/** A JSON field's value; text that is no JSON stays text, so the prop's schema refuses it (422). */
function json(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return s
  }
}

/** True when the page's form has a file field (dcc.Upload): it then posts `multipart/form-data`. */
export function hasFileField(
  records: Iterable<ComponentRecord>,
  o: { graph: Graph; components: ComponentRegistry }
): boolean {
  for (const rec of records) {
    const fields = formFields(rec, o)
    if (!fields) continue
    const spec = o.components.require(rec.kind)
    if (Object.keys(fields).some((prop) => formKindOf(spec, prop, rec.props) === 'file')) return true
  }
  return false
}

/** The value a field's posted strings stand for (a `file` field: the chosen files' names). */
export function decodeField(kind: FormKind, values: readonly string[]): unknown {
  const num = (s: string) => {
    if (s.trim() === '') return null
    const n = Number(s)
    // Not a number: the string itself, so the prop's schema refuses it with a message (422).
    return Number.isFinite(n) ? n : s
  }
  switch (kind) {
    case 'text':
      return values[0] ?? null
    case 'number':
      return values.length ? num(values[0]!) : null
    case 'one':
      return values[0] ?? null
    case 'list':
      return [...values]
    case 'numbers':
      return values.map(num)
    case 'json':
      return values.length ? json(values[0]!) : null
    case 'file':
      return values.filter((v) => v !== '')
  }
}

/** Empty text and null are the same value to a form (an empty field posts ''). */
const blank = (v: unknown) => v === null || v === undefined || v === ''
const asStrings = (v: unknown) => (Array.isArray(v) ? v.map((x) => String(x)) : [])

/** True when a posted value is the one the page had (so the user did not change it). */
export function sameValue(kind: FormKind, posted: unknown, was: unknown): boolean {
  if (kind === 'list' || kind === 'numbers') {
    if (blank(was)) return Array.isArray(posted) && posted.length === 0
    return JSON.stringify(asStrings(posted)) === JSON.stringify(asStrings(was))
  }
  if (blank(posted) || blank(was)) return blank(posted) && blank(was)
  if (kind === 'json') return JSON.stringify(posted) === JSON.stringify(was)
  if (kind === 'number') return Number(posted) === Number(was)
  return String(posted) === String(was)
}

/** What `hd:state` holds once its signature is checked: each component's signed state and the page's props. */
export const formPayload = z.strictObject({
  form: z.literal(1),
  components: z.record(
    z.string().min(1).max(1024),
    z.strictObject({
      state: z.string().max(1_000_000),
      sig: z.string().max(128),
      parent: z.string().min(1).max(1024).nullable(),
    })
  ),
  /** Every component's props as the page shows them (isolate-codec's encoding: JSX survives). */
  props: z.record(z.string(), z.record(z.string(), z.unknown())),
})
export type FormPayload = z.infer<typeof formPayload>

/** A refusal naming a field the page's form never has. */
const unknownField = (name: string, why: string) =>
  new RequestError(
    `The form field '${name.slice(0, 120)}' is not one this page's form has: ${why}. A page without ` +
      'JavaScript posts only the fields hyperdash renders (hd:<id>.<prop>, hd:click, hd:submit, hd:state); give ' +
      'other controls no `name`, or make them components.'
  )

function stateOf(id: string, json: string): ComponentState {
  try {
    const st = JSON.parse(json) as ComponentState
    if (st && typeof st === 'object' && typeof st.read === 'object' && st.read !== null) return st
  } catch {}
  throw new RequestError(`The state of component '${id}' is not valid JSON of the form {kind, props, read}.`)
}

export interface FormContext {
  graph: Graph
  components: ComponentRegistry
  /** Milliseconds since the epoch, for `n_clicks_timestamp`. */
  now?: () => number
}

/**
 * The update request a form post stands for. `fields`: the posted fields but `hd:state`, in order;
 * `payload`: `hd:state`, its signature already checked; `was`: each component's props as the page
 * showed them (decoded from `payload.props`). Throws a 400 {@link RequestError} for a field the
 * page's form does not have, or a second pressed button.
 */
export function formToUpdate(
  fields: readonly [string, string][],
  payload: FormPayload,
  was: Record<string, Record<string, unknown>>,
  o: FormContext
): UpdateRequest {
  const states = new Map<string, ComponentState>()
  const state = (id: string) => {
    let st = states.get(id)
    if (!st) states.set(id, (st = stateOf(id, payload.components[id]!.state)))
    return st
  }
  const posted = new Map<string, string[]>()
  let clicked: string | null = null
  let submitted = false
  for (const [name, value] of fields) {
    if (name === FORM_STATE_FIELD) continue
    if (name === FORM_CLICK_FIELD) {
      if (clicked !== null && clicked !== value)
        throw new RequestError('The form names two pressed buttons (hd:click); a post presses one.')
      if (!own(payload.components, value))
        throw unknownField(`${name}=${value}`, `there is no component '${value.slice(0, 80)}' on the page`)
      clicked = value
      continue
    }
    if (name === FORM_SUBMIT_FIELD) {
      submitted = true
      continue
    }
    const parsed = parseFieldName(name)
    if (!parsed) throw unknownField(name, 'it is not a hyperdash field')
    const { id, prop } = parsed
    if (!own(payload.components, id))
      throw unknownField(name, `there is no component '${id.slice(0, 80)}' on the page`)
    const st = state(id)
    const spec = o.components.require(st.kind)
    if (!own(st.read, prop) || formKindOf(spec, prop, st.props) === null)
      throw unknownField(name, `'${prop.slice(0, 64)}' of '${id.slice(0, 80)}' is not a form field`)
    const list = posted.get(name) ?? []
    if (list.length >= 10_000)
      throw new RequestError(`The form field '${name.slice(0, 120)}' repeats too often.`)
    list.push(value)
    posted.set(name, list)
  }

  const changed: string[] = []
  const isInput = (key: string) => o.graph.consumers(key as never).length > 0
  const components: UpdateRequest['components'] = {}
  /** Ids whose text or number field the post changed; and those of them that count `n_submit`. */
  const typed = new Set<string>()
  const submitters: string[] = []
  for (const [id, c] of Object.entries(payload.components)) {
    const st = state(id)
    const spec = o.components.require(st.kind)
    const before = own(was, id) ?? {}
    const values: Record<string, unknown> = {}
    // Only what the post changed is sent: the rest is as the page showed it (form-route.ts puts
    // back the page's props), and a value as sent would not always pass for one (a table's `data`
    // is sent as its edits; a `selected_rows` the page never set is no null).
    if (own(st.read, 'n_submit')) submitters.push(id)
    for (const prop of Object.keys(st.read)) {
      const kind = formKindOf(spec, prop, st.props)
      if (kind === null) continue
      const strings = posted.get(fieldName(id, prop))
      // A text or number field missing from the post was disabled: its value stays; so does a JSON
      // one (posted only by the button pressed) and a file one. An unchecked box or radio posts
      // nothing: the list is empty, the choice null.
      if (strings === undefined && kind !== 'list' && kind !== 'numbers' && kind !== 'one') continue
      const value = decodeField(kind, strings ?? [])
      if (kind === 'file') {
        if ((value as string[]).length)
          chooseFiles(id, st, value as string[], values, (k) => isInput(k) && changed.push(k))
        continue
      }
      if (sameValue(kind, value, own(before, prop) ?? null)) continue
      values[prop] = value
      if (kind === 'text' || kind === 'number') typed.add(id)
      if (isInput(`${id}.${prop}`)) changed.push(`${id}.${prop}`)
    }
    components[id] = { state: c.state, sig: c.sig, parent: c.parent, values }
  }
  const count = (id: string, n: string, at: string) => {
    const values = components[id]!.values!
    const st = state(id)
    if (own(st.read, n)) {
      const shown = own(own(was, id) ?? {}, n)
      values[n] = (typeof shown === 'number' ? shown : 0) + 1
      if (isInput(`${id}.${n}`)) changed.push(`${id}.${n}`)
    }
    if (own(st.read, at)) {
      values[at] = (o.now ?? Date.now)()
      if (isInput(`${id}.${at}`)) changed.push(`${id}.${at}`)
    }
  }
  if (clicked !== null) count(clicked, 'n_clicks', 'n_clicks_timestamp')
  else if (submitted) {
    const id = enteredIn(submitters, typed)
    if (id !== null) count(id, 'n_submit', 'n_submit_timestamp')
  }
  return { changed, components }
}

/**
 * The field Enter was pressed in, when the form's hidden default button posted (`hd:submit`):
 * a browser does not say which field had focus, so it is the one field counting `n_submit` whose
 * text changed; or, when no text field changed at all, the page's only field counting `n_submit`.
 * Otherwise (several such fields changed, or the changed text is in another field) none: the post
 * still applies every change (docs/pages.md, "Without JavaScript").
 */
export function enteredIn(submitters: readonly string[], typed: ReadonlySet<string>): string | null {
  const changed = submitters.filter((id) => typed.has(id))
  if (changed.length === 1) return changed[0]!
  return changed.length === 0 && typed.size === 0 && submitters.length === 1 ? submitters[0]! : null
}

/**
 * dcc.Upload's files chosen in a form (a `file` field): `filename` from the posted names, `contents`
 * null until the form route reads the files (src/server/form-route.ts, as the upload route does),
 * `last_modified` null (a multipart body carries no modification time).
 */
function chooseFiles(
  id: string,
  st: ComponentState,
  names: string[],
  values: Record<string, unknown>,
  change: (key: string) => void
) {
  const many = st.props['multiple'] === true
  const set = { contents: null, filename: many ? names : names[0]!, last_modified: null }
  for (const [prop, v] of Object.entries(set)) {
    if (!own(st.read, prop)) continue
    values[prop] = v
    change(`${id}.${prop}`)
  }
}
