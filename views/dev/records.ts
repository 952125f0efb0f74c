/**
 * @module dev/records
 * What the dev page knows of one request: plain data copied from the server's update events, so
 * the ring buffer holds no page state and no callback closures.
 */
import type { CallbackStatus } from '../../src/core/run.ts'
import type { PropKey } from '../../src/core/ids.ts'

/** A callback's fate in one request: run (with a result), or handed back to the browser. */
export type RunStatus = CallbackStatus | 'deferred'

export interface DevRun {
  /** The callback's registration index and name. */
  readonly index: number
  readonly name: string
  readonly status: RunStatus
  /** How long the call took; null when it did not run here (deferred). */
  readonly ms: number | null
  /** The props that triggered it; empty for an initial call. */
  readonly changed: readonly PropKey[]
  /** The outputs it wrote. */
  readonly written: readonly PropKey[]
  readonly initial: boolean
  /** The error message, when it failed. */
  readonly error: string | null
}

export interface DevRequest {
  /** Increasing number of the request in this process's log. */
  readonly seq: number
  readonly requestId: string
  /** `page`: a page render with its initial calls; `update`: one event's POST. */
  readonly kind: 'page' | 'update'
  /** Milliseconds since the epoch, when it ended. */
  readonly at: number
  /** The whole request, in milliseconds. */
  readonly ms: number
  /** The HTTP status it answered with. */
  readonly status: number
  /** In completion order, then the deferred ones. */
  readonly runs: readonly DevRun[]
}

/** Labels of the statuses, as the page shows them. */
export const STATUS_LABEL: Record<RunStatus, string> = {
  updated: 'updated',
  noUpdate: 'no update',
  prevented: 'PreventUpdate',
  error: 'error',
  dropped: 'dropped',
  deferred: 'deferred',
}
