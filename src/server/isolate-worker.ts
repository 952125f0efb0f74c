/**
 * @module isolate-worker
 * The body of a callback worker thread (see isolate.ts): imports the module that registers a callback,
 * finds it in the apps that module created, runs it with its context, and posts back the result.
 * One task at a time, so a stuck callback can be stopped by terminating its thread alone.
 */
import { parentPort } from 'node:worker_threads'
import { createContext, runWithContext } from '../core/context.ts'
import { encodeError, encodeValue } from './isolate-codec.ts'
import { findIsolated, type Task, type Reply } from './isolate.ts'

const port = parentPort!

async function run(task: Task): Promise<Reply> {
  try {
    await import(task.module)
    if (task.warm) return { seq: task.seq, ok: true, value: null }
    const found = findIsolated(task.index, task.id)
    if (!found) {
      throw new Error(
        `The callback ${task.id} (number ${task.index}) was not registered when its worker imported ${task.module}. ` +
          'Register callbacks that run in a worker at the top level of the module named in their `worker` option.'
      )
    }
    port.postMessage({ seq: task.seq, started: true } satisfies Reply)
    const context = createContext(found.spec, task.changed, task.args, new AbortController().signal)
    const value = await runWithContext(context, async () =>
      encodeValue(await (found.fn as (...a: unknown[]) => unknown)(...task.args, context))
    )
    return { seq: task.seq, ok: true, value }
  } catch (err) {
    return { seq: task.seq, ok: false, error: encodeError(err) }
  }
}

port.on('message', (task: Task) => {
  void run(task).then((reply) => {
    try {
      port.postMessage(reply)
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err)
      port.postMessage({
        seq: task.seq,
        ok: false,
        error: encodeError(new Error(`Its return value cannot leave the worker: ${why}`)),
      })
    }
  })
})
port.postMessage({ ready: true })
