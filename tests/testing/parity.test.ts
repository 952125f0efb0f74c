/**
 * @module parity.test
 * `hyperdash/testing` runs the real static/hyperdash.js and htmx 4 in happy-dom; this checks that
 * happy-dom does what Chromium does with them. Each case runs the same events in Chromium and in the
 * test client, against the same app, and compares every request body and the app's markup after each
 * event.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HyperApp } from '../../src/index.ts'
import { renderPage, type UserEvent } from '../../src/testing.ts'
import { launch, serveFetch, settled, type Served } from '../browser/harness.ts'

process.env['HYPERDASH_SECRET'] = 'parity-test-secret-0123456789abcdef'

type Browser = Awaited<ReturnType<typeof launch>>
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

interface Step {
  /** What the user does in Chromium. */
  act: (page: Page) => Promise<unknown>
  /** The same event for the test client. */
  event: UserEvent
}

/** The JSON bodies Chromium posts, parsed, with click times (clock-dependent) blanked. */
function recordBodies(page: Page): unknown[] {
  const bodies: unknown[] = []
  page.on('request', (r) => {
    if (r.method() !== 'POST' || !r.url().includes('/_hd/update')) return
    bodies.push(blankClickTimes(JSON.parse(r.postData() ?? 'null')))
  })
  return bodies
}

function blankClickTimes(body: {
  components: Record<string, { values?: Record<string, unknown>; sig?: string }>
}) {
  for (const c of Object.values(body.components)) {
    if (c.values && 'n_clicks_timestamp' in c.values) c.values['n_clicks_timestamp'] = 'T'
    // Signatures hold their issue time (src/protocol/state.ts): the two sides sign at different seconds.
    if (c.sig) c.sig = 'G'
  }
  return body
}

/** The app root's markup, one tag a line (readable diffs), without the clock (click times). */
const normalise = (html: string) =>
  html
    .replace(/ data-n-clicks-timestamp="\d+"/g, '')
    .replace(/ data-hd-sig="[0-9a-z]+\.[^"]*"/g, ' data-hd-sig="S"')
    // The page's form state is signed with its own time, as data-hd-sig.
    .replace(/ name="hd:state" value="[^"]*"/g, ' name="hd:state" value="S"')
    .replace(/></g, '>\n<')
    .split('\n')

async function compare(app: HyperApp, steps: Step[]) {
  const served: Served = await serveFetch(app.fetch)
  try {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    const bodies = recordBodies(page)
    await page.goto(served.url + '/')
    await page.waitForFunction(() => (window as unknown as { htmx?: unknown }).htmx !== undefined)
    const model = await renderPage(app, '/', { origin: served.url })
    const dom = () => page.$eval('.hd-app', (el) => el.outerHTML)
    expect(normalise(model.outerHTML('hd-app'))).toEqual(normalise(await dom()))
    for (const [n, step] of steps.entries()) {
      await step.act(page)
      await page.waitForFunction((k) => document.querySelectorAll('.htmx-request').length === 0 && k >= 0, n)
      await settled(page)
      const res = await model.dispatch(step.event)
      expect(bodies).toHaveLength(n + 1)
      expect(blankClickTimes(structuredClone(res.request) as never)).toEqual(bodies[n])
      expect(normalise(model.outerHTML('hd-app'))).toEqual(normalise(await dom()))
    }
    expect(errors).toEqual([])
    await page.close()
  } finally {
    await served.close()
  }
}

describe('the test client and Chromium', () => {
  it('send the same requests and show the same page: a number input (prime factors)', async () => {
    const { app } = await import('../../examples/prime-factors.tsx')
    const enter = (v: string) => async (page: Page) => {
      await page.fill('#num', v)
      await page.press('#num', 'Enter')
    }
    await compare(app, [
      { act: enter('360'), event: { id: 'num', value: 360 } },
      { act: enter('997'), event: { id: 'num', value: 997 } },
      { act: enter(''), event: { id: 'num', value: '' } },
    ])
  })

  it('send the same requests and show the same page: clicks on a button', async () => {
    const { app } = await import('../../examples/no-update-button.tsx')
    await compare(app, [
      { act: (p) => p.click('#show-secret'), event: { click: 'show-secret' } },
      { act: (p) => p.click('#show-secret'), event: { click: 'show-secret' } },
    ])
  })

  it('send the same requests and show the same page: clicks counted from n_clicks={0}', async () => {
    const { app } = await import('../../examples/callback-context.tsx')
    await compare(app, [
      { act: (p) => p.click('#btn-2'), event: { click: 'btn-2' } },
      { act: (p) => p.click('#btn-3'), event: { click: 'btn-3' } },
      { act: (p) => p.click('#btn-3'), event: { click: 'btn-3' } },
    ])
  })

  it('send the same requests and show the same page: checklists re-rendered (morph)', async () => {
    const { app } = await import('../../examples/circular-checklists.tsx')
    await compare(app, [
      {
        act: (p) => p.check('#all-checklist input[value="All"]'),
        event: { id: 'all-checklist', value: ['All'] },
      },
      {
        act: (p) => p.uncheck('#city-checklist input[value="Montréal"]'),
        event: { id: 'city-checklist', value: ['New York City', 'San Francisco'] },
      },
    ])
  })

  it('send the same requests and show the same page: components inserted by a callback', async () => {
    const { app } = await import('../../examples/prevent-initial-inserted.tsx')
    await compare(app, [
      { act: (p) => p.fill('#input', 'hello there'), event: { id: 'input', value: 'hello there' } },
    ])
  })

  it('send the same requests and show the same page: a slider and an input kept in sync', async () => {
    const { app } = await import('../../examples/circular-slider.tsx')
    const enter = (v: string) => async (page: Page) => {
      await page.fill('#input-circular', v)
      await page.press('#input-circular', 'Enter')
    }
    await compare(app, [{ act: enter('7'), event: { id: 'input-circular', value: 7 } }])
  })
})
