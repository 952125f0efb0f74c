/**
 * Property-based tests (fast-check) of the request parser and the update route: any body, any headers,
 * any content type → a 2xx or a 4xx with a message, never a 5xx, never a hang; afterwards the server
 * still answers a valid request correctly. Once through `app.fetch`, once over a real socket.
 */
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UPDATE_PATH } from '../../src/protocol/constants.ts'
import { formApp } from './fixtures/form-app.tsx'
import { loadPage, ORIGIN, postUpdate, updateJson, type Live } from './helpers.ts'

/** Runs per property; raise it for a longer search: FUZZ_RUNS=5000 npx vitest run tests/security/fuzz.test.ts */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300)

const { app, runs } = formApp()
let page: Map<string, Live>
beforeAll(async () => {
  page = await loadPage(app)
})

const VALID = { 'text.value': 'ok', 'num.value': 2, 'slider.value': 3, 'pick.value': ['b'], 'go.n_clicks': 4 }
const EXPECTED =
  '{&quot;text&quot;:&quot;ok&quot;,&quot;num&quot;:2,&quot;slider&quot;:3,&quot;pick&quot;:[&quot;b&quot;],&quot;clicks&quot;:4,&quot;title&quot;:&quot;kept&quot;}'

/** A valid update still gets the right answer. */
async function stillAnswers() {
  const before = runs.length
  const res = await postUpdate(app, updateJson(page, ['go.n_clicks'], VALID))
  expect(res.status).toBe(200)
  expect(await res.text()).toBe(
    `<template id="out" hx-swap-oob="hd" hd-children="" hd-cb="0">${EXPECTED}</template>`
  )
  expect(runs.length).toBe(before + 1)
}

/** A status and body that keep the promise: 2xx, or 4xx with a message. */
function expectAnswered(status: number, text: string) {
  expect(status >= 200 && status < 500, `status ${status}: ${text.slice(0, 200)}`).toBe(true)
  if (status >= 400) expect(text.length).toBeGreaterThan(0)
}

// ─── generators ─────────────────────────────────────────────────────────────────────────────

const headerName = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/)
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/).map((s) => s.trim())
const contentType = fc.oneof(
  fc.constantFrom(
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=utf-8',
    'multipart/form-data',
    'multipart/form-data; boundary=xyz',
    'application/json',
    'text/plain',
    'application/octet-stream',
    'text/event-stream'
  ),
  headerValue
)
const accept = fc.constantFrom('text/html', 'text/event-stream', '*/*', 'text/event-stream, text/html')
const headers = fc
  .record({
    extra: fc.dictionary(headerName, headerValue, { maxKeys: 6 }),
    type: fc.option(contentType),
    accept: fc.option(accept),
  })
  .map(({ extra, type, accept }) => {
    const h: Record<string, string> = {}
    for (const [k, v] of Object.entries(extra)) {
      // What decides the request's route or framing is left to the cases below.
      if (
        !/^(host|content-length|transfer-encoding|connection|expect|upgrade|origin|sec-fetch-site)$/i.test(k)
      )
        h[k] = v
    }
    if (type !== null) h['content-type'] = type
    if (accept !== null) h['accept'] = accept
    return h
  })

/** Mostly nothing, sometimes `arb`: each part of a request is replaced now and then. */
const sometimes = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: arb, weight: 1 })

/** Browser values: of the right type (then the callback runs), or anything. */
const values = fc.record(
  {
    'text.value': fc.oneof(fc.string(), fc.jsonValue()),
    'num.value': fc.oneof(fc.double(), fc.integer(), fc.jsonValue()),
    'slider.value': fc.oneof(fc.integer({ min: -2, max: 12 }), fc.jsonValue()),
    'pick.value': fc.oneof(fc.subarray(['a', 'b', '3']), fc.array(fc.string()), fc.jsonValue()),
    'go.n_clicks': fc.oneof(fc.nat(), fc.integer(), fc.jsonValue()),
    'text.n_submit': fc.jsonValue(),
    'go.bogus': fc.jsonValue(),
  },
  { requiredKeys: [] }
)

