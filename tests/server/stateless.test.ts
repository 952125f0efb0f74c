/**
 * Stateless (DESIGN.md §1.3): two server processes started from the same code and secret; the page
 * comes from one, every update goes to the other, and the answers are the same.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { renderPage } from '../../src/testing.ts'

const children: ChildProcess[] = []

function start(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/prime-factors.tsx'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        HYPERDASH_SECRET: 'shared-secret-for-two-processes',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    const timer = setTimeout(() => reject(new Error('the example did not start in 20 s')), 20_000)
    child.stdout!.on('data', (d: Buffer) => {
      const m = /running on (http:\/\/\S+?)\/?\s/.exec(d.toString())
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!.replace(/\/$/, ''))
      }
    })
    child.on('exit', (code) => reject(new Error(`the example exited with ${code}`)))
  })
}

let a: string
let b: string
beforeAll(async () => {
  const base = 20000 + Math.floor(Math.random() * 20000)
  ;[a, b] = await Promise.all([start(base), start(base + 1)])
})
afterAll(() => {
  for (const c of children) c.kill('SIGTERM')
})

it('answers from process B an update built from the page of process A', async () => {
  // The page comes from A over HTTP; the browser (happy-dom, with the real extension) builds the request.
  const page = await renderPage({ fetch: (r) => fetch(r) }, '/', { origin: a })
  const request = await page.capture({ id: 'num', value: 360 })
  const send = async (to: string) => {
    const path = new URL(request.url).pathname
    return fetch(to + path, { method: 'POST', headers: request.headers, body: await request.clone().text() })
  }
  const fromB = await send(b)
  const fromA = await send(a)
  expect(fromB.status).toBe(200)
  const html = await fromB.text()
  expect(html).toContain(
    '<template id="out" hx-swap-oob="hd" hd-children="" hd-cb="0">360 is 2 * 2 * 2 * 3 * 3 * 5</template>'
  )
  expect(html).toBe(await fromA.text())
  await page.close()
})
