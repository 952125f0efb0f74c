/**
 * @module jobs
 * Picks an app's job backend: BullMQ on Redis when `REDIS_URL` is set (or `redisUrl` given), else the
 * embedded one. One backend per app, made on first use.
 */
import { createHash } from 'node:crypto'
import type { Graph } from '../../core/graph.ts'
import { connectBullJobs } from './bullmq.ts'
import { EmbeddedJobs } from './embedded.ts'
import { jobRunner, type JobApp } from './runner.ts'
import type { JobBackend } from './types.ts'

/** The key that names an app's jobs: its `name`, or a fingerprint of its callbacks (same code, same key). */
export function appJobKey(graph: Graph, name: string | undefined): string {
  if (name !== undefined) return `n-${name}`
  const shape = graph.callbacks.map((cb) => [cb.id, cb.inputs.map((d) => d.key), cb.states.map((d) => d.key)])
  return `g-${createHash('sha256').update(JSON.stringify(shape)).digest('base64url').slice(0, 22)}`
}

/** The queue of an app's jobs in Redis. */
export const queueName = (key: string) => `jobs-${key.replace(/[^\w-]/g, '_')}`

export interface JobsConfig {
  /** Redis for BullMQ; default `process.env.REDIS_URL`; none → the embedded backend. */
  redisUrl?: string
}

export async function createJobs(app: JobApp, o: JobsConfig = {}): Promise<JobBackend> {
  const url = o.redisUrl ?? process.env['REDIS_URL']
  if (!url) return new EmbeddedJobs(jobRunner(app))
  return connectBullJobs({ url, queue: queueName(app.key()) })
}

export { jobRunner } from './runner.ts'
export type { BackgroundContext } from './runner.ts'
export type { BackgroundOptions } from './background.ts'
export type { JobBackend } from './types.ts'
