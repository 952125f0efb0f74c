/**
 * Two apps on one page of another site (issue 4): each root and error area has its own id, each app
 * collects only its own components and answers its own events.
 */
import { Hono } from 'hono'
import { raw } from 'hono/html'
import { expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { countUpdates, settled, useApp } from './harness.ts'

function counter(prefix: string) {
  const app = createApp({
    dev: true,
    layout: (
      <section>
        <button id={`${prefix}-btn`}>{prefix}</button>
        <output id={`${prefix}-out`}>{prefix} idle</output>
        <button id={`${prefix}-boom`}>boom</button>
        <div id={`${prefix}-never`} />
      </section>
    ),
  })
  app.callback(Output(`${prefix}-out`, 'children'), [Input(`${prefix}-btn`, 'n_clicks')], (n) =>
    n == null ? `${prefix} idle` : `${prefix} clicked ${n}`
  )
  app.callback(Output(`${prefix}-never`, 'children'), [Input(`${prefix}-boom`, 'n_clicks')], (n) => {
    if (n) throw new Error(`${prefix} failed`)
    return ''
  })
  return app
}

const app = useApp(async () => {
  const a = counter('a')
  const b = counter('b')
  const site = new Hono()
  site.route('/a', a.mountAt('/a'))
  site.route('/b', b.mountAt('/b'))
  site.get('/', async (c) =>
    c.html(
      <html>
        <head>
          <title>two apps</title>
          <link rel="icon" href="data:," />
          {raw(await a.assets({ basePath: '/a' }))}
        </head>
        <body>
          <h1>A site with two apps</h1>
          <div id="left">{raw(await a.renderRoot(c.req.url, { basePath: '/a' }))}</div>
          <div id="right">{raw(await b.renderRoot(c.req.url, { basePath: '/b' }))}</div>
        </body>
      </html>
    )
  )
  return site
})

it('renders both roots with their own ids, initial calls applied', async () => {
  const { page } = await app.open()
  expect(
    await page.$$eval('.hd-app', (roots) => roots.map((r) => [r.id, r.getAttribute('data-hd-url')]))
  ).toEqual([
    ['hd-app-a', '/a/_hd/update'],
    ['hd-app-b', '/b/_hd/update'],
  ])
  expect(await page.$$eval('.hd-errors', (e) => e.map((x) => x.id))).toEqual(['hd-errors-a', 'hd-errors-b'])
  expect(await page.textContent('#a-out')).toBe('a idle')
})

it('sends each app its own events, and shows each app its own errors', async () => {
  const { page, errors } = await app.open()
  const updates = countUpdates(page)
  const urls: string[] = []
  page.on('request', (r) => r.method() === 'POST' && urls.push(new URL(r.url()).pathname))
  await page.click('#b-btn')
  await page.waitForFunction(() => document.getElementById('b-out')!.textContent === 'b clicked 1')
  await page.click('#a-btn')
  await page.click('#a-btn')
  await page.waitForFunction(() => document.getElementById('a-out')!.textContent === 'a clicked 2')
  await page.click('#b-boom')
  await page.waitForSelector('#hd-errors-b .hd-error')
  await settled(page)
  expect(urls).toEqual(['/b/_hd/update', '/a/_hd/update', '/a/_hd/update', '/b/_hd/update'])
  expect(updates.n).toBe(4)
  expect(await page.textContent('#b-out')).toBe('b clicked 1')
  expect(await page.$$eval('#hd-errors-a .hd-error', (e) => e.length)).toBe(0)
  expect(await page.textContent('#hd-errors-b .hd-error')).toContain('b failed')
  expect(errors).toEqual([])
})
