/**
 * Every app works with JavaScript off (issue 18): the seed examples in Chromium with scripts
 * disabled. The app root is a form; Enter or a button posts it to the page, and the answer is the
 * whole page, updated by the same callbacks (src/server/form-route.ts).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launch, serveFetch, type Served } from './harness.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

/** Serves one example; opens its page in a context with JavaScript disabled. */
function noJsApp(load: () => Promise<{ fetch: (req: Request) => Response | Promise<Response> }>) {
  let served: Served
  let context: BrowserContext
  beforeAll(async () => {
    served = await serveFetch((await load()).fetch)
    context = await browser.newContext({ javaScriptEnabled: false })
  })
  afterAll(async () => {
    await context?.close()
    await served?.close()
  })
  return {
    async open(): Promise<{ page: Page; posts: string[] }> {
      const page = await context.newPage()
      const posts: string[] = []
      page.on('request', (r) => r.method() === 'POST' && posts.push(new URL(r.url()).pathname))
      await page.goto(served.url + '/')
      return { page, posts }
    },
  }
}

/** An element of the visible app root: a streamed first page also holds a first, hidden one. */
const visible = (page: Page, selector: string) => page.locator('.hd-app >> visible=true').locator(selector)
const text = (page: Page, selector: string) => visible(page, selector).textContent()

describe('prime factors', () => {
  const app = noJsApp(async () => (await import('../../examples/prime-factors.tsx')).app)

  it('type 360, Enter: the page comes back with the factors; a prime keeps the last result', async () => {
    const { page, posts } = await app.open()
    // The page's own scripts never ran.
    expect(await page.evaluate(() => typeof (window as { htmx?: unknown }).htmx)).toBe('undefined')
    expect(await text(page, '#out')).toBe('')
    await visible(page, '#num').fill('360')
    await Promise.all([page.waitForNavigation(), visible(page, '#num').press('Enter')])
    expect(await text(page, '#out')).toBe('360 is 2 * 2 * 2 * 3 * 3 * 5')
    expect(await text(page, '#err')).toBe('')
    expect(await visible(page, '#num').inputValue()).toBe('360')
    await visible(page, '#num').fill('997')
    await Promise.all([page.waitForNavigation(), visible(page, '#num').press('Enter')])
    expect(await text(page, '#err')).toBe('997 is prime!')
    expect(await text(page, '#out')).toBe('360 is 2 * 2 * 2 * 3 * 3 * 5')
    // The Update button (shown only without JavaScript) posts too.
    await visible(page, '#num').fill('12')
    await Promise.all([page.waitForNavigation(), visible(page, '.hd-form-submit').click()])
    expect(await text(page, '#out')).toBe('12 is 2 * 2 * 3')
    expect(posts).toEqual(['/', '/', '/'])
  })
})

describe('callback context', () => {
  const app = noJsApp(async () => (await import('../../examples/callback-context.tsx')).app)
  const row = (page: Page) =>
    visible(page, '#container tr:nth-child(2)').evaluate((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent)
    )

  it('each button press shows which button fired, and the counts go up through the form', async () => {
    const { page } = await app.open()
    expect(await row(page)).toEqual(['0', '0', '0', 'No clicks yet'])
    await Promise.all([page.waitForNavigation(), visible(page, '#btn-2').click()])
    expect(await row(page)).toEqual(['0', '1', '0', 'btn-2'])
    let json = JSON.parse((await text(page, '#container pre'))!)
    expect(json.triggered).toEqual([{ prop_id: 'btn-2.n_clicks', value: 1 }])
    expect(json.triggered_id).toBe('btn-2')
    await Promise.all([page.waitForNavigation(), visible(page, '#btn-3').click()])
    await Promise.all([page.waitForNavigation(), visible(page, '#btn-3').click()])
    expect(await row(page)).toEqual(['0', '1', '2', 'btn-3'])
    await Promise.all([page.waitForNavigation(), visible(page, '#btn-1').click()])
    expect(await row(page)).toEqual(['1', '1', '2', 'btn-1'])
    json = JSON.parse((await text(page, '#container pre'))!)
    expect(json.inputs).toEqual({ 'btn-1.n_clicks': 1, 'btn-2.n_clicks': 1, 'btn-3.n_clicks': 2 })
    expect(json.triggered_id).toBe('btn-1')
  })
})

describe('circular slider and input', () => {
  const app = noJsApp(async () => (await import('../../examples/circular-slider.tsx')).app)
  const slider = (page: Page) => visible(page, '#slider-circular input[type=range]')

  it('change the input, submit: the slider follows; move the slider, submit: the input follows', async () => {
    const { page } = await app.open()
    expect(await slider(page).inputValue()).toBe('3')
    await visible(page, '#input-circular').fill('17')
    await Promise.all([page.waitForNavigation(), visible(page, '#input-circular').press('Enter')])
    expect(await slider(page).inputValue()).toBe('17')
    expect(await visible(page, '#input-circular').inputValue()).toBe('17')
    await slider(page).fill('5')
    await Promise.all([page.waitForNavigation(), visible(page, '.hd-form-submit').click()])
    expect(await visible(page, '#input-circular').inputValue()).toBe('5')
    expect(await slider(page).inputValue()).toBe('5')
  })
})

