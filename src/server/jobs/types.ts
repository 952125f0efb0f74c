/**
 * @module jobs/types
 * Background callbacks as jobs (Dash's `background=True`): what a job is, what it reports while it
 * runs, and what a queue backend does. Two backends implement {@link JobBackend}: the embedded one
 * (jobs run in the web process; nothing to install) and BullMQ on Redis (jobs survive a web process
 * restart; any number of job workers on any number of machines).
 */
import type { EncodedError } from '../isolate-codec.ts'

/** One call of a background callback, as it travels to whoever runs it. Plain JSON. */
export interface JobSpec {
  /** Random, or derived from `cacheBy` and the inputs (then an equal job is reused). */
  id: string
  /** The app's key: the same code on both sides (its name, or its callback graph's fingerprint). */
  app: string
  /** The callback: its registration index and Dash id, checked against each other. */
  callback: { index: number; id: string }
  /** The Inputs' then the States' values (encoded by isolate-codec.ts). */
  args: unknown[]
  /** The props that triggered it (`id.prop`); empty for an initial call. */
  changed: string[]
  /** Milliseconds since the epoch when it was submitted. */
  submittedAt: number
}

/** What a running job reports: its progress, or props it sets on other components (`setProps`). */
export type JobUpdate =
  { kind: 'progress'; value: unknown } | { kind: 'props'; id: string; props: Record<string, unknown> }

/** How a job ended. `value` is the encoded return value; `cancelled` when it was stopped. */
export type JobOutcome =
  { status: 'done'; value: unknown } | { status: 'failed'; error: EncodedError } | { status: 'cancelled' }

/** A job submitted or attached to: its updates as they happen, and its end. */
export interface JobHandle {
  readonly id: string
  /** True when the job was found finished in the cache: `outcome` is already settled. */
  readonly cached: boolean
  readonly outcome: Promise<JobOutcome>
  /** Stops listening (the job runs on). */
  detach(): void
}

export type JobListener = (update: JobUpdate) => void

/** What runs a job where it is executed: the app's own code (runner.ts). */
export type JobExecutor = (
  job: JobSpec,
  control: { update: JobListener; signal: AbortSignal }
) => Promise<JobOutcome>

export interface SubmitOptions {
  /** Keep the finished result this long, for `cacheBy` (seconds); 0: not kept beyond the call. */
  cacheSeconds?: number
  /** Runs on a worker that died mid-job, before it is failed (Dash has no such policy: 1 retry). */
  attempts?: number
}

/** A job worker's settings (`startJobWorker`, `hyperdash worker`). */
export interface WorkerOptions {
  /** Jobs this worker runs at once (default 4). */
  concurrency?: number
  /**
   * How long a job's lock lasts unless its worker renews it (every half of it), in ms; a worker that
   * died loses its jobs once it expired. Default 30 000 (BullMQ's): a worker whose event loop is
   * blocked longer than this has its job taken and run again elsewhere.
   */
  lockDuration?: number
  /**
   * How often the worker looks for jobs whose worker died (lock expired), in ms; such a job runs again
   * or fails per its `attempts`. Default 30 000 (BullMQ's): a died job is picked up within about
   * `lockDuration` + 2 × this.
   */
  stalledInterval?: number
}

export interface JobBackend {
  readonly kind: 'embedded' | 'bullmq'
  /**
   * Starts the job, or attaches to an equal one running (same id), or answers a finished one from
   * the cache. `listener` hears its updates from now on.
   */
  submit(job: JobSpec, listener: JobListener, options?: SubmitOptions): Promise<JobHandle>
  /** Listens to a job submitted earlier (after a dropped stream); null when it is unknown or gone. */
  attach(jobId: string, listener: JobListener): Promise<JobHandle | null>
  /** Stops the job wherever it runs (its function's `signal` aborts), or removes it if waiting. */
  cancel(jobId: string): Promise<void>
  /** Closes connections and stops local workers. */
  close(): Promise<void>
}
