/**
 * @module background/cli-worker.test
 * `hyperdash worker examples/background-progress.tsx` in its own process, on a real Redis: the web
 * app (this process, no worker of its own) submits the job, the CLI's process runs it, and every
 * progress step and the result stream back through this process. SIGTERM ends the worker cleanly.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { renderPage } from '../../src/testing.ts'
import { startRedis, type RedisInstance } from './redis.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const env = { STEP_MS: '40', HYPERDASH_SECRET: 'cli-worker-test-secret-0123456789abcdef' }

let redis: RedisInstance
beforeAll(async () => {
  redis = await startRedis()
}, 20_000)
afterAll(async () => {
  await redis?.stop()
})

it('runs the jobs of the web process in its own process, and exits on SIGTERM', async () => {
  // The CLI from the sources, through tsx (as `npx hyperdash worker app.ts` in a project with tsx).
  const worker = spawn(
    `${ROOT}node_modules/.bin/tsx`,
    ['src/cli.ts', 'worker', 'examples/background-progress.tsx', '--concurrency', '2'],
    { cwd: ROOT, env: { ...process.env, ...env, REDIS_URL: redis.url }, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let said = ''
  worker.stdout.on('data', (d) => (said += d))
  worker.stderr.on('data', (d) => (said += d))
  const exited = new Promise<number | null>((r) => worker.once('exit', (code) => r(code)))
  await vi.waitFor(
    () => expect(said).toContain('hyperdash: job worker for examples/background-progress.tsx'),
    {
      timeout: 20_000,
      interval: 100,
    }
  )

  Object.assign(process.env, env, { REDIS_URL: redis.url })
  const { app, counters } = await import('../../examples/background-progress.tsx')
  expect((await app.jobs()).kind).toBe('bullmq') // made on first use, from REDIS_URL
  delete process.env['REDIS_URL']
  try {
    const page = await renderPage(app)
    const res = await page.click('run', { stream: true })
    const steps = res.fragments.flatMap((f) =>
      f.swap === 'children' && f.id === 'progress-text' ? [f.html] : []
    )
    expect(steps).toEqual(['step 1 of 5', 'step 2 of 5', 'step 3 of 5', 'step 4 of 5', 'step 5 of 5', 'idle'])
    expect(page.text('result')).toBe('done in 5 steps')
    expect(counters.runs).toBe(0) // ran in the worker's process, not here
  } finally {
    await app.close()
  }
  worker.kill('SIGTERM')
  const code = await exited
  expect(code).toBe(0)
  expect(said).toContain('hyperdash: finishing the jobs in hand, then exiting')
}, 40_000)
