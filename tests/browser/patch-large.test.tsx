/**
 * @module patch-large.test
 * A `Patch` appending to a 10,000-item list in Chromium: the answer carries the new item and the part
 * of the list's signed state that changed (bytes measured on the wire), the page splices its state
 * and the next request verifies.
 */
import { expect, it } from 'vitest'
import { createApp, Input, Output, Patch } from '../../src/index.ts'
import { settled, useApp } from './harness.ts'

const N = 10_000

const app = useApp(async () => {
  const a = createApp({
    secret: 'browser-patch-large-0123456789abc',
    layout: (
      <div>
        <button id="add">add</button>
        <p id="count" />
        <ul id="list">
          {Array.from({ length: N }, (_, i) => (
            <li>{String(i + 1)}</li>
          ))}
        </ul>
      </div>
    ),
  })
  a.callback(
    Output('list', 'children'),
    [Input('add', 'n_clicks')],
    (n) => new Patch().append(<li>{`new ${n}`}</li>),
    {
      preventInitialCall: true,
    }
  )
  a.callback(
    Output('count', 'children'),
    [Input('list', 'children')],
    (c) => `${(c as unknown[]).length} items`
  )
  return a
})

it('appends one item to 10,000 with a few hundred bytes on the wire', async () => {
  const { page, errors } = await app.open()
  expect(await page.textContent('#count')).toBe(`${N} items`)
  const sizes: { request: number; response: number }[] = []
  page.on('requestfinished', async (r) => {
    if (!r.url().includes('/_hd/update')) return
    const res = await r.response()
    sizes.push({ request: Buffer.byteLength(r.postData() ?? ''), response: (await res!.body()).length })
  })
  for (let i = 1; i <= 2; i++) {
    await page.click('#add')
    await page.waitForFunction((n) => document.getElementById('count')!.textContent === `${n} items`, N + i, {
      timeout: 20_000,
    })
    await settled(page)
  }
  expect(await page.$$eval('#list li', (li) => li.slice(-2).map((l) => l.textContent))).toEqual([
    'new 1',
    'new 2',
  ])
  expect(sizes).toHaveLength(2)
  console.info(
    `Patch, 10,000-item list in Chromium: answers ${sizes.map((s) => s.response).join(' B, ')} B; ` +
      `requests ${sizes.map((s) => s.request).join(' B, ')} B (the list's signed state)`
  )
  for (const s of sizes) expect(s.response).toBeLessThan(1_000)
  expect(errors).toEqual([])
}, 120_000)
