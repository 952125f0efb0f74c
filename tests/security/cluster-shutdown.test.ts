/**
 * SIGTERM to the primary of `listenCluster`: it stops respawning and drains its workers, each of which
 * refuses new connections, finishes its requests in flight (a stream here) and exits; the primary
 * exits with 0 once they all have. Before, the workers were killed at once and the stream was cut.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { request } from 'node:http'
import { afterEach, expect, it } from 'vitest'
import { liveComponents, updateJson } from './helpers.ts'

const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL')
})

function start(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/security/fixtures/cluster-app.tsx'], {
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  const waiters: [RegExp, (s: string) => void][] = []
  const check = () => {
    for (const w of [...waiters]) {
      const m = w[0].exec(out)
      if (m) (waiters.splice(waiters.indexOf(w), 1), w[1](m[0]))
    }
  }
  child.stdout!.on('data', (d: Buffer) => ((out += d.toString()), check()))
  child.stderr!.on('data', (d: Buffer) => ((out += d.toString()), check()))
  const printed = (re: RegExp) => new Promise<string>((resolve) => (waiters.push([re, resolve]), check()))
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  return { child, printed, exited, output: () => out }
}

function send(
  port: number,
  path: string,
  opts: { method?: string; body?: string; headers?: Record<string, string> } = {}
) {
  let head!: (status: number) => void
  const headers = new Promise<number>((r) => (head = r))
  const done = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers, agent: false },
      (res) => {
        head(res.statusCode!)
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode!, text }))
        res.on('error', reject)
      }
    )
    req.on('error', reject)
    req.end(opts.body)
  })
  return { headers, done }
}

it('SIGTERM: a stream in flight finishes, new connections are refused, the primary exits with 0', async () => {
  // The stream stays open 5 s: time enough, on a loaded machine, to see new connections refused meanwhile.
  const server = start({ SLOW_MS: '5000' })
  const line = await Promise.race([
    server.printed(/running on http:\/\/127\.0\.0\.1:(\d+)\/ \(2 workers\)/),
    server.exited.then((c) => `exited ${c}: ${server.output()}`),
  ])
  const port = Number(/:(\d+)\//.exec(line)?.[1])
  expect(port, line).toBeGreaterThan(0)

  const page = liveComponents((await send(port, '/').done).text)
  const body = JSON.stringify(updateJson(page, ['in.value'], { 'in.value': 'streamed' }))
  const stream = send(port, '/_hd/update', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
  })
  await server.printed(/started streamed/)
  expect(await stream.headers).toBe(200)

  const signalled = performance.now()
  server.child.kill('SIGTERM')
  await server.printed(/SIGTERM: no new connections; draining 2 worker\(s\)\./)
  // The workers close their listeners at once; the primary's shared socket closes with the last one.
  let refused = ''
  let refusedAt = 0
  let streamDone = false
  void stream.done.then(() => (streamDone = true))
  const attempts: string[] = []
  for (let i = 0; i < 60 && !refused; i++) {
    // A connection the kernel accepted as the listener closed may hang until its worker exits (a
    // race inside node:cluster's round-robin hand-off): give each attempt 500 ms, then try again.
    const r = await Promise.race([
      send(port, '/').done.then(
        (x) => `answered ${x.status}`,
        (e: NodeJS.ErrnoException) => e.code ?? String(e)
      ),
      new Promise<string>((res) => setTimeout(() => res('no answer in 500 ms'), 500)),
    ])
    attempts.push(r)
    if (r === 'ECONNREFUSED') ((refused = r), (refusedAt = performance.now() - signalled))
    else await new Promise((res) => setTimeout(res, 50))
  }
  expect(refused, attempts.join(', ')).toBe('ECONNREFUSED')
  expect(streamDone).toBe(false)

  expect(await stream.done).toEqual({
    status: 200,
    text: 'data: <template id="out" hx-swap-oob="hd" hd-children="" hd-cb="0">done streamed</template>\n\n',
  })
  expect(await server.exited).toBe(0)
  const ms = performance.now() - signalled
  expect(server.output()).toContain('every worker has stopped; exiting with code 0.')
  // No worker was started again after the signal.
  expect(server.output().match(/running on/g)?.length).toBe(1)
  console.info(
    `cluster drained in ${ms.toFixed(0)} ms after SIGTERM (the stream needed ~5000 ms), new connections refused after ${refusedAt.toFixed(0)} ms`
  )
})
