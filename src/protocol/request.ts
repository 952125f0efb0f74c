/**
 * @module request
 * Parses the update request's body (zod): the shape only. Meaning is checked in validate.ts.
 */
import { z } from 'zod'
import { RequestError } from './errors.ts'
import { BODY_FIELD } from './constants.ts'

const key = z.string().min(3).max(512)
const component = z.strictObject({
  /** The component's signed state JSON, as rendered in `data-hd`. */
  s: z.string().max(1_000_000),
  /** Its signature, as rendered in `data-hd-sig`. */
  g: z.string().max(128),
  /** The id of the nearest enclosing component, or null. */
  p: z.string().max(256).nullable().optional(),
  /** Browser-owned prop values. */
  v: z.record(z.string().max(64), z.unknown()).optional(),
})

export const updateBody = z.strictObject({
  /** Props the user just changed. */
  t: z.array(key).max(64).optional(),
  /** Callbacks the client asks for again, each with the props that triggered it (deferred, R14). */
  cb: z
    .array(z.tuple([z.number().int().min(0), z.array(key).max(256)]))
    .max(1024)
    .optional(),
  /** What requests still in flight were started by: their trigger props and re-asked callbacks. */
  pending: z
    .strictObject({
      t: z.array(key).max(1024).optional(),
      cb: z.array(z.number().int().min(0)).max(4096).optional(),
    })
    .optional(),
  /** Every component of the page that takes part in the graph, by id. */
  c: z.record(z.string().min(1).max(256), component),
})

export type UpdateBody = z.infer<typeof updateBody>

/** Turns a form body into an {@link UpdateBody}, or throws a 400 {@link RequestError} saying what is wrong. */
export function parseUpdateBody(form: Record<string, unknown>): UpdateBody {
  const raw = form[BODY_FIELD]
  if (typeof raw !== 'string') {
    throw new RequestError(
      `The update request has no \`${BODY_FIELD}\` field. Requests to this route come from hyperdash's ` +
        `htmx extension (static/hyperdash.js); send a form field \`${BODY_FIELD}\` holding the JSON request.`
    )
  }
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    throw new RequestError(`The \`${BODY_FIELD}\` field is not valid JSON.`)
  }
  const parsed = updateBody.safeParse(json)
  if (!parsed.success) {
    throw new RequestError(`The update request is malformed:\n${z.prettifyError(parsed.error)}`)
  }
  return parsed.data
}
