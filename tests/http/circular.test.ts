/**
 * @module circular.test
 * Circular callbacks over HTTP (R36–R37): a callback that writes its own Input answers once per
 * event, with every output it changed, and is not run again by its own write. A loop across several
 * callbacks is refused when the app is defined.
 */
import { describe, expect, it } from 'vitest'
import { ConfigError, createApp, Input, Output } from '../../src/index.ts'
import { renderPage, type Fragment } from '../../src/testing.ts'

process.env['HYPERDASH_SECRET'] = 'http-circular-test-secret-0123456789'
// Server-Timing (a development feature) names the callbacks each event ran.
process.env['HYPERDASH_DEV'] = '1'

const ids = (fragments: Fragment[]) => fragments.map((f) => ('id' in f ? `${f.swap} ${f.id}` : f.swap))
const timings = (res: { headers: Headers }) =>
  res.headers
    .get('server-timing')!
    .split(', ')
    .map((t) => t.replace(/;dur=.*$/, ''))

describe('a slider and an input kept in sync by one callback', () => {
  it('moves the slider when a number is entered, once, re-rendering both', async () => {
    const { app } = await import('../../examples/circular-slider.tsx')
    const page = await renderPage(app)
    expect([page.value('input-circular'), page.value('slider-circular')]).toEqual([3, 3])
    const res = await page.fill('input-circular', 7)
    expect(timings(res)).toEqual(['cb0;desc="callback (updated)"'])
    expect(ids(res.fragments)).toEqual(['morph input-circular', 'morph slider-circular'])
    expect(page.attr('input-circular', 'value')).toBe('7')
    expect(page.outerHTML('slider-circular')).toContain(
      '<input type="range" min="0" max="20" step="1" value="7"'
    )
  })
})

describe('two temperatures in different units', () => {
  it('converts each way, one callback run per event', async () => {
    const { app } = await import('../../examples/circular-temperature.tsx')
    const page = await renderPage(app)
    expect([page.value('celsius'), page.value('fahrenheit')]).toEqual([0, 32])
    let res = await page.fill('celsius', 100)
    expect(timings(res)).toEqual(['cb0;desc="sync_input (updated)"'])
    expect([page.value('celsius'), page.value('fahrenheit')]).toEqual([100, 212])
    res = await page.fill('fahrenheit', 50)
    expect(timings(res)).toEqual(['cb0;desc="sync_input (updated)"'])
    expect([page.value('celsius'), page.value('fahrenheit')]).toEqual([10, 50])
  })

  it('empties the other field when one is emptied', async () => {
    const { app } = await import('../../examples/circular-temperature.tsx')
    const page = await renderPage(app)
    await page.fill('celsius', '')
    expect([page.value('celsius'), page.value('fahrenheit')]).toEqual([null, null])
  })
})

describe('two synchronised checklists', () => {
  it('checks every city with "All", and unchecks "All" when a city is unchecked', async () => {
    const { app } = await import('../../examples/circular-checklists.tsx')
    const page = await renderPage(app)
    await page.fill('all-checklist', ['All'])
    expect(page.value('city-checklist')).toEqual(['New York City', 'Montréal', 'San Francisco'])
    const res = await page.fill('city-checklist', ['New York City', 'San Francisco'])
    expect(timings(res)).toEqual(['cb0;desc="sync_checklists (updated)"'])
    expect([page.value('all-checklist'), page.value('city-checklist')]).toEqual([
      [],
      ['New York City', 'San Francisco'],
    ])
  })

  it('checks "All" once every city is checked by hand', async () => {
    const { app } = await import('../../examples/circular-checklists.tsx')
    const page = await renderPage(app)
    await page.fill('city-checklist', ['Montréal', 'New York City', 'San Francisco'])
    expect(page.value('all-checklist')).toEqual(['All'])
  })

  it('refuses a value that is not one of the options (a page could not send it)', async () => {
    const { app } = await import('../../examples/circular-checklists.tsx')
    const page = await renderPage(app)
    const body = await page.prepare({ id: 'city-checklist', value: ['Montréal'] })
    body.components['city-checklist']!.values!['value'] = ['Paris']
    const res = await page.send(body)
    expect([res.status, res.html]).toEqual([
      422,
      "Invalid value for 'city-checklist.value': 'Paris' is not one of the options",
    ])
  })
})

describe('a loop across two callbacks', () => {
  it('is refused when the second callback is added, naming the loop', () => {
    const app = createApp({ layout: null })
    app.callback(Output('b', 'children'), [Input('a', 'children')], (a) => a)
    expect(() => app.callback(Output('a', 'children'), [Input('b', 'children')], (b) => b)).toThrow(
      ConfigError
    )
    expect(() => app.callback(Output('a', 'children'), [Input('b', 'children')], (b) => b)).toThrow(
      'Circular dependencies between callbacks: Dependency Cycle Found: a.children -> b.children -> a.children.'
    )
  })
})
