/**
 * The reload stream (`/_hd/dev/reload`): the process's boot id first, keep-alive comments after;
 * it ends when the client leaves, and when the process is asked to stop, so a graceful shutdown
 * (which waits for requests in flight) and `npm run dev`'s restarts need not wait for it.
 */
import './dev-env.ts'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { Hono } from 'hono'
import { describe, expect, it, vi } from 'vitest'
import { createReloadHandler, reloadStreamsOpen } from '../../src/server/dev-route.ts'
import { BOOT_ID } from '../../views/dev/assets.tsx'
import { failingApp } from './fixtures/failing-app.tsx'

const decoder = new TextDecoder()

/** Reads a stream until `enough` says so; returns what was read. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, enough: (text: string) => boolean) {
  let text = ''
  while (!enough(text)) {
    const { value, done } = await reader.read()
    if (done) break
    text += decoder.decode(value)
  }
  return text
}

describe('the reload stream', () => {
  it("opens with the process's boot id and how soon to reconnect, then ends when the client leaves", async () => {
    const res = await failingApp().request('/_hd/dev/reload')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    const reader = res.body!.getReader()
    expect(await readUntil(reader, (t) => t.endsWith('\n\n'))).toBe(
      `event: boot\ndata: ${BOOT_ID}\nretry: 300\n\n`
    )
    expect(reloadStreamsOpen()).toBe(1)
    await reader.cancel()
    await vi.waitFor(() => expect(reloadStreamsOpen()).toBe(0))
  })

  it('sends keep-alive comments between events', async () => {
    const site = new Hono()
    site.get('/reload', createReloadHandler({ heartbeatMs: 5, bootId: () => 'test-boot' }))
    const reader = (await site.request('/reload')).body!.getReader()
    const text = await readUntil(reader, (t) => t.split(': keep-alive').length > 2)
    expect(
      text.startsWith('event: boot\ndata: test-boot\nretry: 300\n\n: keep-alive\n\n: keep-alive\n\n')
    ).toBe(true)
    await reader.cancel()
    await vi.waitFor(() => expect(reloadStreamsOpen()).toBe(0))
  })
})

/** Runs the fixture process; resolves with its output and how it ended. */
function runFixture(env: Record<string, string>) {
  const script = fileURLToPath(new URL('./fixtures/reload-shutdown.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  return new Promise<{ out: string; code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ out, code, signal }))
  )
}

describe('when the process is asked to stop', () => {
  it.each(['SIGTERM', 'SIGINT'])(
    'ends the open streams on %s, so a graceful shutdown completes',
    async (signal) => {
      const { out, code } = await runFixture({ GRACEFUL: '1', SIGNAL: signal })
      expect([out, code]).toEqual(['ready data: boot-1\nstream ended\n', 0])
    }
  )

  it('leaves the signal to Node when nothing else listens: the process ends by it', async () => {
    const { out, signal } = await runFixture({ SIGNAL: 'SIGTERM' })
    expect([out.split('\n')[0], signal]).toEqual(['ready data: boot-1', 'SIGTERM'])
  })
})
