/**
 * DNS rebinding: a page on evil.example, re-resolved to 127.0.0.1, reaches a local app with
 * `Host: evil.example` and `Origin: http://evil.example`, which pass the same-origin test. An app
 * listening on loopback answers loopback names only (403 naming `security.allowedHosts` otherwise), on
 * every route; the list is configurable; an app listening elsewhere answers any host (warned once).
 */
import type { AddressInfo } from 'node:net'
import { request } from 'node:http'
import type { Server } from 'node:http'
import { afterAll, describe, expect, it } from 'vitest'
import { UPDATE_PATH } from '../../src/protocol/constants.ts'
import { hostRefused } from '../../src/server/security.ts'
import { formApp } from './fixtures/form-app.tsx'
import { loadPage, updateJson } from './helpers.ts'

const values = { 'go.n_clicks': 1, 'text.value': 'x', 'num.value': 1, 'slider.value': 1, 'pick.value': [] }

/** A raw HTTP request to 127.0.0.1:port with any Host header. */
function send(port: number, host: string, path: string, opts: { method?: string; body?: string } = {}) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const headers: Record<string, string> = { host, origin: `http://${host}` }
    if (opts.body) headers['content-type'] = 'application/json'
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers, agent: false },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode!, text }))
      }
    )
    req.on('error', reject)
    req.end(opts.body)
  })
}

describe('an app listening on 127.0.0.1 (app.listen)', () => {
  const { app, runs } = formApp()
  let server: Server
  let port: number
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('refuses Host: evil.example with Origin: evil.example on every route (page, update, static)', async () => {
    server = app.listen({ port: 0, hostname: '127.0.0.1', gracefulShutdown: false }) as Server
    await new Promise((r) => server.once('listening', r))
    port = (server.address() as AddressInfo).port
    const page = await loadPage(app)
    const body = JSON.stringify(updateJson(page, ['go.n_clicks'], values))
    const evil = `evil.example:${port}`
    const message = hostRefused(evil, true)
    expect(message).toContain('`security.allowedHosts`')
    expect(await send(port, evil, '/')).toEqual({ status: 403, text: message })
    expect(await send(port, evil, UPDATE_PATH, { method: 'POST', body })).toEqual({
      status: 403,
      text: message,
    })
    expect(await send(port, evil, '/_hd/static/hyperdash.js')).toEqual({ status: 403, text: message })
    expect(runs).toEqual([])
    // The app's own names pass: the same request for 127.0.0.1, localhost and [::1], any port.
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, '[::1]:8050']) {
      expect([host, (await send(port, host, UPDATE_PATH, { method: 'POST', body })).status]).toEqual([
        host,
        200,
      ])
    }
    expect(runs.length).toBe(3)
    expect((await send(port, 'LocalHost', '/')).status).toBe(200)
  })

  it('in-process requests (app.request, tests) use http://localhost and pass', async () => {
    expect((await app.request('/')).status).toBe(200)
  })
})

describe('security.allowedHosts', () => {
  const get = (app: ReturnType<typeof formApp>['app'], host: string) =>
    Promise.resolve(app.fetch(new Request(`http://${host}/`))).then((r) => r.status)

  it('names the hosts (port ignored), `.domain` adds its subdomains, loopback names always pass', async () => {
    const { app } = formApp({ security: { allowedHosts: ['app.example', '.corp.example'] } })
    app.hosts.listeningOn('127.0.0.1')
    expect(await get(app, 'app.example')).toBe(200)
    expect(await get(app, 'APP.example:8443')).toBe(200)
    expect(await get(app, 'corp.example')).toBe(200)
    expect(await get(app, 'x.corp.example')).toBe(200)
    expect(await get(app, 'localhost:3000')).toBe(200)
    expect(await get(app, 'evil.example')).toBe(403)
    expect(await get(app, 'app.example.evil.example')).toBe(403)
    expect(await get(app, 'evilcorp.example')).toBe(403)
    const res = await app.fetch(new Request('http://evil.example/'))
    expect(await res.text()).toBe(hostRefused('evil.example', false))
  })

  it("'*' allows any host", async () => {
    const { app } = formApp({ security: { allowedHosts: ['*'] } })
    app.hosts.listeningOn('127.0.0.1')
    expect(await get(app, 'evil.example')).toBe(200)
  })

  it('listening on 0.0.0.0 without a list: any host passes, and production warns once', async () => {
    const warnings: string[] = []
    const { app } = formApp({
      logger: { error: () => {}, info: () => {}, warn: (m: string) => void warnings.push(m) },
    })
    app.hosts.listeningOn('0.0.0.0', true)
    app.hosts.listeningOn('0.0.0.0', true)
    expect(await get(app, 'app.example')).toBe(200)
    expect(warnings).toEqual([
      'hyperdash: listening on 0.0.0.0 with no `security.allowedHosts`: requests for any Host are answered. ' +
        'List the names this app is served under to refuse others (DNS rebinding).',
    ])
  })

  it('served by another server (fetch, mountAt) without a list: any host passes', async () => {
    const { app } = formApp()
    expect(await get(app, 'app.example')).toBe(200)
  })
})
