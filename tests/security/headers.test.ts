/**
 * Security headers and the Content-Security-Policy on every answer (page, update, static files), and
 * the options that change them.
 */
import { describe, expect, it } from 'vitest'
import { cspHeader } from '../../src/server/security.ts'
import { formApp } from './fixtures/form-app.tsx'
import { loadPage, postUpdate, updateJson } from './helpers.ts'

const POLICY =
  "default-src 'self'; script-src 'self'; script-src-attr 'none'; style-src 'self'; style-src-elem 'self'; " +
  "style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; " +
  "base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

const headersOf = (res: Response) =>
  Object.fromEntries([...res.headers].filter(([k]) => k !== 'content-length' && k !== 'date'))

describe('the default headers', () => {
  const { app } = formApp()

  it('the policy allows no inline script and no eval', () => {
    expect(cspHeader()).toBe(POLICY)
    expect(POLICY).not.toContain('unsafe-eval')
    expect(/script-src[^;]*unsafe-inline/.test(POLICY)).toBe(false)
  })

  it('are on the page', async () => {
    const res = await app.fetch(new Request('http://localhost/'))
    expect(headersOf(res)).toEqual({
      'content-type': 'text/html; charset=UTF-8',
      'content-security-policy': POLICY,
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=15552000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    })
  })

  it('are on update answers, refusals and static files', async () => {
    const page = await loadPage(app)
    const ok = await postUpdate(
      app,
      updateJson(page, ['go.n_clicks'], { 'go.n_clicks': 1, 'pick.value': [] })
    )
    expect(ok.status).toBe(200)
    const bad = await postUpdate(app, 'hd=1')
    expect(bad.status).toBe(400)
    const js = await app.fetch(new Request('http://localhost/_hd/static/hyperdash.js'))
    for (const res of [ok, bad, js]) {
      expect(res.headers.get('content-security-policy')).toBe(POLICY)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })
})

describe('options', () => {
  it('security.csp adds or replaces directives', async () => {
    const { app } = formApp({
      security: { csp: { 'img-src': ["'self'", 'https://tiles.example'], 'report-uri': ['/csp'] } },
    })
    const res = await app.fetch(new Request('http://localhost/'))
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain("img-src 'self' https://tiles.example;")
    expect(csp.endsWith('; report-uri /csp')).toBe(true)
    expect(csp).toContain("script-src 'self';")
  })

  it('security.csp false drops the policy, security.headers false the other headers', async () => {
    const noCsp = await formApp({ security: { csp: false } }).app.fetch(new Request('http://localhost/'))
    expect(noCsp.headers.get('content-security-policy')).toBe(null)
    expect(noCsp.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    const noHeaders = await formApp({ security: { headers: false } }).app.fetch(
      new Request('http://localhost/')
    )
    expect(noHeaders.headers.get('x-frame-options')).toBe(null)
    expect(noHeaders.headers.get('content-security-policy')).toBe(POLICY)
  })
})
