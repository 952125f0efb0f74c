/**
 * @module redis
 * A real Redis for the tests: Debian's `redis-server` on a free loopback port, no persistence, its
 * own empty data; stopped (and its data gone) when the test file ends.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, connect } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const REDIS_SERVER = process.env['REDIS_SERVER_PATH'] ?? '/usr/bin/redis-server'

export interface RedisInstance {
  url: string
  port: number
  /** Stops the server (SIGTERM, then SIGKILL after 2 s) and removes its directory. */
  stop(): Promise<void>
  /** Kills it at once, as a crash would (for the "Redis lost" tests); `start` may bring it back. */
  kill(): Promise<void>
  /** Starts it again on the same port after {@link kill}. */
  restart(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1')
    sock.setTimeout(500)
    sock.once('connect', () => sock.write('PING\r\n'))
    sock.once('data', (d) => (sock.destroy(), resolve(d.toString().startsWith('+PONG'))))
    sock.once('error', () => resolve(false))
    sock.once('timeout', () => (sock.destroy(), resolve(false)))
  })
}

async function waitReady(port: number, proc: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) throw new Error(`redis-server exited with code ${proc.exitCode}`)
    if (await ping(port)) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`redis-server did not answer on 127.0.0.1:${port} within 5 s`)
}

/** Starts a Redis on a free loopback port. */
export async function startRedis(): Promise<RedisInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'hd-redis-'))
  const port = await freePort()
  let proc: ChildProcess
  const launch = async () => {
    proc = spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' }
    )
    await waitReady(port, proc)
  }
  await launch()
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve()
      const t = setTimeout(() => proc.kill('SIGKILL'), 2000)
      proc.once('exit', () => (clearTimeout(t), resolve()))
      proc.kill(signal)
    })
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await end('SIGTERM')
      rmSync(dir, { recursive: true, force: true })
    },
    kill: () => end('SIGKILL'),
    restart: launch,
  }
}
