/**
 * The error fragment of a failing callback: in development an overlay card with the callback, its
 * outputs, what it threw and the stack (the app's frames in bold, hyperdash's and Node's dimmed); in
 * production a generic notice with a reference only. Both keep the `hd-error` / `hd-error-close`
 * classes the extension and the page's error area rely on.
 */
import { describe, expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { devLogOf } from '../../src/server/dev-route.ts'
import { isInternalFrame, stackFrames } from '../../views/errors.tsx'
import { renderPage } from '../../src/testing.ts'
import { useApp } from '../browser/harness.ts'
import { failingApp, quietLogger } from './fixtures/failing-app.tsx'
import { parseHtml, text } from './helpers.ts'

/** Loads the failing app, clicks twice (the second click throws) and returns the second response. */
async function failingClick(dev: boolean) {
  const app = failingApp({ dev })
  const page = await renderPage(app)
  await page.click('go')
  const res = await page.click('go')
  return { app, res, html: res.html }
}

describe('in development', () => {
  it('shows the callback, its outputs, what it threw and the stack, with the app’s own frame first and in bold', async () => {
    const { app, res, html } = await failingClick(true)
    expect(res.status).toBe(200)
    const doc = parseHtml(html)
    const card = doc.querySelector('template[hx-swap-oob="beforeend:#hd-errors"] ')!
    const error = parseHtml(card.innerHTML).querySelector('.hd-error')!
    expect(error.getAttribute('class')).toBe('hd-error hd-error-dev')
    expect(error.getAttribute('role')).toBe('alert')
    expect(error.getAttribute('data-callback')).toBe('count')
    expect(text(error.querySelector('strong'))).toBe('Callback error updating total.children')
    expect(text(error.querySelector('p'))).toBe('In the callback count:')
    expect(text(error.querySelector('.hd-error-message'))).toBe(
      "TypeError: Cannot read properties of null (reading 'join')"
    )
    expect(error.querySelector('details')!.hasAttribute('open')).toBe(true)
    expect(text(error.querySelector('summary'))).toBe('Stack (your code in bold)')
    const frames = [...error.querySelectorAll('.hd-frame')]
    expect(frames[0]!.getAttribute('class')).toBe('hd-frame')
    expect(frames[0]!.textContent).toMatch(
      /^at Object\.count\b.* \(.*\/tests\/dev\/fixtures\/failing-app\.tsx:\d+:\d+\)$/
    )
    expect(frames.slice(1).every((f) => f.getAttribute('class') === 'hd-frame hd-frame-internal')).toBe(true)
    const id = devLogOf(app.context).list()[0]!.requestId
    expect(text(error.querySelector('.hd-error-foot'))).toBe(
      `Request ${id}. Its outputs were left as they were, and nothing that depends on them ran. These details show in development only.`
    )
    expect(error.querySelector('button.hd-error-close')!.getAttribute('aria-label')).toBe('Dismiss')
  })

  it('keeps the stack folded when every frame is hyperdash’s own (an error it raised, such as a wrong return shape)', async () => {
    const app = createApp({
      secret: 'a-test-secret-of-some-length',
      dev: true,
      logger: quietLogger,
      layout: (
        <div>
          <button id="b">b</button>
          <div id="x" />
          <div id="y" />
        </div>
      ),
    })
    app.callback(
      [Output('x', 'children'), Output('y', 'children')],
      [Input('b', 'n_clicks')],
      // @ts-expect-error a list of Outputs with a function returning one value: the mistake under test
      () => 'not a list'
    )
    const html = await (await app.request('/')).text()
    const error = parseHtml(html).querySelector('#hd-errors .hd-error')!
    expect(text(error.querySelector('strong'))).toBe('Callback error updating x.children, y.children')
    expect(text(error.querySelector('.hd-error-message'))).toBe(
      'The callback ..x.children...y.children.. is a multi-output callback (2 outputs given as a list), so it must return an array of 2 values (or `noUpdate`), but it returned "not a list".'
    )
    expect(error.querySelector('details')!.hasAttribute('open')).toBe(false)
    expect(text(error.querySelector('summary'))).toBe('Stack (inside hyperdash)')
  })
})

describe('in production', () => {
  it('shows a generic notice with the reference of the log line, and nothing of the error', async () => {
    const { html } = await failingClick(false)
    const error = parseHtml(parseHtml(html).querySelector('template')!.innerHTML).querySelector('.hd-error')!
    expect(error.getAttribute('class')).toBe('hd-error')
    expect(error.hasAttribute('style')).toBe(false)
    expect(text(error.querySelector('strong'))).toBe('Callback error updating total.children')
    expect(text(error.querySelector('p'))).toMatch(
      /^Something went wrong on the server; the outputs were left as they were\. Reference: [\w-]{8}\.$/
    )
    expect(html).not.toContain('Cannot read')
    expect(html).not.toContain('failing-app')
    expect(html).not.toContain('hd-stack')
    expect(error.querySelector('button.hd-error-close')).not.toBe(null)
  })
})

describe('stack frames', () => {
  it.each([
    ['at Object.count (/home/me/app/callbacks.tsx:3:9)', false],
    ['at AsyncLocalStorage.run (node:async_hooks:346:14)', true],
    ['at x (/home/me/app/node_modules/lib/index.js:1:1)', true],
    [`at call (${new URL('../../src/core/run.ts', import.meta.url).pathname}:248:15)`, true],
    [`at renderTree (${new URL('../../views/render.ts', import.meta.url).pathname}:1:1)`, true],
    [`at Object.count (${new URL('../../examples/x.tsx', import.meta.url).pathname}:1:1)`, false],
  ])('%s is internal: %s', (frame, internal) => {
    expect(isInternalFrame(frame)).toBe(internal)
  })

  it('are the `at` lines of a stack, trimmed, without its message', () => {
    expect(stackFrames('TypeError: no\n  more lines\n    at a (x.ts:1:1)\n    at b (y.ts:2:2)')).toEqual([
      'at a (x.ts:1:1)',
      'at b (y.ts:2:2)',
    ])
    expect(stackFrames(undefined)).toEqual([])
  })
})

describe('in the browser', () => {
  const browser = useApp(async () => failingApp())

  it('appears in the page’s error area, above the page, and goes away when dismissed', async () => {
    const { page, errors } = await browser.open()
    await page.click('#go')
    await page.waitForFunction(() => document.getElementById('total')!.textContent === 'clicked 1')
    await page.click('#go')
    await page.waitForSelector('#hd-errors .hd-error-dev')
    expect(await page.isVisible('#hd-errors .hd-error-dev')).toBe(true)
    expect(await page.textContent('#hd-errors .hd-error-message')).toBe(
      "TypeError: Cannot read properties of null (reading 'join')"
    )
    // The card is the topmost element where it sits.
    const onTop = await page.evaluate(() => {
      const r = document.querySelector('.hd-error-dev')!.getBoundingClientRect()
      return document.elementFromPoint(r.left + r.width / 2, r.top + 10)!.closest('.hd-error-dev') !== null
    })
    expect(onTop).toBe(true)
    await page.click('#hd-errors .hd-error-close')
    expect(await page.$$('#hd-errors .hd-error')).toEqual([])
    expect(await page.textContent('#total')).toBe('clicked 1')
    // The server answered 200 with the fragment; the browser logged nothing.
    expect(errors).toEqual([])
  })
})
