/**
 * @module serve-local
 * Serves a fetch handler in this process on 127.0.0.1 (a free port), for round trips measured one
 * request at a time.
 */
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'

export function serveLocal(
  fetch: (req: Request) => Response | Promise<Response>
): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      })
    })
  })
}