/** The request JSON of the page, with any part replaced by anything now and then. */
const mutatedJson = () =>
  fc
    .record({
      t: sometimes(
        fc.oneof(
          fc.array(
            fc.oneof(fc.constantFrom('go.n_clicks', 'text.value', 'out.children', 'label.title'), fc.string())
          ),
          fc.jsonValue()
        )
      ),
      cb: sometimes(
        fc.oneof(
          fc.array(fc.record({ callback: fc.integer({ min: -2, max: 3 }), changed: fc.array(fc.string()) })),
          fc.jsonValue()
        )
      ),
      pending: sometimes(fc.jsonValue()),
      values,
      sig: sometimes(fc.oneof(fc.string(), fc.constant(''))),
      state: sometimes(fc.oneof(fc.string(), fc.json())),
      parent: sometimes(fc.oneof(fc.string(), fc.constantFrom('text', 'out', 'label'))),
      extra: sometimes(
        fc.dictionary(
          fc.string().map((k) => `x${k}`),
          fc.jsonValue(),
          { maxKeys: 2 }
        )
      ),
    })
    .map((m) => {
      const json = updateJson(page, ['go.n_clicks'], { ...VALID, ...m.values }, m.extra ?? {})
      if (m.t !== null) json['changed'] = m.t
      if (m.cb !== null) json['reask'] = m.cb
      if (m.pending !== null) json['pending'] = m.pending
      const c = json['components'] as Record<string, Record<string, unknown>>
      if (m.sig !== null) c['label']!['sig'] = m.sig
      if (m.state !== null) c['text']!['state'] = m.state
      if (m.parent !== null) c['out']!['parent'] = m.parent
      return JSON.stringify(json)
    })

const body = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }),
  fc.json().map((j) => new URLSearchParams({ hd: j }).toString()),
  fc.json(),
  mutatedJson(),
  fc
    .tuple(mutatedJson(), fc.string({ maxLength: 20 }))
    .map(([j, junk]) => `--xyz\r\nContent-Disposition: form-data; name="hd"\r\n\r\n${j}\r\n--xyz${junk}`)
)

// ─── through app.fetch ──────────────────────────────────────────────────────────────────────

describe('through app.fetch', () => {
  it('any body, headers and content type: a 2xx or 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        headers,
        fc.constantFrom('same-origin', 'cross-site', null),
        async (b, h, site) => {
          if (site) h['sec-fetch-site'] = site
          const res = await app.fetch(
            new Request(ORIGIN + UPDATE_PATH, { method: 'POST', body: b, headers: h })
          )
          expectAnswered(res.status, await res.text())
        }
      ),
      { numRuns: RUNS }
    )
    await stillAnswers()
  })

  it('a well-formed form whose JSON is mutated anywhere: a 2xx or 4xx, never a 5xx', async () => {
    const seen = new Set<string>()
    await fc.assert(
      fc.asyncProperty(mutatedJson(), async (json) => {
        const res = await postUpdate(app, json)
        expectAnswered(res.status, await res.text())
        seen.add(res.status < 300 ? '2xx' : '4xx')
      }),
      { numRuns: RUNS }
    )
    // The generator reaches the callbacks, not only the checks.
    expect([...seen].sort()).toEqual(['2xx', '4xx'])
    await stillAnswers()
  })

  it('any method and path under the app: never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
        fc.oneof(
          fc.constantFrom(UPDATE_PATH, '/', '/_hd/static/htmx.min.js', '/_hd/static/nope.js', '/_hd/'),
          fc.webPath()
        ),
        async (method, path) => {
          const res = await app.fetch(
            new Request(ORIGIN + (path.startsWith('/') ? path : `/${path}`), { method })
          )
          expectAnswered(res.status, method === 'HEAD' ? 'head' : await res.text())
        }
      ),
      { numRuns: Math.ceil(RUNS / 3) }
    )
    await stillAnswers()
  })
})

// ─── over a socket ──────────────────────────────────────────────────────────────────────────

describe('over a socket', () => {
  let server: ServerType
  let port: number
  beforeAll(async () => {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        port = info.port
        resolve()
      })
    })
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  function send(
    method: string,
    path: string,
    h: Record<string, string>,
    b: string | Uint8Array
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: h, agent: false }, (res) => {
        let text = ''
        res.setEncoding('latin1')
        res.on('data', (d: string) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode!, text }))
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(b)
    })
  }

  it('any body, headers and content type: a 2xx or 4xx, never a 5xx, then a valid request works', async () => {
    await fc.assert(
      fc.asyncProperty(body, headers, async (b, h) => {
        const r = await send('POST', UPDATE_PATH, h, b)
        expectAnswered(r.status, r.text)
      }),
      { numRuns: Math.ceil(RUNS / 3) }
    )
    const r = await send(
      'POST',
      UPDATE_PATH,
      { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` },
      JSON.stringify(updateJson(page, ['go.n_clicks'], VALID))
    )
    expect(r.status).toBe(200)
    expect(r.text).toContain(EXPECTED)
  })
})
