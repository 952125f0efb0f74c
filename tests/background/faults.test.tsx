/**
 * Background callbacks when Redis fails (BullMQ backend, a real redis-server): down at start, a clear
 * error naming REDIS_URL (in the page, from `startJobWorker`, and from the CLI, which exits 1); lost
 * mid-job, the waiting request ends with a visible error within a bound while ordinary callbacks go on;
 * back again, background callbacks work again without a restart.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp, Input, Output, State } from '../../src/index.ts'
import type { HyperApp } from '../../src/index.ts'
import type { BackgroundContext } from '../../src/server/jobs/index.ts'
import { dcc } from '../../views/components/index.ts'
import { freePort, runCli } from './procs.ts'
import { startRedis, type RedisInstance } from './redis.ts'
import { openPage, post, prepare, withValues, type Sent } from './sse.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function makeApp(redisUrl: string) {
  const app = createApp({
    name: `faults-${randomUUID().slice(0, 8)}`,
    secret: 'background-faults-secret-0123456789',
    streamAfterMs: 5,
    dev: true,
    redisUrl,
    layout: (
      <div>
        <button id="run">run</button>
        <button id="plain">plain</button>
        <dcc.Input id="steps" type="number" value={2} />
        <p id="progress-text" />
        <p id="result" />
        <p id="plain-out" />
      </div>
    ),
  })
  app.callback(
    Output('result', 'children'),
    [Input('run', 'n_clicks')],
    [State('steps', 'value')],
    async (n, steps, ctx) => {
      for (let k = 1; k <= Number(steps); k++) {
        await sleep(50)
        ;(ctx as BackgroundContext).setProgress(`step ${k}`)
      }
      return `run ${n} done`
    },
    { background: true, preventInitialCall: true, progress: Output('progress-text', 'children') }
  )
  app.callback(Output('plain-out', 'children'), [Input('plain', 'n_clicks')], (n) => `plain ${n}`, {
    preventInitialCall: true,
  })
  return app
}

const to = (app: HyperApp) => (r: Request) => app.fetch(r)
const cleanup: (() => Promise<unknown>)[] = []
afterAll(async () => {
  for (const f of cleanup.reverse()) await f()
})

describe('Redis down at start', () => {
  it('answers a background call with an error naming REDIS_URL, and keeps serving the others', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`
    const app = makeApp(url)
    cleanup.push(() => app.close())
    const page = await openPage(to(app))
    cleanup.push(() => page.close())
    const [run, plain] = [await prepare(page, 'run'), await prepare(page, 'plain')]
    const answer = post(to(app), run)
    await answer.until('an answer', (x) => x.errors().length > 0, 10_000)
    expect(answer.errors()).toEqual([expect.stringContaining(`Cannot reach Redis at REDIS_URL (${url})`)])
    expect(answer.errors()[0]).toContain('Start Redis, or unset REDIS_URL')
    const other = post(to(app), plain)
    await other.done
    expect(other.texts('plain-out')).toEqual(['plain 1'])
    await expect(app.startJobWorker()).rejects.toThrow(`Cannot reach Redis at REDIS_URL (${url})`)
  }, 20_000)

  it('stops the worker CLI with one line naming REDIS_URL, exit code 1', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`
    const fixture = 'tests/background/fixtures/cluster-app.tsx'
    const secret = { HYPERDASH_SECRET: 'background-faults-secret-0123456789' }
    const [down, unset] = await Promise.all([
      runCli(['worker', fixture], { ...secret, REDIS_URL: url }),
      runCli(['worker', fixture], { ...secret, REDIS_URL: '' }),
    ])
    expect(down.code).toBe(1)
    expect(down.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(`^hyperdash: Cannot reach Redis at REDIS_URL \\(${url}\\): .+ Start Redis`)
      ),
    ])
    expect(unset.code).toBe(1)
    expect(unset.stderr.trim()).toBe(
      'hyperdash: a job worker takes jobs from Redis: set REDIS_URL (the same as the web processes).'
    )
  }, 30_000)
})

describe('Redis lost while running', () => {
  let redis: RedisInstance
  it('ends the waiting request with a visible error, serves the others meanwhile, and recovers', async () => {
    redis = await startRedis()
    cleanup.push(() => redis.stop())
    const app = makeApp(redis.url)
    cleanup.push(() => app.close())
    await app.startJobWorker()
    const page = await openPage(to(app))
    cleanup.push(() => page.close())
    const run: Sent = await prepare(page, 'run')
    const plain: Sent = await prepare(page, 'plain')
    const before = post(to(app), run)
    await before.done
    expect(before.texts('result')).toEqual(['run 1 done'])

    const job = post(to(app), withValues(run, { steps: 40 }))
    await job.until('a progress step', (x) => x.texts('progress-text').length > 0)
    await redis.kill()
    const other = post(to(app), plain)
    await other.done
    expect(other.texts('plain-out')).toEqual(['plain 1'])
    // Bounded: the request ends within seconds of the loss, with an error the user sees.
    await job.until('the end of the answer', (x) => x.errors().length > 0, 10_000)
    await job.done
    expect(job.errors()).toEqual([expect.stringContaining('Lost the connection to Redis (REDIS_URL')])
    expect(job.texts('result')).toEqual([])
    // Meanwhile a new background call fails at once, visibly.
    const refused = post(to(app), run)
    await refused.until('an error', (x) => x.errors().length > 0, 10_000)
    expect(refused.errors()).toEqual([
      expect.stringContaining(`Redis (REDIS_URL, ${redis.url}) did not answer`),
    ])

    await redis.restart()
    // ioredis reconnects (after its back-off, about 1 s): background callbacks work again.
    let result: string[] = []
    for (let i = 0; i < 20 && !result.length; i++) {
      const again = post(to(app), run)
      await again.done
      result = again.texts('result')
      if (!result.length) await sleep(500)
    }
    expect(result).toEqual(['run 1 done'])
  }, 40_000)
})
