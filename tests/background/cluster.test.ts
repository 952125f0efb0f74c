/**
 * Background callbacks across processes: one Redis, two web processes (same HYPERDASH_SECRET and
 * REDIS_URL, each on its own port) and two job workers started with the real CLI
 * (`hyperdash worker`), all from one app module (fixtures/cluster-app.tsx). A job started through
 * one web process runs on a worker and streams through that web process; the page re-attaches
 * through the other; a cancel through the other stops it on the worker; a worker killed mid-job
 * hands the job to another (or fails it visibly with `attempts: 1`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestPage } from '../../src/testing.ts'
import { startRedis, type RedisInstance } from './redis.ts'
import { startWeb, startWorker, stopAll, type Proc, type WebProc } from './procs.ts'
import { attachBody, holding, openPage, post, prepare, withValues, type Sent } from './sse.ts'

const FIXTURE = 'tests/background/fixtures/cluster-app.tsx'
/** Short lock and stalled check, so a killed worker's job moves within ~4 s (defaults: 30 s each). */
const WORKER_FLAGS = ['--lock-duration', '2000', '--stalled-interval', '1000']

let redis: RedisInstance
let dir: string
let env: Record<string, string>
let a: WebProc
let b: WebProc
let workers: Proc[]
let page: TestPage
let run: Sent
let runOnce: Sent
let cancel: Sent

