/**
 * CSRF: a browser's cross-origin POST to the update route gets 403 whatever its content type, and the
 * callback does not run; same-origin requests (as htmx sends them) and non-browser clients pass.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { CROSS_ORIGIN_MESSAGE } from '../../src/server/security.ts'
import { formApp } from './fixtures/form-app.tsx'
import { loadPage, postUpdate, updateJson, type Live } from './helpers.ts'

const { app, runs } = formApp()
let page: Map<string, Live>
beforeAll(async () => {
  page = await loadPage(app)
})

const body = () =>
  updateJson(page, ['go.n_clicks'], {
    'go.n_clicks': 1,
    'text.value': 'x',
    'num.value': 1,
    'slider.value': 1,
    'pick.value': [],
  })
const FORM = { 'Content-Type': 'application/json' }

async function post(headers: Record<string, string>, raw?: string) {
  const before = runs.length
  const res = await postUpdate(app, raw ?? body(), headers)
  return { status: res.status, text: await res.text(), ran: runs.length - before }
}

describe('refused with 403', () => {
  const cases: [string, Record<string, string>][] = [
    [
      'Sec-Fetch-Site: cross-site',
      { ...FORM, 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' },
    ],
    [
      'Sec-Fetch-Site: same-site (a sibling subdomain)',
      { ...FORM, 'Sec-Fetch-Site': 'same-site', Origin: 'http://other.localhost' },
    ],
    [
      'an Origin of another site, without Sec-Fetch-Site (older browsers)',
      { ...FORM, Origin: 'https://evil.example' },
    ],
    ['an Origin on another port of the same host', { ...FORM, Origin: 'http://localhost:8080' }],
    ['Origin: null (a sandboxed frame or a data: page)', { ...FORM, Origin: 'null' }],
    [
      'a multipart form from another site',
      { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'multipart/form-data; boundary=x' },
    ],
  ]
  for (const [name, headers] of cases) {
    it(name, async () => {
      const r = await post(headers)
      expect(r).toEqual({ status: 403, text: CROSS_ORIGIN_MESSAGE, ran: 0 })
    })
  }

  it('a JSON body from another site (which hono/csrf alone would let through)', async () => {
    const r = await post(
      { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      JSON.stringify(body())
    )
    expect(r).toEqual({ status: 403, text: CROSS_ORIGIN_MESSAGE, ran: 0 })
  })
})

describe('allowed', () => {
  it('a same-origin htmx request (Sec-Fetch-Site: same-origin and its Origin)', async () => {
    const r = await post({ ...FORM, 'Sec-Fetch-Site': 'same-origin', Origin: 'http://localhost' })
    expect(r.status).toBe(200)
    expect(r.ran).toBe(1)
  })

  it('an Origin equal to the host, without Sec-Fetch-Site', async () => {
    const r = await post({ ...FORM, Origin: 'http://localhost' })
    expect(r.status).toBe(200)
    expect(r.ran).toBe(1)
  })

  it('a client that is not a browser (neither header: curl, load tests)', async () => {
    const r = await post(FORM)
    expect(r.status).toBe(200)
    expect(r.ran).toBe(1)
  })

  it('an origin listed in security.trustedOrigins', async () => {
    const trusted = formApp({ security: { trustedOrigins: ['https://portal.example'] } })
    const p = await loadPage(trusted.app)
    const json = updateJson(p, ['go.n_clicks'], {
      'go.n_clicks': 1,
      'text.value': 'x',
      'num.value': 1,
      'slider.value': 1,
      'pick.value': [],
    })
    const ok = await postUpdate(trusted.app, json, {
      ...FORM,
      'Sec-Fetch-Site': 'cross-site',
      Origin: 'https://portal.example',
    })
    expect(ok.status).toBe(200)
    const other = await postUpdate(trusted.app, json, {
      ...FORM,
      'Sec-Fetch-Site': 'cross-site',
      Origin: 'https://evil.example',
    })
    expect(other.status).toBe(403)
    expect(trusted.runs).toEqual(['echo'])
  })

  it('any origin when security.csrf is false', async () => {
    const open = formApp({ security: { csrf: false } })
    const p = await loadPage(open.app)
    const json = updateJson(p, ['go.n_clicks'], {
      'go.n_clicks': 1,
      'text.value': 'x',
      'num.value': 1,
      'slider.value': 1,
      'pick.value': [],
    })
    const res = await postUpdate(open.app, json, {
      ...FORM,
      'Sec-Fetch-Site': 'cross-site',
      Origin: 'https://evil.example',
    })
    expect(res.status).toBe(200)
  })

  it('the page itself: a cross-site GET (a link to the app) is not refused', async () => {
    const res = await app.fetch(
      new Request('http://localhost/', { headers: { 'Sec-Fetch-Site': 'cross-site' } })
    )
    expect(res.status).toBe(200)
  })
})
