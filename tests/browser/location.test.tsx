/**
 * dcc.Link and dcc.Location without pages, in Chromium: a link click changes the URL without a
 * reload and fires the callbacks reading the parts that changed, in one request; back/forward fire
 * them again; a callback setting a Location's URL navigates as its `refresh` says (Dash's rules:
 * `'callback-nav'` pushes and fires the other Locations, `false` only pushes, `true` loads the page).
 */
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'
import { countUpdates, settled, useApp } from './harness.ts'

process.env['HYPERDASH_SECRET'] ??= 'browser-location-test-secret-01234567'

function navApp() {
  const app = createApp({
    paths: ['/*'],
    layout: (
      <div>
        <dcc.Location id="url" />
        <dcc.Location id="soft" refresh="callback-nav" />
        <dcc.Location id="quiet" refresh={false} />
        <dcc.Location id="hard" />
        <nav>
          <dcc.Link id="to-b" href="/b?x=1#h">
            B
          </dcc.Link>
          <dcc.Link id="to-c" href="/c">
            C
          </dcc.Link>
          <dcc.Link id="to-hash" href="#sec">
            section
          </dcc.Link>
          <dcc.Link id="to-new" href="/b" target="_blank">
            new tab
          </dcc.Link>
          <dcc.Link id="to-full" href="/full" refresh>
            full
          </dcc.Link>
        </nav>
        <button id="go-soft">soft</button>
        <button id="go-quiet">quiet</button>
        <button id="go-hard">hard</button>
        <p id="path-out" />
        <p id="hash-out" />
        <p id="path-runs" />
      </div>
    ),
  })
  app.callback(
    Output('path-out', 'children'),
    [Input('url', 'pathname'), Input('url', 'search')],
    (pathname, search) => `${pathname}${search ?? ''}`
  )
  let runs = 0
  app.callback(Output('path-runs', 'children'), [Input('url', 'pathname')], () => `runs ${++runs}`)
  app.callback(Output('hash-out', 'children'), [Input('url', 'hash')], (hash) => `hash=${hash ?? ''}`)
  app.callback(Output('soft', 'pathname'), [Input('go-soft', 'n_clicks')], () => '/soft', {
    preventInitialCall: true,
  })
  app.callback(Output('quiet', 'pathname'), [Input('go-quiet', 'n_clicks')], () => '/quiet', {
    preventInitialCall: true,
  })
  app.callback(Output('hard', 'href'), [Input('go-hard', 'n_clicks')], () => '/hard?y=2', {
    preventInitialCall: true,
  })
  return app
}

const app = useApp(async () => navApp())
const path = (page: Page) => new URL(page.url()).pathname + new URL(page.url()).search
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { mark: number }).mark = 1))
const marked = (page: Page) => page.evaluate(() => (window as unknown as { mark?: number }).mark === 1)
const text = (page: Page, id: string) => page.textContent(`#${id}`)

it('renders real links: href, target, and the full-load link without the enhancement', async () => {
  const { page } = await app.open('/')
  expect(await page.getAttribute('#to-b', 'href')).toBe('/b?x=1#h')
  expect(await page.getAttribute('#to-new', 'target')).toBe('_blank')
  expect(await page.getAttribute('#to-full', 'data-hd-link')).toBeNull()
  expect(await page.getAttribute('#to-c', 'data-hd-link')).toBe('')
})

it('fires the callbacks of the parts a link click changed, in one request, without a reload', async () => {
  const { page, errors } = await app.open('/')
  expect([await text(page, 'path-out'), await text(page, 'hash-out')]).toEqual(['/', 'hash='])
  await mark(page)
  const updates = countUpdates(page)
  await page.click('#to-b')
  await page.waitForFunction(() => document.getElementById('hash-out')!.textContent === 'hash=#h')
  await settled(page)
  expect(await text(page, 'path-out')).toBe('/b?x=1')
  expect(path(page)).toBe('/b?x=1')
  expect(updates.n).toBe(1)
  await page.click('#to-c')
  await page.waitForFunction(() => document.getElementById('path-out')!.textContent === '/c')
  await settled(page)
  expect(updates.n).toBe(2)
  expect(await marked(page)).toBe(true)
  expect(errors).toEqual([])
})

it('fires only the callbacks of the parts that changed: a new hash runs no pathname callback', async () => {
  const { page, errors } = await app.open('/')
  const before = await text(page, 'path-runs')
  const updates = countUpdates(page)
  await page.click('#to-hash')
  await page.waitForFunction(() => document.getElementById('hash-out')!.textContent === 'hash=#sec')
  await settled(page)
  expect(updates.n).toBe(1)
  expect(await text(page, 'path-runs')).toBe(before)
  expect(errors).toEqual([])
})

it('fires them again on back and forward', async () => {
  const { page, errors } = await app.open('/')
  await page.click('#to-b')
  await page.waitForFunction(() => document.getElementById('path-out')!.textContent === '/b?x=1')
  await settled(page)
  const updates = countUpdates(page)
  await page.goBack()
  await page.waitForFunction(() => document.getElementById('path-out')!.textContent === '/')
  await settled(page)
  expect(await text(page, 'hash-out')).toBe('hash=')
  expect(updates.n).toBe(1)
  await page.goForward()
  await page.waitForFunction(() => document.getElementById('path-out')!.textContent === '/b?x=1')
  await settled(page)
  expect(await text(page, 'hash-out')).toBe('hash=#h')
  expect(updates.n).toBe(2)
  expect(errors).toEqual([])
})

it("navigates when a callback sets a 'callback-nav' Location, and fires the other Locations' callbacks", async () => {
  const { page, errors } = await app.open('/')
  await mark(page)
  const updates = countUpdates(page)
  await page.click('#go-soft')
  await page.waitForFunction(() => document.getElementById('path-out')!.textContent === '/soft')
  await settled(page)
  expect(path(page)).toBe('/soft')
  expect(updates.n).toBe(2)
  expect(await marked(page)).toBe(true)
  await page.goBack()
  await page.waitForFunction(() => document.getElementById('path-out')!.textContent === '/')
  expect(errors).toEqual([])
})

it('only pushes the URL for a Location with refresh=false', async () => {
  const { page, errors } = await app.open('/')
  const updates = countUpdates(page)
  await page.click('#go-quiet')
  await page.waitForURL((u) => u.pathname === '/quiet')
  await settled(page)
  expect(await text(page, 'path-out')).toBe('/')
  expect(updates.n).toBe(1)
  expect(errors).toEqual([])
})

it('loads the page for a Location with refresh=true (the default)', async () => {
  const { page, errors } = await app.open('/')
  await mark(page)
  await page.click('#go-hard')
  await page.waitForURL((u) => u.pathname === '/hard')
  await page.waitForFunction(() => document.getElementById('path-out')?.textContent === '/hard?y=2')
  expect(await marked(page)).toBe(false)
  expect(errors).toEqual([])
})

it('loads the page for a link with refresh', async () => {
  const { page } = await app.open('/')
  await mark(page)
  await page.click('#to-full')
  await page.waitForURL((u) => u.pathname === '/full')
  await page.waitForFunction(() => document.getElementById('path-out')?.textContent === '/full')
  expect(await marked(page)).toBe(false)
})