/** The job log's lines of job `tag`: `<pid> <tag> step <k>` / `<pid> <tag> aborted at <k>`. */
function logOf(tag: string): string[] {
  let text = ''
  try {
    text = readFileSync(env['JOB_LOG']!, 'utf8')
  } catch {
    return []
  }
  return text.split('\n').filter((l) => l.split(' ')[1] === tag)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const workerPids = () => workers.map((w) => w.pid)

beforeAll(async () => {
  redis = await startRedis()
  dir = mkdtempSync(join(tmpdir(), 'hd-cluster-'))
  env = {
    REDIS_URL: redis.url,
    HYPERDASH_SECRET: 'cluster-test-secret-0123456789abcdef',
    JOB_LOG: join(dir, 'jobs.log'),
  }
  const started = await Promise.all([
    startWeb(FIXTURE, env),
    startWeb(FIXTURE, env),
    startWorker(FIXTURE, env, 2, WORKER_FLAGS),
    startWorker(FIXTURE, env, 2, WORKER_FLAGS),
  ])
  ;[a, b] = started as unknown as [WebProc, WebProc]
  workers = started.slice(2)
  page = await openPage(a.url)
  ;[run, runOnce, cancel] = [
    await prepare(page, 'run'),
    await prepare(page, 'run-once'),
    await prepare(page, 'cancel'),
  ]
}, 90_000)

afterAll(async () => {
  await page?.close()
  await stopAll()
  await redis?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('two web processes and two job workers on one Redis', () => {
  it('runs a job started through A on a worker process, streaming its progress through A as it runs', async () => {
    const answer = post(a.url, withValues(run, { steps: 3, ms: 300, tag: 'stream' }))
    await answer.until('the first progress', (x) => x.texts('progress-text').length > 0)
    // The first step reached the page while the job was still running on its worker.
    expect(logOf('stream').filter((l) => l.endsWith('step 3'))).toEqual([])
    await answer.done
    expect(answer.contentType).toBe('text/event-stream')
    const [pid] = answer.texts('progress-text')[0]!.split(' ').map(Number)
    expect(workerPids()).toContain(pid)
    expect([a.pid, b.pid]).not.toContain(pid)
    expect(answer.texts('progress-text')).toEqual([`${pid} 1`, `${pid} 2`, `${pid} 3`, ''])
    expect(answer.texts('result')).toEqual([`done by ${pid} in 3 steps`])
    expect(answer.jobs).toHaveLength(1)
    expect(answer.ended).toEqual([answer.jobs[0]!.token])
  })

  it('re-attaches through B to a job started through A when the stream drops: the job goes on, run once', async () => {
    const first = post(a.url, withValues(run, { steps: 5, ms: 150, tag: 'reattach' }))
    await first.until('the first progress', (x) => x.texts('progress-text').length > 0)
    const [{ callback, token }] = first.jobs as [{ callback: number; token: string }]
    await first.drop()
    const second = post(b.url, attachBody(withValues(run, { tag: 'reattach' }), callback, token))
    await second.done
    expect(second.status).toBe(200)
    const pid = Number(first.texts('progress-text')[0]!.split(' ')[0])
    expect(second.texts('result')).toEqual([`done by ${pid} in 5 steps`])
    expect(second.texts('progress-text').at(-1)).toBe('')
    // The page's token is reported ended, so the page forgets it.
    expect(second.ended).toEqual([token])
    // Re-attached, not re-run: one run of five steps on one worker.
    expect(logOf('reattach')).toEqual([1, 2, 3, 4, 5].map((k) => `${pid} reattach step ${k}`))
  })

  it('cancels through B a job started through A: it stops on its worker, A ends with running off', async () => {
    const job = post(a.url, withValues(run, { steps: 40, ms: 100, tag: 'cancel' }))
    await job.until('two progress steps', (x) => x.texts('progress-text').length >= 2)
    const stop = post(
      b.url,
      holding(
        cancel,
        job.jobs.map((j) => j.token)
      )
    )
    await stop.done
    expect(stop.status).toBeLessThan(300)
    await job.done
    expect(job.texts('result')).toEqual([])
    expect(job.texts('progress-text').at(-1)).toBe('')
    expect(job.ended).toEqual([job.jobs[0]!.token])
    expect(job.finished).toEqual([0])
    const aborted = logOf('cancel').filter((l) => l.includes('aborted'))
    expect(aborted).toHaveLength(1)
    // The worker's counter stopped: no step after the abort.
    const count = logOf('cancel').length
    await sleep(400)
    expect(logOf('cancel')).toHaveLength(count)
    expect(logOf('cancel').at(-1)).toMatch(/aborted at \d+$/)
  })

  it('hands the job of a worker killed mid-job to the other worker, which finishes it (attempts: 2)', async () => {
    const job = post(a.url, withValues(run, { steps: 6, ms: 150, tag: 'kill' }))
    await job.until('the first progress', (x) => x.texts('progress-text').length > 0)
    const pid = Number(job.texts('progress-text')[0]!.split(' ')[0])
    const victim = workers.find((w) => w.pid === pid)!
    await victim.kill('SIGKILL')
    workers = workers.filter((w) => w !== victim)
    await job.done
    const other = workers[0]!.pid
    expect(job.texts('result')).toEqual([`done by ${other} in 6 steps`])
    expect(job.texts('progress-text')).toContain(`${other} 6`)
    expect(logOf('kill').filter((l) => l.startsWith(`${other} `))).toHaveLength(6)
  }, 30_000)

  it('fails visibly a job whose worker was killed when it allows one run (attempts: 1)', async () => {
    // A second worker again, to take the job after the kill.
    workers.push(await startWorker(FIXTURE, env, 2, WORKER_FLAGS))
    const job = post(a.url, withValues(runOnce, { steps: 40, ms: 100, tag: 'once' }))
    await job.until('the first progress', (x) => x.texts('progress-text').length > 0)
    const pid = Number(job.texts('progress-text')[0]!.split(' ')[0])
    const victim = workers.find((w) => w.pid === pid)!
    await victim.kill('SIGKILL')
    await job.done
    expect(job.texts('result-once')).toEqual([])
    expect(job.errors()).toEqual([
      expect.stringMatching(
        /^Callback error updating result-once\.children Something went wrong on the server; the outputs were left as they were\. Reference: \w+\.$/
      ),
    ])
    // The details go to the web process's log (and to the page in development only).
    expect(a.output()).toMatch(/The job's worker stopped before the job ended \(once: .*allows 1 run/)
    // Not run again anywhere.
    expect(logOf('once').every((l) => l.startsWith(`${pid} `))).toBe(true)
  }, 90_000)
})
