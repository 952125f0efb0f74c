/**
 * @module shutdown
 * Graceful shutdown of a Node server on SIGTERM (and SIGINT): stop accepting connections, let the
 * requests in flight finish (streams included), close idle keep-alive connections, clean up, exit.
 * Requests still running after `timeoutMs` have their connections cut and the exit code is 1.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http'

export interface ShutdownOptions {
  /** Signals that start the shutdown. Default: `['SIGTERM', 'SIGINT']`. */
  signals?: readonly NodeJS.Signals[]
  /** Longest wait for requests in flight, in ms. Default: 10 000. */
  timeoutMs?: number
  logger?: Pick<Console, 'info' | 'warn'>
  /** Runs once the server is closed, before exiting (terminate worker threads, close pools). */
  onClosed?: () => unknown
  /** Ends the process. Default: `process.exit`. */
  exit?: (code: number) => void
}

export interface Shutdown {
  /** Starts the shutdown (what the signal does); resolves with the exit code, after `exit` was called. */
  shutdown(reason?: string): Promise<number>
  /** Requests running now. */
  readonly inFlight: number
  /** Removes the signal handlers (the server stays up). */
  dispose(): void
}

/** Installs the signal handlers for `server` and tracks its requests in flight. */
export function gracefulShutdown(server: Server, o: ShutdownOptions = {}): Shutdown {
  const signals = o.signals ?? ['SIGTERM', 'SIGINT']
  const timeoutMs = o.timeoutMs ?? 10_000
  const logger = o.logger ?? console
  const exit = o.exit ?? ((code: number) => process.exit(code))
  const active = new Set<ServerResponse>()
  let closing: Promise<number> | null = null

  const closeIdle = () => setImmediate(() => server.closeIdleConnections())
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    active.add(res)
    // A request arriving on a kept-alive connection during the shutdown is served, then its connection closes.
    if (closing && !res.headersSent) res.setHeader('Connection', 'close')
    res.once('close', () => {
      active.delete(res)
      if (closing) closeIdle()
    })
  })

  function shutdown(reason = 'shutdown requested'): Promise<number> {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      for (const res of active) if (!res.headersSent) res.setHeader('Connection', 'close')
      logger.info(
        `hyperdash: ${reason}: no new connections; waiting for ${active.size} request(s) in flight.`
      )
      let forced = false
      const timer = setTimeout(() => {
        forced = true
        logger.warn(
          `hyperdash: ${active.size} request(s) still running after ${timeoutMs} ms: cutting them off.`
        )
        server.closeAllConnections()
      }, timeoutMs)
      await closed
      clearTimeout(timer)
      try {
        await o.onClosed?.()
      } catch (err) {
        logger.warn(`hyperdash: cleaning up after the server closed failed: ${String(err)}`)
      }
      const code = forced ? 1 : 0
      logger.info(`hyperdash: server closed; exiting with code ${code}.`)
      dispose()
      exit(code)
      return code
    })()
    return closing
  }

  const onSignal = (signal: NodeJS.Signals) => void shutdown(signal)
  for (const s of signals) process.on(s, onSignal)
  function dispose() {
    for (const s of signals) process.off(s, onSignal)
  }
  return {
    shutdown,
    get inFlight() {
      return active.size
    },
    dispose,
  }
}
