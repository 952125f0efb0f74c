/**
 * @module jobs/bullmq
 * The job backend on BullMQ and Redis: web processes submit jobs to one queue per app; job workers
 * (`hyperdash worker app.ts`, or {@link BullJobs.startWorker}) on any machine run them. Updates and
 * ends travel by BullMQ's queue events (a Redis stream: ordered, no polling); cancellation is a
 * custom queue event every worker hears, since BullMQ's own `cancelJob` only reaches the worker it
 * is called on. bullmq and ioredis are optional peer dependencies, loaded only here.
 */
import type { Job, Queue, QueueEvents, QueueEventsProducer, Worker } from 'bullmq'
import type {
  JobBackend,
  JobExecutor,
  JobHandle,
  JobListener,
  JobOutcome,
  JobSpec,
  JobUpdate,
  SubmitOptions,
  WorkerOptions,
} from './types.ts'

type BullModule = typeof import('bullmq')

/** An update as it travels in a job's progress: numbered, so a re-attached listener skips old ones. */
interface Wire {
  n: number
  u: JobUpdate
}

/** A finished job without a cache stays attachable this long (a dropped stream re-attaching). */
const KEEP_FINISHED_SECONDS = 60

export interface BullJobsOptions {
  /** `redis://host:port/db` (`REDIS_URL`). */
  url: string
  /** The queue's name: one per app (its key), so workers of another app or version never take its jobs. */
  queue: string
  /** Key prefix in Redis (default `hyperdash`). */
  prefix?: string
}

function loadError(e: unknown): Error {
  return new Error(
    'REDIS_URL is set, so background callbacks use BullMQ, but it could not be loaded: ' +
      `npm install bullmq ioredis. (${String((e as Error)?.message ?? e)})`
  )
}

/** Connects to Redis and checks it answers: an error naming REDIS_URL if it does not. */
export async function connectBullJobs(o: BullJobsOptions): Promise<BullJobs> {
  let bull: BullModule
  try {
    bull = await import('bullmq')
    await import('ioredis')
  } catch (e) {
    throw loadError(e)
  }
  const jobs = new BullJobs(bull, o)
  try {
    await jobs.ready()
  } catch (e) {
    // Closing waits for connections that never opened: bounded, then dropped.
    await Promise.race([jobs.close().catch(() => {}), new Promise((r) => setTimeout(r, 500).unref())])
    throw new Error(
      `Cannot reach Redis at REDIS_URL (${redact(o.url)}): ${String((e as Error)?.message ?? e)}. ` +
        'Start Redis, or unset REDIS_URL to run background callbacks in this process.'
    )
  }
  return jobs
}

/** The URL without its password, for messages. */
const redact = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')

export class BullJobs implements JobBackend {
  readonly kind = 'bullmq'
  readonly #bull: BullModule
  readonly #o: Required<BullJobsOptions>
  readonly #queue: Queue
  readonly #events: QueueEvents
  readonly #producer: QueueEventsProducer
  /** job id → listeners of this process, and the resolvers of their outcomes. */
  readonly #listening = new Map<
    string,
    Set<{ listener: JobListener; seen: number; end(o: JobOutcome): void }>
  >()
  readonly #workers = new Set<Worker>()

