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
})

export type UpdateRequest = z.infer<typeof updateRequest>

/** Checks a parsed JSON body; throws a 400 {@link RequestError} saying what is wrong. */
export function parseUpdateRequest(json: unknown): UpdateRequest {
  const parsed = updateRequest.safeParse(json)
  if (!parsed.success) {
    throw new RequestError(`The update request is malformed:\n${z.prettifyError(parsed.error)}`)
  }
  return parsed.data
}
