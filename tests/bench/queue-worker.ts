/**
 * @module queue-worker
 * A job worker process for the queue throughput bench (background.tsx): trivial jobs from the BullMQ
 * queue named by `BENCH_QUEUE` on `REDIS_URL`, `BENCH_CONCURRENCY` at once. Says `ready` over IPC.
 */
import { connectBullJobs } from '../../src/server/jobs/bullmq.ts'

const jobs = await connectBullJobs({ url: process.env['REDIS_URL']!, queue: process.env['BENCH_QUEUE']! })
jobs.startWorker(async () => ({ status: 'done', value: null }), {
  concurrency: Number(process.env['BENCH_CONCURRENCY'] ?? 8),
})
process.send?.({ type: 'ready' })
process.on('disconnect', () => void jobs.close().then(() => process.exit(0)))
