/**
 * The job backends' contract, table-driven over both: the embedded one and BullMQ on a real Redis
 * (Debian's redis-server on a free loopback port). Same tests, same expectations.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectBullJobs, type BullJobs } from '../../src/server/jobs/bullmq.ts'
import { EmbeddedJobs } from '../../src/server/jobs/embedded.ts'
import type { JobBackend, JobExecutor, JobSpec, JobUpdate } from '../../src/server/jobs/types.ts'
import { startRedis, type RedisInstance } from './redis.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The executor the tests' jobs run: `args[0]` names the behaviour. */
const runs = new Map<string, number>()
const executor: JobExecutor = async (job, { update, signal }) => {
  const [kind, steps = 3, ms = 30] = job.args as [string, number?, number?]
  runs.set(job.id, (runs.get(job.id) ?? 0) + 1)
  if (kind === 'throws')
    return { status: 'failed', error: { prevent: false, name: 'Error', message: 'boom' } }
  for (let i = 1; i <= steps; i++) {
    if (signal.aborted) return { status: 'cancelled' }
    update({ kind: 'progress', value: i })
    await sleep(ms)
  }
  update({ kind: 'props', id: 'note', props: { children: 'almost' } })
  return { status: 'done', value: `${kind} x${steps}` }
}

const spec = (args: unknown[], id = randomUUID()): JobSpec => ({
  id,
  app: 'test',
  callback: { index: 0, id: 'out.children' },
  args,
  changed: [],
  submittedAt: Date.now(),
})

let redis: RedisInstance
let bull: BullJobs
beforeAll(async () => {
  redis = await startRedis()
  bull = await connectBullJobs({ url: redis.url, queue: `t-${randomUUID()}` })
  bull.startWorker(executor, { concurrency: 4 })
}, 20_000)
afterAll(async () => {
  await bull?.close()
  await redis?.stop()
})

const backends: [string, () => JobBackend][] = [
  ['embedded', () => new EmbeddedJobs(executor)],
  ['bullmq', () => bull],
]

describe.each(backends)('%s backend', (_, make) => {
  it('reports every update in order, then the outcome', async () => {
    const seen: JobUpdate[] = []
    const h = await make().submit(spec(['work', 3]), (u) => seen.push(u))
    expect(await h.outcome).toEqual({ status: 'done', value: 'work x3' })
    expect(h.cached).toBe(false)
    expect(seen).toEqual([
      { kind: 'progress', value: 1 },
      { kind: 'progress', value: 2 },
      { kind: 'progress', value: 3 },
      { kind: 'props', id: 'note', props: { children: 'almost' } },
    ])
  })

  it('a failing job ends failed, with its message', async () => {
    const h = await make().submit(spec(['throws']), () => {})
    expect(await h.outcome).toEqual({
      status: 'failed',
      error: { prevent: false, name: 'Error', message: 'boom' },
    })
  })

  it('attaching mid-job: the latest update at once, then the rest, then the same outcome; one run', async () => {
    const b = make()
    const job = spec(['slow', 6, 60])
    const first = await b.submit(job, () => {})
    await sleep(200)
    const seen: unknown[] = []
    const again = await b.attach(job.id, (u) => seen.push(u.kind === 'progress' ? u.value : u.kind))
    expect(again).not.toBeNull()
    expect(await again!.outcome).toEqual({ status: 'done', value: 'slow x6' })
    expect(await first.outcome).toEqual({ status: 'done', value: 'slow x6' })
    // It resumed where the job stood (not from 1), in order, with nothing twice.
    expect(seen[0]).toBeGreaterThan(1)
    expect(seen.slice(-2)).toEqual([6, 'props'])
    const numbers = seen.filter((v) => typeof v === 'number') as number[]
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b))
    expect(new Set(numbers).size).toBe(numbers.length)
    expect(runs.get(job.id)).toBe(1)
  })

  it('attaching to an unknown job gives null', async () => {
    expect(await make().attach(randomUUID(), () => {})).toBeNull()
  })

  it('cancel stops a running job: the function sees its signal, the outcome is cancelled', async () => {
    const b = make()
    const seen: unknown[] = []
    const h = await b.submit(spec(['long', 50, 40]), (u) => u.kind === 'progress' && seen.push(u.value))
    await sleep(250)
    await b.cancel(h.id)
    expect(await h.outcome).toEqual({ status: 'cancelled' })
    const at = seen.length
    await sleep(200)
    expect(seen.length).toBe(at)
    expect(at).toBeLessThan(50)
  })

  it('the same id while it runs or after it finished (a cache): one run, the same result', async () => {
    const b = make()
    const job = spec(['cached', 2, 20])
    const a = await b.submit(job, () => {}, { cacheSeconds: 60 })
    const twin = await b.submit({ ...job }, () => {}, { cacheSeconds: 60 })
    expect(await a.outcome).toEqual({ status: 'done', value: 'cached x2' })
    expect(await twin.outcome).toEqual({ status: 'done', value: 'cached x2' })
    const later = await b.submit({ ...job }, () => {}, { cacheSeconds: 60 })
    expect(later.cached).toBe(true)
    expect(await later.outcome).toEqual({ status: 'done', value: 'cached x2' })
    expect(runs.get(job.id)).toBe(1)
  })
})

describe('bullmq backend: Redis', () => {
  it('unreachable Redis at start: an error naming REDIS_URL', async () => {
    await expect(connectBullJobs({ url: 'redis://127.0.0.1:1', queue: 'x' })).rejects.toThrow(/REDIS_URL/)
  }, 15_000)
})
