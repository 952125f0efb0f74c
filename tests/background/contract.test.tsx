/**
 * The web-level contract of background callbacks, one table run on both backends: the embedded one
 * (jobs in this process) and BullMQ on a real Redis (a job worker in this process, started with
 * `app.startJobWorker`). Through the update route, as the page sends it (the real extension builds
 * each request; the answer is read as it streams): progress in order, then the result and
 * `progressDefault`; cancel; supersede (a new call cancels the page's running job, whose late result
 * is dropped); `cacheBy` (across two app instances sharing Redis); re-attach; a job that throws.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, Input, Output, State } from '../../src/index.ts'
import type { HyperApp } from '../../src/index.ts'
import type { BackgroundContext } from '../../src/server/jobs/index.ts'
import type { TestPage } from '../../src/testing.ts'
import { dcc } from '../../views/components/index.ts'
import { startRedis, type RedisInstance } from './redis.ts'
import { attachBody, holding, openPage, post, prepare, withValues, type Sent } from './sse.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** What the jobs did, by tag (`#tag`): their steps, and whether they saw their signal abort. */
const log = new Map<string, string[]>()
const note = (tag: string, line: string) => log.set(tag, [...(log.get(tag) ?? []), line])

function makeApp(o: { name: string; redisUrl?: string; dev?: boolean }) {
  const app = createApp({
    name: o.name,
    secret: 'background-contract-secret-0123456789',
    streamAfterMs: 5,
    ...(o.dev ? { dev: true } : {}),
    ...(o.redisUrl ? { redisUrl: o.redisUrl } : {}),
    layout: (
      <div>
        <button id="run">run</button>
        <button id="cancel">cancel</button>
        <button id="cached">cached</button>
        <button id="flaky">flaky</button>
        <button id="boom">boom</button>
        <button id="boom-handled">boom handled</button>
        <dcc.Input id="steps" type="number" value={3} />
        <dcc.Input id="ms" type="number" value={20} />
        <dcc.Input id="tag" value="job" />
        <p id="progress-text" />
        <p id="result" />
        <p id="cached-out" />
        <p id="flaky-out" />
        <p id="boom-out" />
        <p id="handled-out" />
      </div>
    ),
  })
  app.callback(
    Output('result', 'children'),
    [Input('run', 'n_clicks')],
    [State('steps', 'value'), State('ms', 'value'), State('tag', 'value')],
    async (_, steps, ms, tag, ctx) => {
      const c = ctx as BackgroundContext
      let k = 0
      while (k < Number(steps)) {
        await sleep(Number(ms))
        if (c.signal.aborted) {
          note(String(tag), `aborted at ${k}`)
          return `late result of ${tag}`
        }
        note(String(tag), `step ${++k}`)
        c.setProgress(`step ${k} of ${steps}`)
      }
      return `${tag} done in ${k} steps`
    },
    {
      background: true,
      preventInitialCall: true,
      progress: Output('progress-text', 'children'),
      progressDefault: '',
      cancel: Input('cancel', 'n_clicks'),
    }
  )
  app.callback(
    Output('cached-out', 'children'),
    [Input('cached', 'n_clicks')],
    [State('tag', 'value')],
    async (_, tag) => {
      note(String(tag), 'ran')
      return `answer for ${tag}`
    },
    { background: true, preventInitialCall: true, cacheBy: [() => 'v1'], cacheExpire: 60 }
  )
  app.callback(
    Output('flaky-out', 'children'),
    [Input('flaky', 'n_clicks')],
    [State('tag', 'value')],
    async (_, tag) => {
      note(String(tag), 'ran')
      if (log.get(String(tag))!.length === 1) throw new Error('first run fails')
      return `answer for ${tag}`
    },
    { background: true, preventInitialCall: true, cacheBy: [() => 'v1'], cacheExpire: 60 }
  )
  app.callback(
    Output('boom-out', 'children'),
    [Input('boom', 'n_clicks')],
    async () => {
      throw new Error('the model did not converge')
    },
    { background: true, preventInitialCall: true }
  )
  app.callback(
    Output('handled-out', 'children'),
    [Input('boom-handled', 'n_clicks')],
    async () => {
      throw new Error('the model did not converge')
    },
    {
      background: true,
      preventInitialCall: true,
      onError: (e) => `handled: ${(e as Error).message}`,
    }
  )
  return app
}

let redis: RedisInstance
beforeAll(async () => {
  redis = await startRedis()
}, 20_000)
afterAll(() => redis?.stop())

/** Each backend: the app, a second instance of it (same code, same Redis) and a dev-mode one. */
const backends = ['embedded', 'bullmq'] as const

