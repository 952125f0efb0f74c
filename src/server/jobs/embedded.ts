/**
 * @module jobs/embedded
 * The default job backend: jobs run in this process, so an example or `npm start` needs nothing
 * installed. Same contract as the BullMQ backend (attach, cancel, cache), within one process: a job
 * does not survive the process, and only this process's requests see it.
 */
import type {
  JobBackend,
  JobExecutor,
  JobHandle,
  JobListener,
  JobOutcome,
  JobSpec,
  JobUpdate,
  SubmitOptions,
} from './types.ts'

interface Entry {
  job: JobSpec
  listeners: Set<JobListener>
  controller: AbortController
  outcome: Promise<JobOutcome>
  /** Its latest update, replayed to a listener that attaches mid-job. */
  last?: JobUpdate
  /** Set once it ended. */
  ended?: JobOutcome
  /** When a finished entry is forgotten (ms since the epoch). */
  expires?: number
}

/** How long a finished job stays attachable without a cache (a dropped stream re-attaching late). */
const KEEP_FINISHED_MS = 60_000

export class EmbeddedJobs implements JobBackend {
  readonly kind = 'embedded'
  readonly #jobs = new Map<string, Entry>()
  readonly #run: JobExecutor
  #sweep: ReturnType<typeof setInterval> | null = null

  constructor(run: JobExecutor) {
    this.#run = run
  }

  async submit(job: JobSpec, listener: JobListener, o: SubmitOptions = {}): Promise<JobHandle> {
    this.#forgetExpired()
    const had = this.#jobs.get(job.id)
    if (had && !(had.ended && had.ended.status !== 'done')) return this.#handle(had, listener)
    const controller = new AbortController()
    const entry: Entry = {
      job,
      listeners: new Set([listener]),
      controller,
      outcome: Promise.resolve({ status: 'cancelled' }),
    }
    const update: JobListener = (u) => {
      entry.last = u
      for (const l of entry.listeners) l(u)
    }
    entry.outcome = (async (): Promise<JobOutcome> => {
      // A macrotask first: the caller gets its handle before the job's first update.
      await new Promise((r) => setImmediate(r))
      if (controller.signal.aborted) return { status: 'cancelled' }
      try {
        return await this.#run(job, { update, signal: controller.signal })
      } catch (e) {
        return { status: 'failed', error: { prevent: false, name: 'Error', message: String(e) } }
      }
    })().then((end) => {
      entry.ended = controller.signal.aborted ? { status: 'cancelled' } : end
      entry.expires = Date.now() + Math.max(KEEP_FINISHED_MS, (o.cacheSeconds ?? 0) * 1000)
      entry.listeners.clear()
      this.#startSweep()
      return entry.ended
    })
    this.#jobs.set(job.id, entry)
    return {
      id: job.id,
      cached: false,
      outcome: entry.outcome,
      detach: () => entry.listeners.delete(listener),
    }
  }

  async attach(jobId: string, listener: JobListener): Promise<JobHandle | null> {
    this.#forgetExpired()
    const entry = this.#jobs.get(jobId)
    return entry ? this.#handle(entry, listener) : null
  }

  #handle(entry: Entry, listener: JobListener): JobHandle {
    if (!entry.ended) {
      if (entry.last) listener(entry.last)
      entry.listeners.add(listener)
    }
    return {
      id: entry.job.id,
      cached: entry.ended !== undefined,
      outcome: entry.outcome,
      detach: () => entry.listeners.delete(listener),
    }
  }

  async cancel(jobId: string): Promise<void> {
    const entry = this.#jobs.get(jobId)
    if (entry && !entry.ended) entry.controller.abort()
  }

  #forgetExpired(): void {
    const now = Date.now()
    for (const [id, e] of this.#jobs) if (e.expires !== undefined && e.expires <= now) this.#jobs.delete(id)
  }

  #startSweep(): void {
    if (this.#sweep) return
    this.#sweep = setInterval(() => {
      this.#forgetExpired()
      if (![...this.#jobs.values()].some((e) => e.expires !== undefined)) {
        clearInterval(this.#sweep!)
        this.#sweep = null
      }
    }, 10_000)
    this.#sweep.unref()
  }

  async close(): Promise<void> {
    for (const e of this.#jobs.values()) if (!e.ended) e.controller.abort()
    await Promise.allSettled([...this.#jobs.values()].map((e) => e.outcome))
    if (this.#sweep) clearInterval(this.#sweep)
    this.#jobs.clear()
  }
}
