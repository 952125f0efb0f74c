/**
 * @module request
 * The update request, declared once (zod): the JSON body static/hyperdash.js sends (docs/wire.md).
 * The shape only: its meaning is checked against the graph in validate.ts.
 */
import { z } from 'zod'
import { RequestError } from './errors.ts'

/** `id.prop` */
const key = z.string().min(3).max(1100)
const id = z.string().min(1).max(1024)

const component = z.strictObject({
  /** The component's signed state, as rendered in `data-hd` (a JSON string: the signature covers it). */
  state: z.string().max(1_000_000),
  /** Its signature, as rendered in `data-hd-sig`. */
  sig: z.string().max(128),
  /** The id of the nearest enclosing component, or null. */
  parent: id.nullable().optional(),
  /** Browser-owned prop values, as its readers read them. */
  values: z.record(z.string().max(64), z.unknown()).optional(),
})

export const updateRequest = z.strictObject({
  /** Props the user just changed (`id.prop`). */
  changed: z.array(key).max(64).optional(),
  /** Callbacks asked for again, each with the props that triggered it (deferred by the server, R14). */
  reask: z
    .array(
      z.strictObject({
        callback: z.number().int().min(0),
        changed: z.array(key).max(256),
        /** The MATCH values of a deferred pattern-matching call, as the server listed them. */
        match: z
          .record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean()]))
          .optional(),
      })
    )
    .max(1024)
    .optional(),
  /** What requests still in flight were started by: their changed props and re-asked callbacks. */
  pending: z
    .strictObject({
      changed: z.array(key).max(1024).optional(),
      reask: z.array(z.number().int().min(0)).max(4096).optional(),
    })
    .optional(),
  /** Every component of the page that takes part in the graph, by id. */
  components: z.record(id, component),
  /** Tokens of the background jobs the page holds (job-token.ts): a cancel Input or a new call stops them. */
  jobs: z.array(z.string().max(1024)).max(64).optional(),
  /** Tokens of jobs to re-attach to (a stream dropped, or the page reloaded): their calls are in `reask`. */
  attach: z.array(z.string().max(1024)).max(64).optional(),
})

export type UpdateRequest = z.infer<typeof updateRequest>

/** Checks a parsed JSON body; throws a 400 {@link RequestError} saying what is wrong. */
export function parseUpdateRequest(json: unknown): UpdateRequest {
  // The hand-written check accepts exactly what the schema accepts; zod runs only to word a refusal.
  if (isUpdateRequest(json)) return json
  const parsed = updateRequest.safeParse(json)
  if (!parsed.success) {
    throw new RequestError(`The update request is malformed:\n${z.prettifyError(parsed.error)}`)
  }
  return parsed.data
}

// ─── the fast path: the schema above, by hand ─────────────────────────────────────────────────

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const isString = (v: unknown, min: number, max: number): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max
const isKey = (v: unknown) => isString(v, 3, 512)
const isIndex = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
const isList = (v: unknown, max: number, item: (x: unknown) => boolean) =>
  Array.isArray(v) && v.length <= max && v.every(item)

/** Only `allowed` keys (strict objects), and `required` present. */
function hasOnly(o: Json, allowed: readonly string[], required: readonly string[] = []): boolean {
  for (const k in o) if (!allowed.includes(k)) return false
  for (const k of required) if (!(k in o)) return false
  return true
}

/** A record key zod leaves out of its output (JSON.parse makes it an own key): left to zod. */
const PROTO = '__proto__'
const COMPONENT_KEYS = ['state', 'sig', 'parent', 'values']
const REQUEST_KEYS = ['changed', 'reask', 'pending', 'components', 'jobs', 'attach']
const isToken = (v: unknown) => isString(v, 1, 1024)

function isComponent(c: unknown): boolean {
  if (!isObject(c) || !hasOnly(c, COMPONENT_KEYS, ['state', 'sig'])) return false
  if (!isString(c['state'], 0, 1_000_000) || !isString(c['sig'], 0, 128)) return false
  if ('parent' in c && c['parent'] !== null && !isString(c['parent'], 1, 256)) return false
  if ('values' in c) {
    const values = c['values']
    if (!isObject(values)) return false
    for (const k in values) if (k.length > 64 || k === PROTO) return false
  }
  return true
}

function isReask(r: unknown): boolean {
  return (
    isObject(r) &&
    hasOnly(r, ['callback', 'changed'], ['callback', 'changed']) &&
    isIndex(r['callback']) &&
    isList(r['changed'], 256, isKey)
  )
}

/** The {@link updateRequest} schema, checked by hand (a fraction of zod's cost per request). */
export function isUpdateRequest(v: unknown): v is UpdateRequest {
  if (!isObject(v) || !hasOnly(v, REQUEST_KEYS, ['components'])) return false
  if ('changed' in v && !isList(v['changed'], 64, isKey)) return false
  if ('reask' in v && !isList(v['reask'], 1024, isReask)) return false
  if ('jobs' in v && !isList(v['jobs'], 64, isToken)) return false
  if ('attach' in v && !isList(v['attach'], 64, isToken)) return false
  if ('pending' in v) {
    const p = v['pending']
    if (!isObject(p) || !hasOnly(p, ['changed', 'reask'])) return false
    if ('changed' in p && !isList(p['changed'], 1024, isKey)) return false
    if ('reask' in p && !isList(p['reask'], 4096, isIndex)) return false
  }
  const components = v['components']
  if (!isObject(components)) return false
  for (const id in components)
    if (id === PROTO || id.length < 1 || id.length > 256 || !isComponent(components[id])) return false
  return true
}
