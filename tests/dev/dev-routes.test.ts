/**
 * The dev routes exist in development only: in production `/_hd/dev` and everything below it answer
 * 404 (instead of the app's page), and pages carry no dev script. Mounted under a base path, every
 * link follows it.
 */
import './dev-env.ts'
import { readFileSync } from 'node:fs'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { devLogOf } from '../../src/server/dev-route.ts'
import { BOOT_ID } from '../../views/dev/assets.tsx'
import { failingApp } from './fixtures/failing-app.tsx'
import { devPage, requestRows } from './helpers.ts'

const devScriptTag = (base: string) =>
  `<script src="${base}/_hd/static/hyperdash-dev.js" data-hd-reload="${base}/_hd/dev/reload" data-hd-boot="${BOOT_ID}" defer=""></script>`

describe('in production', () => {
  const app = failingApp({ dev: false })

  it.each([
    ['GET', '/_hd/dev'],
    ['GET', '/_hd/dev/'],
    ['GET', '/_hd/dev/reload'],
    ['GET', '/_hd/dev/anything'],
    ['POST', '/_hd/dev'],
  ])('answers %s %s with 404', async (method, path) => {
    const res = await app.request(path, { method })
    expect([res.status, await res.text()]).toEqual([404, 'Not found'])
  })

  it('renders pages without the dev script', async () => {
    const html = await (await app.request('/')).text()
    expect(html).not.toContain('hyperdash-dev')
    expect(html).not.toContain('data-hd-boot')
  })
})

describe('in development', () => {
  it('renders pages with the dev script, which knows the reload stream and this process', async () => {
    const html = await (await failingApp().request('/')).text()
    expect(html).toContain(devScriptTag(''))
  })

  it('serves the dev script and the dev stylesheet with the other static files', async () => {
    const app = failingApp()
    const js = await app.request('/_hd/static/hyperdash-dev.js')
    expect([js.status, js.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8'])
    expect(await js.text()).toBe(
      readFileSync(new URL('../../static/hyperdash-dev.js', import.meta.url), 'utf8')
    )
    const css = await app.request('/_hd/static/hyperdash-dev.css')
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8'])
  })

  it('answers 404 below /_hd/dev for what does not exist, and for a request the log no longer has', async () => {
    const app = failingApp()
    const other = await app.request('/_hd/dev/nothing-here')
    expect([other.status, await other.text()]).toEqual([404, 'Not found'])
    const gone = await app.request('/_hd/dev?request=nope')
    expect([gone.status, await gone.text()]).toEqual([
      404,
      'No request nope in the log (it keeps the last 50).',
    ])
  })

  it('links the app, itself and its assets below the base path when mounted', async () => {
    const app = failingApp()
    const site = new Hono()
    site.route('/dash', app.mountAt('/dash'))
    expect(await (await site.request('/dash/')).text()).toContain(devScriptTag('/dash'))
    const doc = await devPage(site, '/dash/_hd/dev')
    expect(
      [...doc.querySelectorAll('h1 + p a')].map((a) => `${a.textContent} ${a.getAttribute('href')}`)
    ).toEqual(['Open the app /dash/', 'Refresh /dash/_hd/dev'])
    expect(doc.querySelector('link[rel=stylesheet]')!.getAttribute('href')).toBe(
      '/dash/_hd/static/hyperdash-dev.css'
    )
    expect(doc.querySelector('.hd-requests a')!.getAttribute('href')).toBe(
      `/dash/_hd/dev?request=${devLogOf(app.context).list()[0]!.requestId}`
    )
  })

  it('keeps one log per app, however often it is mounted', async () => {
    const app = failingApp()
    const site = new Hono()
    site.route('/a', app.mountAt('/a'))
    site.route('/b', app.mountAt('/b'))
    await site.request('/a/')
    await site.request('/b/')
    expect(app.context.observers.length).toBe(1)
    expect(requestRows(await devPage(app)).map((r) => r.kind)).toEqual(['page', 'page'])
  })
})