describe('chained callbacks', () => {
  const app = noJsApp(async () => {
    process.env['SLOW_MS'] = '300'
    return (await import('../../examples/chained-callbacks.tsx')).app
  })

  it('a button runs its callback and the one chained after it; the other output is kept', async () => {
    const { page } = await app.open()
    // The first page ends with the finished root (the slow initial call past the budget included).
    const second = (await text(page, '#second_output_3'))!
    expect(second).toMatch(/^in the slow callback it is /)
    await Promise.all([page.waitForNavigation(), visible(page, '#button_3').click()])
    const first = (await text(page, '#first_output_3'))!
    expect(first).toMatch(/^in the fast callback it is /)
    const third = (await text(page, '#third_output_3'))!
    expect(third).toMatch(/^in the third callback it is /)
    // The slow output is as the page showed it: only what the press changed ran.
    expect(await text(page, '#second_output_3')).toBe(second)
    await Promise.all([page.waitForNavigation(), visible(page, '#button_4').click()])
    expect(await text(page, '#second_output_3')).not.toBe(second)
    expect(await text(page, '#first_output_3')).toBe(first)
    expect(await text(page, '#third_output_3')).not.toBe(third)
  })
})

describe('a multi-page app (examples/pages)', () => {
  const app = noJsApp(async () => (await import('../../examples/pages/app.tsx')).app)

  it('links are plain page loads; each page’s form posts to its own path and keeps its title', async () => {
    const { page, posts } = await app.open()
    await Promise.all([page.waitForNavigation(), page.click('a[href="/analytics"] >> visible=true')])
    expect(new URL(page.url()).pathname).toBe('/analytics')
    expect(await text(page, '#analytics-output')).toBe('Showing visits')
    await visible(page, '#analytics-input').fill('signups')
    await Promise.all([page.waitForNavigation(), visible(page, '#analytics-input').press('Enter')])
    expect(new URL(page.url()).pathname).toBe('/analytics')
    expect(await text(page, '#analytics-output')).toBe('Showing signups')
    expect(await page.title()).toBe('Analytics · hyperdash pages')
    expect(posts).toEqual(['/analytics'])
  })
})

describe('Enter in a field with a button before it', () => {
  const app = noJsApp(async () => {
    const { createApp, Input, Output } = await import('../../src/index.ts')
    const { dcc } = await import('../../views/components/index.ts')
    const a = createApp({
      layout: (
        <div>
          <button id="clear">Clear</button>
          <dcc.Input id="first" value="a" />
          <dcc.Input id="second" value="b" />
          <p id="shown" />
        </div>
      ),
    })
    a.callback(
      Output('shown', 'children'),
      [Input('clear', 'n_clicks'), Input('first', 'value'), Input('second', 'value')],
      (n, first, second) => `${n ?? 'no'} clicks, ${first} ${second}`
    )
    return a
  })

  it('posts the form without pressing the button (two text fields, no button of its own)', async () => {
    const { page } = await app.open()
    expect(await text(page, '#shown')).toBe('no clicks, a b')
    await visible(page, '#second').fill('c')
    await Promise.all([page.waitForNavigation(), visible(page, '#second').press('Enter')])
    expect(await text(page, '#shown')).toBe('no clicks, a c')
    await Promise.all([page.waitForNavigation(), visible(page, '#clear').click()])
    expect(await text(page, '#shown')).toBe('1 clicks, a c')
  })
})

describe('with JavaScript on, the same markup is enhanced', () => {
  /** Serves an example; opens it with scripts on, recording where the page posts. */
  function jsApp(load: () => Promise<{ fetch: (req: Request) => Response | Promise<Response> }>) {
    let served: Served
    beforeAll(async () => {
      served = await serveFetch((await load()).fetch)
    })
    afterAll(async () => {
      await served?.close()
    })
    return async () => {
      const page = await browser.newPage()
      const posts: string[] = []
      const errors: string[] = []
      page.on('request', (r) => r.method() === 'POST' && posts.push(new URL(r.url()).pathname))
      page.on('pageerror', (e) => errors.push(String(e)))
      let loads = 0
      page.on('load', () => loads++)
      await page.goto(served.url + '/')
      await page.waitForFunction(() => document.documentElement.classList.contains('hd-js'))
      return { page, posts, errors, loads: () => loads }
    }
  }
  const prime = jsApp(async () => (await import('../../examples/prime-factors.tsx')).app)
  const buttons = jsApp(async () => (await import('../../examples/callback-context.tsx')).app)

  it('Enter in a debounced input sends its JSON update; the form never submits natively', async () => {
    const { page, posts, errors, loads } = await prime()
    expect(await page.isVisible('.hd-form-submit')).toBe(false)
    await page.fill('#num', '360')
    await page.press('#num', 'Enter')
    await page.waitForFunction(() => document.getElementById('out')!.textContent !== '')
    expect(await page.textContent('#out')).toBe('360 is 2 * 2 * 2 * 3 * 3 * 5')
    await page.press('#num', 'Enter')
    await page.waitForTimeout(300)
    expect(posts).toEqual(['/_hd/update'])
    expect(loads()).toBe(1)
    expect(errors).toEqual([])
  })

  it('a button sends its click as an update, never as a form post', async () => {
    const { page, posts, errors, loads } = await buttons()
    await page.click('#btn-2')
    await page.waitForFunction(
      () => document.querySelector('#container td:nth-child(4)')?.textContent === 'btn-2'
    )
    await page.focus('#btn-1')
    await page.keyboard.press('Enter')
    await page.waitForFunction(
      () => document.querySelector('#container td:nth-child(4)')?.textContent === 'btn-1'
    )
    await page.waitForTimeout(300)
    expect(posts).toEqual(['/_hd/update', '/_hd/update'])
    expect(loads()).toBe(1)
    expect(errors).toEqual([])
  })
})
