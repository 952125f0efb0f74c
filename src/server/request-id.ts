/**
 * @module request-id
 * Short ids that tie a client-visible error to the server's log line.
 */
import { randomUUID } from 'node:crypto'

// randomUUID draws from a cached pool of entropy; randomBytes(6) asks the system each time (~10× slower).
export const requestId = () => randomUUID().slice(0, 8)
