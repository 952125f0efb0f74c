/**
 * @module request-id
 * Short ids that tie a client-visible error to the server's log line, and the middleware that gives
 * each request its id and arrival time (`c.var.requestId`, `c.var.startedAt`).
 */
import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import './context.ts'

// randomUUID draws from a cached pool of entropy; randomBytes(6) asks the system each time (~10× slower).
export const requestId = () => randomUUID().slice(0, 8)

/** Sets the request's id and arrival time, first thing. */
export const requestContext: MiddlewareHandler = async (c, next) => {
  c.set('startedAt', performance.now())
  c.set('requestId', requestId())
  await next()
}
