/**
 * @module procs
 * Real processes for the multi-process tests: web processes (`node --import tsx <app module>`, each
 * on its own port) and job workers started with the real CLI (`node --import tsx src/cli.ts worker
 * <app module>`). Each resolves once the process says it is ready; all are killed when the file ends.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

export interface Proc {
  readonly pid: number
  readonly child: ChildProcess
  /** What it printed (stdout and stderr). */
  output(): string
  /** Resolves with its exit code (or signal) once it exited. */
  readonly exited: Promise<number | NodeJS.Signals>
  kill(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals>
}

export interface WebProc extends Proc {
  readonly url: string
}

const all = new Set<Proc>()

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

/** Spawns `args` with node and tsx; resolves when `ready` matches its output. */
function launch(
  args: string[],
  env: Record<string, string>,
  ready: RegExp
): Promise<[Proc, RegExpExecArray]> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, HYPERDASH_DEV: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const exited = new Promise<number | NodeJS.Signals>((r) =>
    child.once('exit', (code, signal) => r(code ?? signal ?? 0))
  )
  const proc: Proc = {
    pid: child.pid!,
    child,
    output: () => out,
    exited,
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
  all.add(proc)
  return new Promise((resolve, reject) => {
    // Generous: under the whole suite on 2 busy cores, loading tsx and the app can take long.
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} not ready in 60 s:\n${out}`)), 60_000)
    const read = (d: Buffer) => {
      out += d.toString()
      const m = ready.exec(out)
      if (m) (clearTimeout(timer), resolve([proc, m]))
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`exited with ${code}:\n${out}`))))
  })
}

/** A web process serving `module` (its `app.listen()` behind `isMain`) on a free port. */
export async function startWeb(module: string, env: Record<string, string>): Promise<WebProc> {
  const port = await freePort()
  const [proc] = await launch([module], { ...env, PORT: String(port), HOST: '127.0.0.1' }, /running on http/)
  return { ...proc, url: `http://127.0.0.1:${port}` }
}

/** A job worker for `module`, started with the real CLI. */
export async function startWorker(
  module: string,
  env: Record<string, string>,
  concurrency = 2,
  flags: string[] = []
): Promise<Proc> {
  const [proc] = await launch(
    ['src/cli.ts', 'worker', module, '--concurrency', String(concurrency), ...flags],
    env,
    /hyperdash: job worker for/
  )
  return proc
}

/** Runs the CLI to its end: its exit code and output (for the start-up faults). */
export function runCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr }))
  )
}

/** Kills every process started here (SIGKILL for those that do not stop within 3 s). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...all].map(async (p) => {
      const t = setTimeout(() => p.child.kill('SIGKILL'), 3000)
      await p.kill('SIGTERM')
      clearTimeout(t)
    })
  )
  all.clear()
}
