/**
 * @module job-token
 * The token a page holds for a background job it started: which job, for which call of which
 * callback, signed with the app's state keys (state.ts) so that a page can only cancel or re-attach to
 * jobs this app gave it. Travels in the page's `hd-meta` (views/results.tsx) and back in the update
 * request's `jobs` (src/protocol/request.ts). Plain text: `<payload base64url>.<signature>`.
 */
import { RequestError } from './errors.ts'
import type { Signer } from './state.ts'

/** What a job token says. */
export interface JobToken {
  /** The job's id in the queue (random, or derived from `cacheBy`). */
  readonly job: string
  /** The callback's registration index. */
  readonly callback: number
  /** The call (run.ts): the callback's index with its MATCH values. */
  readonly call: string
  /** The token as the page holds it. */
  readonly text: string
}

const SCOPE = 'hd-job'

export function signJobToken(signer: Signer, t: Omit<JobToken, 'text'>): string {
  const json = JSON.stringify([t.job, t.callback, t.call])
  return `${Buffer.from(json).toString('base64url')}.${signer.sign(SCOPE, json)}`
}

/** Reads a token the page sent back; a forged or malformed one is a 400. */
export function readJobToken(signer: Signer, text: string): JobToken {
  const dot = text.indexOf('.')
  const json = dot > 0 ? Buffer.from(text.slice(0, dot), 'base64url').toString() : ''
  let parsed: unknown = null
  if (json && signer.verify(SCOPE, json, text.slice(dot + 1))) {
    try {
      parsed = JSON.parse(json)
    } catch {
      parsed = null
    }
  }
  const [job, callback, call] = Array.isArray(parsed) ? (parsed as unknown[]) : []
  if (typeof job !== 'string' || typeof callback !== 'number' || typeof call !== 'string')
    throw new RequestError(
      'A background job token in the request is not one this app signed (altered, or from another ' +
        'secret). Reload the page; if several server processes serve this app, give them the same HYPERDASH_SECRET.'
    )
  return { job, callback, call, text }
}
