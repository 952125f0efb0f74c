#!/usr/bin/env node
/**
 * @module cli
 * `hyperdash worker <app module> [--concurrency N]`: a job worker for background callbacks. It imports
 * the app's module (the same code the web processes run; its `app.listen()` stays behind `isMain`),
 * connects to `REDIS_URL` and runs the app's jobs until SIGTERM/SIGINT, then finishes the jobs it
 * holds and exits. A TypeScript module is loaded with tsx when the project has it.
 */
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { HyperApp } from './server/app.ts'

const USAGE = 'usage: hyperdash worker <app module> [--concurrency N]'

function fail(message: string): never {
  console.error(`hyperdash: ${message}`)
  process.exit(1)
}

/** Registers tsx's loader from the user's project, for `.ts`/`.tsx` app modules. */
async function loadTypeScript(): Promise<void> {
  try {
    const api = createRequire(join(process.cwd(), 'noop.js')).resolve('tsx/esm/api')
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
  let concurrency = 4
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--concurrency') concurrency = Number(rest[++i])
    else fail(`unknown option '${rest[i]}'. ${USAGE}`)
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) fail('--concurrency takes a whole number ≥ 1.')
  if (!process.env['REDIS_URL'])
    fail('a job worker takes jobs from Redis: set REDIS_URL (the same as the web processes).')
  const path = resolve(module)
  if (/\.(c|m)?tsx?$/.test(path) && !process.features.typescript) await loadTypeScript()
  const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>
  const apps = Object.values(mod).filter((v): v is HyperApp => v instanceof HyperApp)
  if (apps.length === 0) fail(`${module} exports no app: export the app (export const app = createApp(...)).`)
  const workers = await Promise.all(apps.map((app) => app.startJobWorker({ concurrency })))
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
