/**
 * SIGTERM on one process: it stops accepting connections, finishes the requests in flight (a plain
 * answer and a stream), closes idle keep-alive connections, and exits with 0; past its time limit it
 * cuts what still runs and exits with 1.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { Agent, request } from 'node:http'
import { afterEach, expect, it } from 'vitest'
import { liveComponents, updateJson } from './helpers.ts'

const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL')
})

interface Server {
  child: ChildProcess
  port: number
  /** Resolves when stdout has printed a line matching `re`. */
  printed(re: RegExp): Promise<string>
  exited: Promise<number | null>
}

async function start(env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/security/fixtures/shutdown-app.tsx'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  const waiters: [RegExp, (s: string) => void][] = []
  const check = () => {
    for (const w of [...waiters]) {
      const m = w[0].exec(out)
      if (m) {
        waiters.splice(waiters.indexOf(w), 1)
        w[1](m[0])
      }
    }
  }
  child.stdout!.on('data', (d: Buffer) => ((out += d.toString()), check()))
  child.stderr!.on('data', (d: Buffer) => ((out += d.toString()), check()))
  const printed = (re: RegExp) => new Promise<string>((resolve) => (waiters.push([re, resolve]), check()))
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  const line = await Promise.race([
    printed(/running on http:\/\/127\.0\.0\.1:(\d+)/),
    exited.then((c) => `exited ${c}: ${out}`),
  ])
  const port = Number(/:(\d+)/.exec(line)?.[1])
  expect(port).toBeGreaterThan(0)
  return { child, port, printed, exited }
}

interface Sent {
  status: number
  type: string | undefined
  text: string
}

/** Sends a request; `headers` resolves when the answer's head arrives, `done` with the whole answer. */
function send(
  port: number,
  path: string,
  opts: { method?: string; body?: string; headers?: Record<string, string>; agent?: Agent | false } = {}
) {
  let head!: (status: number) => void
  const headers = new Promise<number>((r) => (head = r))
  const done = new Promise<Sent>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        agent: opts.agent ?? false,
      },
      (res) => {
        head(res.statusCode!)
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], text }))
        res.on('error', reject)
      }
    )
    req.on('error', reject)
    req.end(opts.body)
  })
  return { headers, done }
}

async function update(port: number, value: string, accept?: string) {
  const page = liveComponents((await send(port, '/').done).text)
  const body = JSON.stringify(updateJson(page, ['in.value'], { 'in.value': value }))
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    origin: `http://127.0.0.1:${port}`,
  }
  if (accept) headers['accept'] = accept
  return send(port, '/_hd/update', { method: 'POST', body, headers })
}

it('finishes the requests in flight, refuses new connections, exits with 0', async () => {
  const server = await start()
  // An idle kept-alive connection must not hold the shutdown back.
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 })
  expect((await send(server.port, '/', { agent: keepAlive }).done).status).toBe(200)

  const plain = await update(server.port, 'plain')
  const stream = await update(server.port, 'streamed', 'text/event-stream')
  await server.printed(/started plain/)
  await server.printed(/started streamed/)
  // The slow chain has turned into a stream (its head is out) before the signal comes.
  expect(await stream.headers).toBe(200)

  server.child.kill('SIGTERM')
  await server.printed(/SIGTERM: no new connections; waiting for 2 request\(s\) in flight\./)
  const refused = await send(server.port, '/').done.then(
    (r) => `answered ${r.status}`,
    (e: NodeJS.ErrnoException) => e.code
  )
  expect(refused).toBe('ECONNREFUSED')

  server.child.stdin!.write('go\n')
  expect(await plain.done).toEqual({
    status: 200,
    type: 'text/html; charset=UTF-8',
    text: '<template id="out" hx-swap-oob="hd" hd-children="" hd-cb="0">done plain</template>',
  })
  expect(await stream.done).toEqual({
    status: 200,
    type: 'text/event-stream',
    text: 'data: <template id="out" hx-swap-oob="hd" hd-children="" hd-cb="0">done streamed</template>\n\n',
  })
  expect(await server.exited).toBe(0)
  keepAlive.destroy()
})

it('cuts requests still running after the time limit and exits with 1', async () => {
  const server = await start({ SHUTDOWN_TIMEOUT_MS: '300' })
  const stuck = (await update(server.port, 'stuck')).done.then(
    (r) => `answered ${r.status}`,
    (e: NodeJS.ErrnoException) => e.code
  )
  await server.printed(/started stuck/)
  server.child.kill('SIGTERM')
  await server.printed(/1 request\(s\) still running after 300 ms: cutting them off\./)
  expect(await stuck).toBe('ECONNRESET')
  expect(await server.exited).toBe(1)
})
