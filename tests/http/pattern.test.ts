/**
 * @module pattern.test
 * Pattern-matching over HTTP, exact fragments: a MATCH event answers with its own item's output
 * only; an ALL event (a filter inserted) with the inserted items, their MATCH outputs and the ALL
 * summary, in one response. Dict ids are Dash's JSON in the DOM and on the wire.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { renderPage, type TestPage } from '../../src/testing.ts'
import type { HyperApp } from '../../src/index.ts'

process.env['HYPERDASH_SECRET'] = 'pattern-test-secret-0123456789'
vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1) })
let app: HyperApp
let page: TestPage
beforeAll(async () => {
  app = (await import('../../examples/dynamic-filters.tsx')).app
  page = await renderPage(app)
})

const f0 = '{"index":0,"type":"filter-dropdown"}'

describe('dynamic filters', () => {
  it('an ALL event: the inserted filter, its MATCH output and the ALL summary, in one answer', async () => {
    const r = await page.click('add-filter')
    expect(r.status).toBe(200)
    expect(r.fragments.map((f) => ('id' in f ? [f.swap, f.id, f.cbs] : [f.swap]))).toEqual([
      ['children', 'dropdown-container', [0]],
      ['children', 'summary', [2]],
    ])
    expect(page.text(f0.replace('dropdown', 'output'))).toBe('Dropdown 0 = nothing')
    expect(page.text('summary')).toBe('1 filter(s), 0 with a choice: -')
    expect(page.outerHTML('{"index":0,"type":"filter-output"}')).toMatchInlineSnapshot(
      `"<div id="{&quot;index&quot;:0,&quot;type&quot;:&quot;filter-output&quot;}" data-hd="{&quot;kind&quot;:&quot;div&quot;,&quot;props&quot;:{},&quot;read&quot;:{}}" data-hd-sig="t85s00.dGbqund3SA4Fd8Tbvu7Qus6xicm">Dropdown 0 = nothing</div>"`
    )
  })

  it("a MATCH event: only the changed item's call runs; its output and the summary change", async () => {
    const body = await page.prepare({ id: f0, value: 'LA' })
    expect(body.changed).toEqual([`${f0}.value`])
    const r = await page.fill(f0, 'LA')
    expect(r.status).toBe(200)
    expect(r.html).toMatchInlineSnapshot(
      `"<template id="{&quot;index&quot;:0,&quot;type&quot;:&quot;filter-output&quot;}" hx-swap-oob="hd" hd-children="" hd-cb="1:[0]">Dropdown 0 = LA</template><template id="summary" hx-swap-oob="hd" hd-children="" hd-cb="2">1 filter(s), 1 with a choice: LA</template>"`
    )
  })

  it('refuses a changed prop of a dict id no callback reads', async () => {
    const r = await page.send({
      ...(await page.prepare({ id: f0, value: 'LA' })),
      changed: ['{"index":0,"type":"nope"}.value'],
    })
    expect([r.status, r.html]).toEqual([
      400,
      `'{"index":0,"type":"nope"}.value' is not an Input of any callback of this app. A request may only change props that callbacks declare as Input.`,
    ])
  })
})
