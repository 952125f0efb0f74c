/**
 * @module background/worker-death.test
 * BullMQ on a real Redis: a job worker that dies mid-job (its lock no longer renewed; here a forced
 * close, as a killed process leaves it) → BullMQ's stalled-job check puts the job back, another
 * worker runs it again while the callback's `attempts` allow, else the job fails with a message the
 * page shows; never lost silently. And an equal call after a failed job runs it again (both backends).
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectBullJobs, type BullJobs } from '../../src/server/jobs/bullmq.ts'
import { EmbeddedJobs } from '../../src/server/jobs/embedded.ts'
import type { JobBackend, JobExecutor, JobSpec } from '../../src/server/jobs/types.ts'
import { startRedis, type RedisInstance } from './redis.ts'

/** Short locks and stall checks: a dead worker's job is noticed within about a second. */
const FAST_STALLS = { lockDuration: 400, stalledInterval: 200 }

const spec = (args: unknown[] = [], id = randomUUID()): JobSpec => ({
  id,
  app: 'test',
  callback: { index: 0, id: 'out.children' },
  args,
  changed: [],
  submittedAt: Date.now(),
})

let redis: RedisInstance
const opened: BullJobs[] = []
beforeAll(async () => {
  redis = await startRedis()
}, 20_000)
afterAll(async () => {
  await Promise.allSettled(opened.map((b) => b.close()))
  await redis?.stop()
})

async function connect(queue: string): Promise<BullJobs> {
  const b = await connectBullJobs({ url: redis.url, queue })
  opened.push(b)
  return b
}

/**
 * A web process submitting the job, a worker that takes it and dies mid-job, and a second worker.
 * Returns the job's outcome as the web process sees it, what it heard, and the second worker's runs.
 */
async function dieMidJob(attempts: number) {
  const queue = `death-${randomUUID()}`
  const web = await connect(queue)
  let started!: () => void
  const running = new Promise<void>((r) => (started = r))
  const hangs: JobExecutor = async (_job, { update }) => {
    update({ kind: 'progress', value: 'first run' })
    started()
    return new Promise(() => {}) // never ends: its worker dies first
  }
  const dying = (await connect(queue)).startWorker(hangs, { concurrency: 1, ...FAST_STALLS })
  const heard: unknown[] = []
  const handle = await web.submit(spec(), (u) => heard.push(u.kind === 'progress' && u.value), { attempts })
  await running
  // Killed: its lock is no longer renewed, and nothing tells Redis the job ended.
  await dying.close(true)
  let secondRuns = 0
  const finishes: JobExecutor = async (_job, { update }) => {
    secondRuns++
    update({ kind: 'progress', value: 'second run' })
    return { status: 'done', value: 'done on the second worker' }
  }
  ;(await connect(queue)).startWorker(finishes, { concurrency: 1, ...FAST_STALLS })
  return { outcome: await handle.outcome, heard, secondRuns: () => secondRuns }
}

describe('a job worker that dies mid-job (BullMQ)', () => {
  it('with attempts 2: another worker runs the job again, and its result reaches the web process', async () => {
    const { outcome, heard, secondRuns } = await dieMidJob(2)
    expect(outcome).toEqual({ status: 'done', value: 'done on the second worker' })
    expect(heard).toEqual(['first run', 'second run'])
    expect(secondRuns()).toBe(1)
  })

  it('with attempts 1: the job fails with a message naming the cause and the option', async () => {
    const { outcome, heard, secondRuns } = await dieMidJob(1)
    expect(outcome).toEqual({
      status: 'failed',
      error: {
        prevent: false,
        name: 'Error',
        message:
          "The job's worker stopped before the job ended (once: killed, or its machine went away), and " +
          'the callback allows 1 run (its `attempts` option): it is not run again. Look for the cause ' +
          "in the job workers' logs (memory, restarts).",
      },
    })
    expect(heard).toEqual(['first run'])
    expect(secondRuns()).toBe(0)
  })
})

describe.each([
  ['embedded', async (run: JobExecutor): Promise<JobBackend> => new EmbeddedJobs(run)],
  [
    'bullmq',
    async (run: JobExecutor): Promise<JobBackend> => {
      const b = await connect(`again-${randomUUID()}`)
      b.startWorker(run)
      return b
    },
  ],
])('%s backend: an equal job after a failed one', (_, make) => {
  it('runs again (a failure is not cached), and an equal one after success is answered from the cache', async () => {
    let runs = 0
    const backend = await make(async () =>
      ++runs === 1
        ? { status: 'failed', error: { prevent: false, name: 'Error', message: 'boom' } }
        : { status: 'done', value: `run ${runs}` }
    )
    const job = spec(['same'])
    const first = await backend.submit(job, () => {}, { cacheSeconds: 60 })
    expect((await first.outcome).status).toBe('failed')
    const second = await backend.submit({ ...job }, () => {}, { cacheSeconds: 60 })
    expect(await second.outcome).toEqual({ status: 'done', value: 'run 2' })
    const third = await backend.submit({ ...job }, () => {}, { cacheSeconds: 60 })
    expect([third.cached, await third.outcome]).toEqual([true, { status: 'done', value: 'run 2' }])
    expect(runs).toBe(2)
    if (backend instanceof EmbeddedJobs) await backend.close()
  })
})
