/**
 * @module errors
 * What the server answers a client that sent something the graph does not allow: a 4xx.
 * (The engine's own errors, with every message's wording, are in src/core/errors.ts.)
 */

/** A malformed or forbidden request. `status` is the HTTP status to answer with. */
export class RequestError extends Error {
  override name = 'RequestError'
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 413 | 415 | 422 | 503 = 400
  ) {
    super(message)
  }
}
