/**
 * Clients that leave while their `worker` callback runs: 99 requests, each aborted after 100 ms. The
 * thread is not torn down per abort (which cost ~140 ms of CPU each: 14 s for 99): calls that had not
 * started leave the queue, the running one finishes; no thread is started, and the process's CPU
 * stays small. Thread starts are capped per second.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { UPDATE_PATH } from '../../src/protocol/constants.ts'
import { WorkerPool } from '../../src/server/isolate.ts'
import { app } from './fixtures/abort-app.tsx'
import { loadPage, ORIGIN, postUpdate, updateJson, type Live } from './helpers.ts'

let page: Map<string, Live>
beforeAll(async () => {
  page = await loadPage(app)
  // Start the thread (importing the app) before measuring.
  const res = await postUpdate(app, updateJson(page, ['n.value'], { 'n.value': 1 }))
  expect(await res.text()).toContain('waited 1 ms')
})
afterAll(() => app.close())

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000

it('99 calls aborted after 100 ms: no thread churn, little CPU, and the next call is answered', async () => {
  const startedBefore = app.workerPool.started
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const body = () => JSON.stringify(updateJson(page, ['n.value'], { 'n.value': 250 }))
  // Three waves of 33 concurrent requests, each client leaving after 100 ms.
  for (let wave = 0; wave < 3; wave++) {
    await Promise.all(
      Array.from({ length: 33 }, async () => {
        const client = new AbortController()
        const timer = setTimeout(() => client.abort(), 100)
        try {
          const res = await app.fetch(
            new Request(ORIGIN + UPDATE_PATH, { method: 'POST', body: body(), signal: client.signal })
          )
          await res.text()
        } catch {
          // the client left
        } finally {
          clearTimeout(timer)
        }
      })
    )
  }
  const next = await postUpdate(app, updateJson(page, ['n.value'], { 'n.value': 2 }))
  expect(await next.text()).toContain('waited 2 ms')
  const cpu = cpuMs(process.cpuUsage(cpu0))
  const wall = performance.now() - t0
  console.info(
    `99 aborted worker calls: ${cpu.toFixed(0)} ms CPU in ${wall.toFixed(0)} ms, threads started: ${app.workerPool.started - startedBefore}`
  )
  expect(app.workerPool.started - startedBefore).toBe(0)
  expect(app.workerPool.threads).toBe(1)
  // Before: ~14 000 ms (a thread terminated and started per abort). The requests themselves cost
  // a few ms each; the bound leaves room for a loaded machine.
  expect(cpu).toBeLessThan(3000)
})

it('caps thread starts per second: calls beyond the cap wait in the queue', async () => {
  const module = new URL('./fixtures/abort-app.tsx', import.meta.url).href
  const pool = new WorkerPool(2, undefined, 1)
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
  try {
    const task = { module, index: 0, id: 'out.children', args: [1500], changed: ['n.value'] }
    const both = Promise.all([pool.run(task), pool.run(task)])
    await sleep(300)
    // Two calls want two threads; one may start in a second: the second call waits.
    expect(pool.started).toBe(1)
    await sleep(1000)
    expect(pool.started).toBe(2)
    expect(await both).toEqual(['waited 1500 ms', 'waited 1500 ms'])
  } finally {
    await pool.close()
  }
})
