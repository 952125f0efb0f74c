/**
 * @module dashboard.test
 * dcc.Interval, dcc.Store and dcc.Tabs over HTTP: what the first page holds, what a tick, a tab switch
 * and a store's browser data do, and the 4xx / error fragments for values the schemas refuse.
 */
import { expect, it } from 'vitest'
import { app, readingFor } from '../../examples/dashboard.tsx'
import { createApp, Input, Output } from '../../src/index.ts'
import { renderPage, type UpdateBody } from '../../src/testing.ts'
import { dcc } from '../../views/components/index.ts'

/** A request as the browser builds it for `changed`, with the given browser values. */
async function body(changed: string[], values: Record<string, Record<string, unknown>>) {
  const page = await renderPage(app)
  const b: UpdateBody = await page.prepare({ click: 'reset' })
  b.changed = changed
  for (const [id, v] of Object.entries(values)) Object.assign(b.components[id]!.values!, v)
  return { page, b }
}

it('renders the interval, the store and the tabs as the browser modules read them', async () => {
  const page = await renderPage(app)
  const tag = (id: string) => /<[^>]*>/.exec(page.html.slice(page.html.indexOf(`id="${id}"`) - 5))![0]
  expect(tag('interval')).toMatch(
    /^<div id="interval" hidden="" class="hd-interval" data-interval="1000" data-max-intervals="-1" data-disabled="false" data-n-intervals="0" hx-post="\/_hd\/update" hx-trigger="hd-tick" hx-swap="none" hx-target="body" hx-sync="this:queue last" hd-t="n_intervals:hd-tick" /
  )
  expect(tag('store')).toMatch(
    /^<div id="store" hidden="" class="hd-store" data-storage-type="session" data-modified-timestamp="-1" data-max-bytes="1000000" data-data="\[\]" data-clear-data="false" hx-post="\/_hd\/update" hx-trigger="hd-store" [^>]* hd-t="data:hd-store" /
  )
  expect(page.html).toContain(
    '<a role="tab" id="tabs-tab-0" class="hd-tab hd-tab-selected" href="?tabs=overview" aria-selected="true" tabindex="0" data-value="overview">Overview</a>' +
      '<a role="tab" id="tabs-tab-1" class="hd-tab" href="?tabs=details" aria-selected="false" tabindex="-1" data-value="details">Details</a>'
  )
  expect(page.attr('tabs', 'role')).toBe('tablist')
  expect(page.text('tabs-content')).toBe('No readings yet.')
  expect(page.text('live-value')).toBe('Waiting for the first reading…')
})

it('a tick appends a reading to the store (rendered for the module to write) and shows it', async () => {
  const { page, b } = await body(['interval.n_intervals'], {
    interval: { n_intervals: 1 },
    store: { data: [readingFor(1)] },
  })
  const res = await page.send(b)
  expect(res.status).toBe(200)
  const two = JSON.stringify([readingFor(1), readingFor(2)])
  expect(page.attr('store', 'data-data')).toBe(two)
  expect(page.text('live-value')).toBe(`#2: ${readingFor(2).value}`)
  expect(page.text('history')).toBe(`#2: ${readingFor(2).value}#1: ${readingFor(1).value}`)
})

it('switching to the details tab renders the table from what the store holds', async () => {
  const { page, b } = await body(['tabs.value'], {
    tabs: { value: 'details' },
    store: { data: [readingFor(1)] },
  })
  await page.send(b)
  expect(page.text('tabs-content')).toBe(`ReadingValue1${readingFor(1).value}`)
})

it('takes the tab from the URL on a first page (links work without JavaScript)', async () => {
  const page = await renderPage(app, '/?tabs=details')
  expect(page.attr('tabs', 'data-value')).toBe('details')
  expect(page.attr('tabs-tab-1', 'aria-selected')).toBe('true')
  expect(page.text('tabs-content')).toBe('ReadingValue')
  expect((await renderPage(app, '/?tabs=nope')).attr('tabs', 'data-value')).toBe('overview')
})

it.each([
  [
    'tabs.value',
    { tabs: { value: 'nope' } },
    "Invalid value for 'tabs.value': 'nope' is not the value of an enabled tab",
  ],
  [
    'store.data',
    { store: { data: 'x'.repeat(1_000_001) } },
    "Invalid value for 'store.data': Expected a JSON value: it is 1000003 bytes as JSON, more than the limit of 1000000 bytes",
  ],
  [
    'store.data',
    { store: { data: JSON.parse('['.repeat(70) + ']'.repeat(70)) } },
    "Invalid value for 'store.data': Expected a JSON value: it is nested deeper than 64 levels",
  ],
  [
    'interval.n_intervals',
    { interval: { n_intervals: -1 } },
    "Invalid value for 'interval.n_intervals': Too small: expected number to be >=0",
  ],
])('refuses a bad %s from the browser with 422', async (key, values, message) => {
  const { page, b } = await body([key], values)
  const res = await page.send(b)
  expect([res.status, res.html]).toEqual([422, message])
})

it('a callback giving a store too much data, or an interval a bad prop, is an error naming them', async () => {
  const bad = createApp({
    layout: (
      <div>
        <dcc.Store id="mem" />
        <dcc.Interval id="tick" />
        <button id="big">big</button>
        <button id="fast">fast</button>
      </div>
    ),
    dev: true,
  })
  bad.callback(Output('mem', 'data'), [Input('big', 'n_clicks')], () => 'x'.repeat(1_000_001), {
    preventInitialCall: true,
  })
  bad.callback(Output('tick', 'interval'), [Input('fast', 'n_clicks')], () => 'fast' as never, {
    preventInitialCall: true,
  })
  const page = await renderPage(bad)
  const big = await page.click('big')
  expect(big.status).toBe(200)
  expect(big.fragments.find((f) => f.swap === 'error')).toMatchObject({
    text: expect.stringContaining(
      "set 'mem.data' (a dcc.Store) to a value it does not accept: Expected a JSON value: it is 1000003 bytes as JSON, more than the limit of 1000000 bytes"
    ),
  })
  const fast = await page.click('fast')
  expect(fast.fragments.find((f) => f.swap === 'error')).toMatchObject({
    text: expect.stringContaining(
      "set 'tick.interval' (a dcc.Interval) to a value it does not accept: Invalid input: expected number, received string"
    ),
  })
})