  constructor(bull: BullModule, o: BullJobsOptions) {
    this.#bull = bull
    this.#o = { prefix: 'hyperdash', ...o }
    const connection = this.#connection()
    const common = { connection, prefix: this.#o.prefix }
    // Producer commands fail at once while Redis is away (a visible error, not a hung request).
    this.#queue = new bull.Queue(o.queue, {
      ...common,
      connection: { ...connection, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
    })
    this.#events = new bull.QueueEvents(o.queue, { ...common, autorun: true })
    this.#producer = new bull.QueueEventsProducer(o.queue, common)
    for (const c of [this.#queue, this.#events, this.#producer] as { on(e: 'error', f: () => void): void }[])
      c.on('error', () => {}) // ioredis reconnects; the requests that needed it report the failure
    this.#events.on('progress', ({ jobId, data }) => this.#progress(jobId, data as unknown))
    this.#events.on('completed', ({ jobId, returnvalue }) =>
      this.#end(jobId, parseOutcome(returnvalue as unknown))
    )
    this.#events.on('failed', ({ jobId, failedReason }) =>
      this.#end(jobId, { status: 'failed', error: { prevent: false, name: 'Error', message: failedReason } })
    )
    // A waiting job removed is a cancelled one; a finished one removed (to run it again: submit) is not
    // the end of the job that now has its id.
    this.#events.on('removed', ({ jobId, prev }) => {
      if (prev !== 'completed' && prev !== 'failed') this.#end(jobId, { status: 'cancelled' })
    })
    this.#watchConnection()
  }

  #lostTimer: ReturnType<typeof setTimeout> | null = null
  #closing = false

  /**
   * Redis lost while requests wait for their jobs: once it has been away {@link LOST_AFTER_MS}, they
   * end with an error (not a hung request); when it is back, the jobs still waited for are looked up
   * (ended meanwhile, or gone with a Redis that restarted empty).
   */
  #watchConnection(): void {
    const events = this.#events.getBackend() as unknown as { on(e: 'close' | 'ready', f: () => void): void }
    let away = false
    events.on('close', () => {
      if (this.#closing || away) return
      away = true
      this.#lostTimer = setTimeout(() => {
        this.#lostTimer = null
        for (const id of [...this.#listening.keys()]) this.#end(id, lostOutcome(this.#o.url))
      }, LOST_AFTER_MS)
      this.#lostTimer.unref()
    })
    events.on('ready', () => {
      if (!away) return
      away = false
      if (this.#lostTimer) clearTimeout(this.#lostTimer)
      this.#lostTimer = null
      for (const id of [...this.#listening.keys()]) void this.#recheck(id)
    })
  }

  /** Settles the listeners of `jobId` if the job ended or is gone (after Redis came back). */
  async #recheck(jobId: string): Promise<void> {
    try {
      const job = await this.#queue.getJob(jobId)
      if (!job) return this.#end(jobId, lostOutcome(this.#o.url))
      const state = await job.getState()
      if (state === 'completed') this.#end(jobId, parseOutcome(job.returnvalue))
      else if (state === 'failed')
        this.#end(jobId, {
          status: 'failed',
          error: { prevent: false, name: 'Error', message: job.failedReason },
        })
    } catch {
      // Away again: the next 'close' starts the clock again.
    }
  }

  #connection() {
    return { url: this.#o.url, maxRetriesPerRequest: null } as const
  }

  /** Resolves when Redis answers (queue and events connections). */
  async ready(): Promise<void> {
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no answer within 3 s')), 3000).unref()
    )
    // A refused connection is known at once (ioredis would retry it quietly until the timeout).
    const refused = new Promise<never>((_, reject) =>
      (this.#queue as unknown as { once(e: 'error', f: (e: Error) => void): void }).once('error', reject)
    )
    await Promise.race([
      Promise.all([this.#queue.waitUntilReady(), this.#events.waitUntilReady()]),
      timeout,
      refused,
    ])
  }

  #progress(jobId: string, data: unknown): void {
    const set = this.#listening.get(jobId)
    const w = data as Wire
    if (!set || typeof w !== 'object' || w === null || typeof w.n !== 'number') return
    for (const l of set) {
      if (w.n <= l.seen) continue
      l.seen = w.n
      l.listener(w.u)
    }
  }

  #end(jobId: string, outcome: JobOutcome): void {
    const set = this.#listening.get(jobId)
    if (!set) return
    this.#listening.delete(jobId)
    for (const l of set) l.end(outcome)
  }

  /** Listens to `jobId` before its state is read, so no event falls between the two. */
  #listen(jobId: string, listener: JobListener, seen = 0) {
    let end!: (o: JobOutcome) => void
    const outcome = new Promise<JobOutcome>((r) => (end = r))
    const entry = { listener, seen, end }
    let set = this.#listening.get(jobId)
    if (!set) this.#listening.set(jobId, (set = new Set()))
    set.add(entry)
    const detach = () => {
      set.delete(entry)
      if (set.size === 0 && this.#listening.get(jobId) === set) this.#listening.delete(jobId)
    }
    return { outcome, end, detach }
  }

  /** The handle of a job whose state is read now: settled at once if it already ended. */
  async #handleFor(job: Job, listener: JobListener): Promise<JobHandle> {
    const l = this.#listen(job.id!, listener, progressNumber(job.progress))
    // The latest update first: a listener attaching mid-job sees where it stands.
    const last = job.progress as Wire | null
    if (last && typeof last === 'object' && last.u) listener(last.u)
    const state = await job.getState()
    let cached = false
    if (state === 'completed' || state === 'failed') {
      cached = true
      l.detach()
      // It may have ended after `job` was read (a re-attach racing the job's end): read its end now.
      const ended = (await this.#queue.getJob(job.id!)) ?? job
      l.end(
        state === 'completed'
          ? parseOutcome(ended.returnvalue)
          : { status: 'failed', error: { prevent: false, name: 'Error', message: ended.failedReason } }
      )
    } else if (state === 'unknown') {
      l.detach()
      l.end({ status: 'cancelled' })
    }
    return { id: job.id!, cached, outcome: l.outcome, detach: l.detach }
  }

  submit(spec: JobSpec, listener: JobListener, o: SubmitOptions = {}): Promise<JobHandle> {
    return this.#redis(() => this.#submit(spec, listener, o))
  }

  attach(jobId: string, listener: JobListener): Promise<JobHandle | null> {
    return this.#redis(() => this.#attach(jobId, listener))
  }

  cancel(jobId: string): Promise<void> {
    return this.#redis(() => this.#cancel(jobId))
  }

  /** Runs Redis commands; their failure (Redis away: they fail at once) worded for who must act. */
  async #redis<T>(commands: () => Promise<T>): Promise<T> {
    try {
      return await commands()
    } catch (e) {
      throw new Error(
        `Redis (REDIS_URL, ${redact(this.#o.url)}) did not answer: ${String((e as Error)?.message ?? e)}. ` +
          'Check that Redis is running: background callbacks work again once it is back, with no restart.'
      )
    }
  }

  async #submit(spec: JobSpec, listener: JobListener, o: SubmitOptions): Promise<JobHandle> {
    const keep = Math.max(KEEP_FINISHED_SECONDS, o.cacheSeconds ?? 0)
    const existing = await this.#queue.getJob(spec.id)
    if (existing) {
      const state = await existing.getState()
      // Only a result is reused (as the embedded backend does): a job that was cancelled or threw
      // (a completed BullMQ job with such an outcome) runs again.
      const reusable =
        state === 'completed'
          ? parseOutcome(existing.returnvalue).status === 'done'
          : state !== 'failed' && state !== 'unknown'
      if (reusable) return this.#handleFor(existing, listener)
      await existing.remove().catch(() => {})
    }
    const l = this.#listen(spec.id, listener)
    try {
      await this.#queue.add('callback', spec, {
        jobId: spec.id,
        attempts: o.attempts ?? 1,
        removeOnComplete: { age: keep },
        removeOnFail: { age: KEEP_FINISHED_SECONDS },
      })
    } catch (e) {
      l.detach()
      throw e
    }
    return { id: spec.id, cached: false, outcome: l.outcome, detach: l.detach }
  }

  async #attach(jobId: string, listener: JobListener): Promise<JobHandle | null> {
    const job = await this.#queue.getJob(jobId)
    return job ? this.#handleFor(job, listener) : null
  }

  async #cancel(jobId: string): Promise<void> {
    // Waiting: remove it (fails quietly when a worker holds its lock). Running: every worker hears this.
    const job = await this.#queue.getJob(jobId)
    const state = job ? await job.getState() : 'unknown'
    if (state === 'waiting' || state === 'delayed' || state === 'prioritized') {
      // A worker may take it meanwhile (then removing fails): it is cancelled where it runs.
      const removed = await job!.remove().then(
        () => true,
        () => false
      )
      if (removed) return this.#end(jobId, { status: 'cancelled' })
    }
    await this.#producer.publishEvent({ eventName: CANCEL_EVENT, jobId } as never)
  }

  /**
   * Starts a worker in this process that runs this queue's jobs with `run` (the app's code).
   * Several workers, in several processes or machines, share the queue. See {@link WorkerOptions}.
   */
  startWorker(run: JobExecutor, o: WorkerOptions = {}): Worker {
    const { concurrency = 4, lockDuration = 30_000, stalledInterval = 30_000 } = o
    const common = { connection: this.#connection(), prefix: this.#o.prefix }
    const worker = new this.#bull.Worker<JobSpec, JobOutcome>(
      this.#o.queue,
      async (job, _token, signal) => {
        // A job whose worker died mid-job comes back here (BullMQ's stalled-job check): its
        // `attempts` (SubmitOptions) say whether it runs again or fails.
        const allowed = job.opts.attempts ?? 1
        if (job.stalledCounter >= allowed) return diedOutcome(job.stalledCounter, allowed)
        let n = progressNumber(job.progress)
        const controller = new AbortController()
        signal?.addEventListener('abort', () => controller.abort(), { once: true })
        const update = (u: JobUpdate) => {
          void job.updateProgress({ n: ++n, u } as never).catch(() => {})
        }
        const out = await run(job.data, { update, signal: controller.signal })
        return controller.signal.aborted ? { status: 'cancelled' } : out
      },
      // The processor enforces each job's `attempts`; BullMQ's own stall limit only backs it up.
      { ...common, concurrency, autorun: true, lockDuration, stalledInterval, maxStalledCount: MAX_ATTEMPTS }
    )
    worker.on('error', () => {})
    // Cancellation reaches every worker: the one holding the job aborts it.
    const events = new this.#bull.QueueEvents(this.#o.queue, common)
    events.on('error', () => {})
    events.on(CANCEL_EVENT as never, (({ jobId }: { jobId: string }) => worker.cancelJob(jobId)) as never)
    const close = worker.close.bind(worker)
    worker.close = async (force?: boolean) => {
      await events.close()
      return close(force)
    }
    this.#workers.add(worker)
    return worker
  }

  async close(): Promise<void> {
    this.#closing = true
    if (this.#lostTimer) clearTimeout(this.#lostTimer)
    await Promise.allSettled([...this.#workers].map((w) => w.close()))
    await Promise.allSettled([this.#events.close(), this.#producer.close(), this.#queue.close()])
    for (const id of [...this.#listening.keys()]) this.#end(id, { status: 'cancelled' })
  }
}

const CANCEL_EVENT = 'hyperdash:cancel'

/** How long requests wait for a lost Redis to come back before their jobs are reported lost (ms). */
const LOST_AFTER_MS = 3000

function lostOutcome(url: string): JobOutcome {
  const message =
    `Lost the connection to Redis (REDIS_URL, ${redact(url)}) while waiting for this job, for more than ` +
    `${LOST_AFTER_MS / 1000} s: its result cannot be shown. Check that Redis is running; run it again once it is back.`
  return { status: 'failed', error: { prevent: false, name: 'Error', message } }
}

/** The most runs a job gets when its workers keep dying (BullMQ's stall limit, above any `attempts`). */
const MAX_ATTEMPTS = 10

/** How a job whose workers died too often ends. */
function diedOutcome(died: number, allowed: number): JobOutcome {
  const times = died === 1 ? 'once' : `${died} times`
  const message =
    `The job's worker stopped before the job ended (${times}: killed, or its machine went away), ` +
    `and the callback allows ${allowed} run${allowed === 1 ? '' : 's'} (its \`attempts\` option): ` +
    "it is not run again. Look for the cause in the job workers' logs (memory, restarts)."
  return { status: 'failed', error: { prevent: false, name: 'Error', message } }
}

function progressNumber(progress: unknown): number {
  const n = (progress as Wire | null)?.n
  return typeof n === 'number' ? n : 0
}

function parseOutcome(v: unknown): JobOutcome {
  const value = typeof v === 'string' ? safeJson(v) : v
  const o = value as JobOutcome | null
  if (o && (o.status === 'done' || o.status === 'failed' || o.status === 'cancelled')) return o
  return {
    status: 'failed',
    error: { prevent: false, name: 'Error', message: 'The job returned no outcome.' },
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return null
  }
}
