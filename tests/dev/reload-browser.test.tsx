/**
 * The dev script in Chromium: a page reloads when the server it came from restarts (a new boot id
 * after the stream broke), once, and not when the stream merely reconnects to the same process.
 * A hidden tab gives its stream up and takes it back when shown.
 */
import './dev-env.ts'
import { serve } from '@hono/node-server'
import type { Server } from 'node:http'
import { Hono } from 'hono'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { createReloadHandler, reloadStreamsOpen } from '../../src/server/dev-route.ts'
import { staticFiles } from '../../src/server/static-files.ts'
import { launch } from '../browser/harness.ts'

let boot = 'first'
let loads = 0
let streams = 0
const site = new Hono()
site.get('/', (c) => {
  loads++
  return c.html(
    '<!DOCTYPE html>' +
    (
      <html>
        <head>
          <script src="/dev.js" data-hd-reload="/reload" data-hd-boot={boot} defer />
        </head>
        <body>
          <p id="boot">{boot}</p>
        </body>
      </html>
    )
  )
})
site.get('/dev.js', (c) =>
  c.body(staticFiles().get('hyperdash-dev.js')!.body, 200, { 'Content-Type': 'text/javascript' })
)
const reload = createReloadHandler({ heartbeatMs: 50, bootId: () => boot })
site.get('/reload', (c) => {
  streams++
  return reload(c)
})

let server: Server
let url = ''
let browser: Browser
beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve({ fetch: site.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      url = `http://127.0.0.1:${info.port}/`
      resolve()
    }) as Server
  })
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
  server.closeAllConnections()
  await new Promise<void>((r) => server.close(() => r()))
})

/** What a restart looks like to the page: every connection drops; the server answers again at once. */
const dropConnections = () => server.closeAllConnections()

it('reloads the page once when the server restarted, and not when the stream only reconnects', async () => {
  const page = await browser.newPage()
  await page.goto(url)
  await vi.waitFor(() => expect(streams).toBe(1))
  expect(loads).toBe(1)

  // A restart: a new process (a new boot id), the old connections gone.
  boot = 'second'
  dropConnections()
  await page.waitForFunction(() => document.getElementById('boot')!.textContent === 'second')
  await vi.waitFor(() => expect(streams).toBe(3)) // the first page's reconnect, then the reloaded page's stream
  expect(loads).toBe(2)

  // The same process again: the stream reconnects, the page hears the same boot id and stays.
  await page.evaluate(() => {
    const w = window as unknown as { heard: { boot: string; reloading: boolean }[] }
    w.heard = []
    document.addEventListener('hd:dev-boot', (e) => w.heard.push((e as CustomEvent).detail))
  })
  dropConnections()
  await page.waitForFunction(() => (window as unknown as { heard: unknown[] }).heard.length === 1)
  expect(await page.evaluate(() => (window as unknown as { heard: unknown[] }).heard)).toEqual([
    { boot: 'second', reloading: false },
  ])
  expect(streams).toBe(4)
  expect(loads).toBe(2)
  await page.close()
})

it('closes its stream while the tab is hidden and reconnects when it is shown again', async () => {
  const page = await browser.newPage()
  await page.goto(url)
  await vi.waitFor(() => expect(reloadStreamsOpen()).toBe(1))
  const setHidden = (hidden: boolean) =>
    page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { value: h, configurable: true })
      document.dispatchEvent(new Event('visibilitychange'))
    }, hidden)
  const before = streams
  await setHidden(true)
  await vi.waitFor(() => expect(reloadStreamsOpen()).toBe(0))
  await setHidden(false)
  await vi.waitFor(() => expect(reloadStreamsOpen()).toBe(1))
  expect(streams).toBe(before + 1)
  await page.close()
})