describe.each(backends)('background callbacks on the %s backend', (kind) => {
  let app: HyperApp
  let other: HyperApp
  let dev: HyperApp
  let page: TestPage
  const sent: Record<string, Sent> = {}
  const to = (a: HyperApp) => (r: Request) => a.fetch(r)

  beforeAll(async () => {
    const name = `contract-${kind}-${randomUUID().slice(0, 8)}`
    const redisUrl = kind === 'bullmq' ? redis.url : undefined
    app = makeApp({ name, redisUrl })
    // Embedded: jobs live in their process, so the second instance is the app itself.
    other = kind === 'bullmq' ? makeApp({ name, redisUrl }) : app
    dev = makeApp({ name: `${name}-dev`, redisUrl, dev: true })
    if (kind === 'bullmq') await Promise.all([app.startJobWorker(), dev.startJobWorker()])
    page = await openPage(to(app))
    for (const id of ['run', 'cancel', 'cached', 'flaky', 'boom', 'boom-handled'])
      sent[id] = await prepare(page, id)
  }, 20_000)
  afterAll(async () => {
    await page?.close()
    await Promise.all([...new Set([app, other, dev])].map((a) => a?.close()))
  })

  it('streams each progress update in order, then the result and progressDefault', async () => {
    const answer = post(to(app), withValues(sent['run']!, { tag: `order-${kind}` }))
    await answer.done
    expect(answer.contentType).toBe('text/event-stream')
    expect(answer.texts('progress-text')).toEqual(['step 1 of 3', 'step 2 of 3', 'step 3 of 3', ''])
    expect(answer.texts('result')).toEqual([`order-${kind} done in 3 steps`])
    expect(answer.jobs.map((j) => j.callback)).toEqual([0])
    expect(answer.ended).toEqual([answer.jobs[0]!.token])
  })

  it('cancels the running job the page holds: its signal aborts, the answer ends with progressDefault', async () => {
    const tag = `cancel-${kind}`
    const job = post(to(app), withValues(sent['run']!, { steps: 100, ms: 20, tag }))
    await job.until('a progress step', (x) => x.texts('progress-text').length > 0)
    const stop = post(to(app), holding(sent['cancel']!, [job.jobs[0]!.token]))
    await Promise.all([stop.done, job.done])
    expect(stop.status).toBeLessThan(300)
    expect(job.texts('result')).toEqual([])
    expect(job.texts('progress-text').at(-1)).toBe('')
    expect(job.ended).toEqual([job.jobs[0]!.token])
    expect(log.get(tag)!.at(-1)).toMatch(/^aborted at \d+$/)
  })

  it('supersedes the running job with a new call: the first is cancelled, its late result dropped', async () => {
    const tag = `supersede-${kind}`
    const first = post(to(app), withValues(sent['run']!, { steps: 100, ms: 20, tag }))
    await first.until('a progress step', (x) => x.texts('progress-text').length > 0)
    const second = post(
      to(app),
      holding(withValues(sent['run']!, { steps: 2, tag: `${tag}-2` }), [first.jobs[0]!.token])
    )
    await Promise.all([first.done, second.done])
    expect(first.texts('result')).toEqual([])
    expect(log.get(tag)!.at(-1)).toMatch(/^aborted at \d+$/)
    expect(second.texts('result')).toEqual([`${tag}-2 done in 2 steps`])
  })

  it('answers an equal call from the cache (cacheBy), from another instance of the app', async () => {
    const tag = `cache-${kind}`
    const first = post(to(app), withValues(sent['cached']!, { tag }))
    await first.done
    const second = post(to(other), withValues(sent['cached']!, { tag }))
    await second.done
    expect(first.texts('cached-out')).toEqual([`answer for ${tag}`])
    expect(second.texts('cached-out')).toEqual([`answer for ${tag}`])
    expect(log.get(tag)).toEqual(['ran'])
    // Other inputs, another job.
    const third = post(to(other), withValues(sent['cached']!, { tag: `${tag}-b` }))
    await third.done
    expect(third.texts('cached-out')).toEqual([`answer for ${tag}-b`])
  })

  it('keeps only results in the cache: a cached job that threw runs again on the next equal call', async () => {
    const tag = `flaky-${kind}`
    const first = post(to(app), withValues(sent['flaky']!, { tag }))
    await first.done
    expect(first.errors()).toHaveLength(1)
    const second = post(to(other), withValues(sent['flaky']!, { tag }))
    await second.done
    expect(second.errors()).toEqual([])
    expect(second.texts('flaky-out')).toEqual([`answer for ${tag}`])
    expect(log.get(tag)).toEqual(['ran', 'ran'])
  })

  it('re-attaches to a running job after the stream dropped: the progress goes on, nothing runs again', async () => {
    const tag = `attach-${kind}`
    const first = post(to(app), withValues(sent['run']!, { steps: 4, ms: 60, tag }))
    await first.until('a progress step', (x) => x.texts('progress-text').length > 0)
    const [{ callback, token }] = first.jobs as [{ callback: number; token: string }]
    await first.drop()
    const again = post(to(other), attachBody(withValues(sent['run']!, { tag }), callback, token))
    await again.done
    expect(again.texts('result')).toEqual([`${tag} done in 4 steps`])
    expect(again.texts('progress-text').at(-1)).toBe('')
    expect(again.ended).toEqual([token])
    expect(log.get(tag)).toEqual(['step 1', 'step 2', 'step 3', 'step 4'])
  })

  it('shows a job that throws as an error fragment, with its details in development only', async () => {
    const prod = post(to(app), sent['boom']!)
    await prod.done
    expect(prod.errors()).toEqual([
      expect.stringMatching(/^Callback error updating boom-out\.children Something went wrong on the server/),
    ])
    expect(prod.errors()[0]).not.toContain('converge')
    const devPage = await openPage(to(dev))
    const inDev = post(to(dev), await prepare(devPage, 'boom'))
    await inDev.done
    await devPage.close()
    expect(inDev.errors()).toEqual([expect.stringContaining('the model did not converge')])
  })

  it("runs the callback's onError with the job's error; its value is the output", async () => {
    const answer = post(to(app), sent['boom-handled']!)
    await answer.done
    expect(answer.errors()).toEqual([])
    expect(answer.texts('handled-out')).toEqual(['handled: the model did not converge'])
  })
})
