/**
 * src/server/cluster.ts: N worker processes on one port, one HMAC secret between them.
 */
import cluster from 'node:cluster'
import { request } from 'node:http'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { listenCluster, type ClusterHandle } from '../../src/server/cluster.ts'
import { captureUpdates } from './client.ts'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
const quiet = { onListening: () => {} }

/** One request on its own connection (so the cluster's round robin picks the next worker). */
function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string
) {
  return new Promise<{ status: number; worker: string; text: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, headers: { ...headers, connection: 'close' }, agent: false },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, worker: String(res.headers['x-worker']), text })
        )
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

let handle: ClusterHandle | null = null
afterEach(async () => {
  await handle?.close()
  handle = null
})

describe('listenCluster', () => {
  it("serves one port from two workers that accept each other's pages, with a secret the primary generated", async () => {
    const saved = process.env['HYPERDASH_SECRET']
    delete process.env['HYPERDASH_SECRET']
    try {
      handle = await listenCluster(fixture('pid-app.ts'), { workers: 2, port: 0, ...quiet })
    } finally {
      if (saved !== undefined) process.env['HYPERDASH_SECRET'] = saved
    }
    expect(handle.pids).toHaveLength(2)
    const page = await send(handle.port, 'GET', '/')
    expect(page.status).toBe(200)
    // The browser's request, built by the real extension from a page this cluster served.
    const origin = `http://127.0.0.1:${handle.port}`
    const [update] = await captureUpdates({ fetch: (r) => fetch(r) }, [{ id: 'num', value: 360 }], { origin })
    const headers = { ...update!.headers, 'content-length': String(Buffer.byteLength(update!.body)) }
    const answers = []
    for (let i = 0; i < 4; i++)
      answers.push(await send(handle.port, 'POST', '/_hd/update', headers, update!.body))
    const workers = new Set([page.worker, ...answers.map((a) => a.worker)])
    expect([...workers].sort()).toEqual(handle.pids.map(String).sort())
    const fromOther = answers.filter((a) => a.worker !== page.worker)
    expect(fromOther.length).toBeGreaterThan(0)
    for (const a of answers) {
      expect(a.status).toBe(200)
      expect(a.text).toContain('360 is 2 * 2 * 2 * 3 * 3 * 5')
    }
  })

  it('refuses to start workers that sign with different secrets, and leaves none running', async () => {
    const error = await listenCluster(fixture('own-secret-app.ts'), { workers: 2, port: 0, ...quiet }).catch(
      (e: Error) => e
    )
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/different secrets/)
    expect(Object.keys(cluster.workers ?? {})).toEqual([])
  })

  it('stops every worker on close', async () => {
    handle = await listenCluster(fixture('pid-app.ts'), { workers: 2, port: 0, ...quiet })
    const pids = [...handle.pids]
    expect(pids.every(alive)).toBe(true)
    await handle.close()
    handle = null
    expect(pids.map(alive)).toEqual([false, false])
  })
})
