/**
 * @module plain-response
 * The update route's answer on its fast path: a complete body and every header (the app's security
 * headers included) in one plain record, built once per answer. Marked, so that the middlewares
 * around the route (security.ts, limits.ts) leave it alone: reading `headers` or `body` of a
 * response makes @hono/node-server build a full WHATWG Headers or Response, which cost more than
 * the rest of a small update.
 */

const PLAIN = Symbol('hyperdash.plainResponse')

/** Headers every answer carries (the security headers and the CSP), computed once per app. */
export type HeaderRecord = Readonly<Record<string, string>>

/** A complete, non-streamed response whose headers are final. */
export function plainResponse(body: string | null, status: number, headers: HeaderRecord): Response {
  const res = new Response(body, { status, headers: headers as Record<string, string> })
  ;(res as unknown as Record<symbol, boolean>)[PLAIN] = true
  return res
}

/** True for a response made by {@link plainResponse}. */
export const isPlain = (res: Response): boolean => (res as unknown as Record<symbol, boolean>)[PLAIN] === true
