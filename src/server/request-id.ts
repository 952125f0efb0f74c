/**
 * @module request-id
 * Short ids that tie a client-visible error to the server's log line.
 */
import { randomBytes } from 'node:crypto'

export const requestId = () => randomBytes(6).toString('base64url')
