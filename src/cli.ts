#!/usr/bin/env node
/**
 * @module cli
 * `hyperdash worker <app module> [--concurrency N] [--lock-duration ms] [--stalled-interval ms]`: a job worker for background callbacks. It imports
 * the app's module (the same code the web processes run; its `app.listen()` stays behind `isMain`),
 * connects to `REDIS_URL` and runs the app's jobs until SIGTERM/SIGINT, then finishes the jobs it
 * holds and exits. A TypeScript module is loaded with tsx when the project has it.
 */
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { HyperApp } from './server/app.ts'
import type { WorkerOptions } from './server/jobs/types.ts'

const USAGE =
  'usage: hyperdash worker <app module> [--concurrency N] [--lock-duration ms] [--stalled-interval ms]'

/** The options and the worker settings they set (jobs/types.ts `WorkerOptions`, defaults there). */
const FLAGS = {
  '--concurrency': 'concurrency',
  '--lock-duration': 'lockDuration',
  '--stalled-interval': 'stalledInterval',
} as const

function fail(message: string): never {
  console.error(`hyperdash: ${message}`)
  process.exit(1)
}

type TsxPackage = { exports: Record<string, { import: string | { default: string } }> }

/** Registers tsx's loader from the user's project, for `.ts`/`.tsx` app modules. */
async function loadTypeScript(): Promise<void> {
  try {
    // The ESM entry of `tsx/esm/api` (require.resolve would give its CommonJS one, whose register()
    // cannot load tsx's hooks).
    const pkg = createRequire(join(process.cwd(), 'noop.js')).resolve('tsx/package.json')
    const exports = (JSON.parse(readFileSync(pkg, 'utf8')) as TsxPackage).exports['./esm/api']!.import
    const api = resolve(dirname(pkg), typeof exports === 'string' ? exports : exports.default)
    const { register } = (await import(pathToFileURL(api).href)) as { register(): void }
    register()
  } catch {
    fail(
      'the app module is TypeScript: install tsx in the project (npm install -D tsx), or build it to JavaScript.'
    )
  }
}

function join(dir: string, file: string) {
  return resolve(dir, file)
}

async function main(argv: string[]): Promise<void> {
  const [command, module, ...rest] = argv
  if (command !== 'worker' || !module) fail(USAGE)
  const numbers: Record<string, number> = {}
  for (let i = 0; i < rest.length; i++) {
    const name = FLAGS[rest[i] as keyof typeof FLAGS]
    if (!name) fail(`unknown option '${rest[i]}'. ${USAGE}`)
    const n = Number(rest[++i])
    if (!Number.isInteger(n) || n < 1) fail(`${rest[i - 1]} takes a whole number ≥ 1.`)
    numbers[name] = n
  }
  const options = numbers as WorkerOptions
  const concurrency = options.concurrency ?? 4
  if (!process.env['REDIS_URL'])
    fail('a job worker takes jobs from Redis: set REDIS_URL (the same as the web processes).')
  const path = resolve(module)
  if (/\.(c|m)?tsx?$/.test(path) && !process.features.typescript) await loadTypeScript()
  const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>
  const apps = Object.values(mod).filter((v): v is HyperApp => v instanceof HyperApp)
  if (apps.length === 0) fail(`${module} exports no app: export the app (export const app = createApp(...)).`)
  const workers = await Promise.all(apps.map((app) => app.startJobWorker({ ...options, concurrency })))
  console.log(
    `hyperdash: job worker for ${module} (${apps.length} app${apps.length > 1 ? 's' : ''}, ${concurrency} at once)`
  )
  const stop = async () => {
    console.log('hyperdash: finishing the jobs in hand, then exiting')
    await Promise.allSettled(workers.map((w) => w.close()))
    process.exit(0)
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

void main(process.argv.slice(2)).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)))
