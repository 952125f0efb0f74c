/**
 * In Chromium: what a user types reaches the page as text and runs nothing (escaping alone, CSP off);
 * every example works under the default Content-Security-Policy (no inline script, no eval) with no
 * violation, and the policy is enforced; a cross-site form post to the update route gets 403.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CROSS_ORIGIN_MESSAGE, cspHeader } from '../../src/server/security.ts'
import { launch, open, serveFetch, settled, type Served } from './harness.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(() => browser?.close())

/** Records CSP violations in the page from its first script on. */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] }
    w.__violations = []
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`)
    )
  })
}
const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)

describe('typing markup into an input echoed by a callback', () => {
  let served: Served
  beforeAll(async () => {
    const { app } = await import('../security/fixtures/echo-app.tsx')
    served = await serveFetch(app.fetch)
  })
  afterAll(() => served?.close())

  it('shows the literal text and runs nothing', async () => {
    const { page, errors } = await open(browser, served.url + '/')
    const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b hx-get="/" hx-trigger="load">`
    await page.fill('#in', payload)
    await page.waitForFunction((p) => document.getElementById('echo')!.textContent === p, payload)
    await settled(page)
    expect(await page.textContent('#echo')).toBe(payload)
    expect(await page.$$eval('#echo *', (els) => els.length)).toBe(0)
    expect(await page.getAttribute('#titled', 'title')).toBe(payload)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBe(null)
    expect(errors).toEqual([])
    await page.close()
  })
})

describe('a cross-site form posting to the update route', () => {
  let app: Served
  let attacker: Served
  let runs: { n: number }
  beforeAll(async () => {
    const echo = await import('../security/fixtures/echo-app.tsx')
    runs = echo.runs
    app = await serveFetch(echo.app.fetch)
    // Another site (localhost is not 127.0.0.1) serving a form that posts to the app.
    attacker = await serveFetch(async (req) => {
      const target = new URL(req.url).searchParams.get('target')!
      const html = `<!DOCTYPE html><form id="f" method="POST" action="${target}"><input name="hd" value=""></form>`
      return new Response(html, { headers: { 'Content-Type': 'text/html' } })
    })
  })
  afterAll(async () => {
    await app?.close()
    await attacker?.close()
  })

  it('is refused with 403 and the callback does not run', async () => {
    // A valid request body, as the app's own page would build it.
    const { page: own } = await open(browser, app.url + '/')
    const body = await own.evaluate(() => {
      const c: Record<string, unknown> = {}
      for (const el of document.querySelectorAll('[data-hd]')) {
        c[el.id] = {
          s: el.getAttribute('data-hd'),
          g: el.getAttribute('data-hd-sig'),
          p: null,
          v: el.id === 'in' ? { value: 'forged' } : {},
        }
      }
      return JSON.stringify({ t: ['in.value'], c })
    })
    await own.close()
    const before = runs.n
    const page = await browser.newPage()
    const attackerUrl = attacker.url.replace('127.0.0.1', 'localhost')
    await page.goto(`${attackerUrl}/?target=${encodeURIComponent(app.url + '/_hd/update')}`)
    await page.fill('input[name=hd]', body)
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.evaluate(() => (document.getElementById('f') as HTMLFormElement).submit()),
    ])
    expect(response!.status()).toBe(403)
    expect(await page.textContent('body')).toBe(CROSS_ORIGIN_MESSAGE)
    expect(runs.n).toBe(before)
    await page.close()
  })
})

describe('the examples under the default Content-Security-Policy', () => {
  let served: Served
  const policy = cspHeader()
  beforeAll(async () => {
    vi.stubEnv('SLOW_MS', '300')
    const { gallery } = await import('../../examples/gallery.tsx')
    served = await serveFetch(gallery.fetch)
  })
  afterAll(async () => {
    vi.unstubAllEnvs()
    await served?.close()
  })

  async function openExample(slug: string) {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await watchViolations(page)
    const res = await page.goto(`${served.url}/${slug}/`)
    expect(res!.headers()['content-security-policy']).toBe(policy)
    await page.waitForFunction(() => (window as unknown as { htmx?: unknown }).htmx !== undefined)
    return { page, errors }
  }

  it('prime-factors: updates, and its style attribute applies', async () => {
    const { page, errors } = await openExample('prime-factors')
    await page.fill('#num', '12')
    await page.press('#num', 'Enter')
    await page.waitForFunction(() => document.getElementById('out')!.textContent === '12 is 2 * 2 * 3')
    expect(await page.$eval('#err', (e) => getComputedStyle(e).color)).toBe('rgb(255, 0, 0)')
    await settled(page)
    expect(await violations(page)).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it('circular-slider: the marks are placed by their style, the slider drives the input', async () => {
    const { page, errors } = await openExample('circular-slider')
    expect(
      await page.$eval('#slider-circular .hd-slider-mark:last-child', (e) => (e as HTMLElement).style.left)
    ).toBe('100%')
    await page.focus('#slider-circular input[type=range]')
    await page.keyboard.press('ArrowRight')
    await page.waitForFunction(
      () => (document.getElementById('input-circular') as HTMLInputElement).value === '4'
    )
    await settled(page)
    expect(await violations(page)).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it('chained-callbacks: a streamed (SSE) chain lands', async () => {
    const { page, errors } = await openExample('chained-callbacks')
    await settled(page, 400)
    const before = await page.textContent('#third_output_3')
    await page.click('#button_4')
    await page.waitForFunction((b) => document.getElementById('third_output_3')!.textContent !== b, before)
    expect(await page.textContent('#second_output_3')).toMatch(/^in the slow callback it is /)
    await settled(page)
    expect(await violations(page)).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  // One page per example, one after the other: the time grows with the gallery.
  it('every example loads and settles without a violation', async () => {
    const { examples } = await import('../../examples/gallery.tsx')
    for (const [slug] of examples) {
      const { page, errors } = await openExample(slug)
      await settled(page, 300)
      expect([slug, await violations(page), errors]).toEqual([slug, [], []])
      await page.close()
    }
  }, 180_000) // one page per example: the gallery keeps growing

  it('is enforced: an injected inline handler does not run and is reported', async () => {
    const { page } = await openExample('prime-factors')
    await page.evaluate(() => {
      document.body.insertAdjacentHTML(
        'beforeend',
        '<img id="inj" src="data:," onerror="window.__ran=1" onload="window.__ran=1">'
      )
    })
    await page.waitForFunction(
      () => (window as unknown as { __violations: string[] }).__violations.length > 0
    )
    expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran ?? null)).toBe(null)
    expect((await violations(page))[0]).toMatch(/^script-src-attr /)
    await page.close()
  })
})
