/**
 * @module basic-callbacks.test
 * Dash's three "Basic Callbacks" apps (examples/basic-*.tsx) over HTTP: each user change → the
 * outputs, in one request; values outside a component's options refused.
 */
import { describe, expect, it } from 'vitest'
import { renderPage } from '../../src/testing.ts'

describe('multiple inputs (examples/basic-multiple-inputs.tsx)', async () => {
  const { app } = await import('../../examples/basic-multiple-inputs.tsx')
  /** The table's rows as text: header cells, then one row per country. */
  const rows = (html: string) =>
    [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]).join(' | ')
    )

  it('the first page shows the 2007 pairs of the two default indicators', async () => {
    const page = await renderPage(app)
    const html = page.innerHTML('indicator-graphic')
    expect(html).toContain(
      '<caption>Life expectancy at birth, total (years) against Fertility rate, total (births per woman), 2007</caption>'
    )
    expect(rows(html).slice(0, 3)).toEqual([
      'Country | Fertility rate, total (births per woman) | Life expectancy at birth, total (years)',
      'Canada | 1.6 | 80.7',
      'Chile | 1.9 | 78.6',
    ])
  })

  it('each input changes the output in one request: indicator, log scale, year', async () => {
    const page = await renderPage(app)
    let res = await page.fill('xaxis-column', 'GDP per capita (current US$)')
    expect(res.fragments.map((f) => ('id' in f ? f.id : f.swap))).toEqual(['indicator-graphic'])
    expect(rows(page.innerHTML('indicator-graphic'))[1]).toBe('Canada | 36,300 | 80.7')
    res = await page.fill('xaxis-type', 'Log')
    expect(rows(page.innerHTML('indicator-graphic'))[0]).toBe(
      'Country | log₁₀ GDP per capita (current US$) | Life expectancy at birth, total (years)'
    )
    expect(rows(page.innerHTML('indicator-graphic'))[1]).toBe('Canada | 4.560 | 80.7')
    res = await page.fill('year--slider', 1952)
    expect(rows(page.innerHTML('indicator-graphic'))[1]).toBe('Canada | 4.057 | 68.8')
    await page.fill('yaxis-column', 'Population, total')
    expect(rows(page.innerHTML('indicator-graphic'))[1]).toBe('Canada | 4.057 | 14,800,000')
  })

  it.each([
    ['xaxis-column', 'Unemployment', "'Unemployment' is not one of the options"],
    ['yaxis-type', 'Square root', "'Square root' is not one of the options"],
  ])('refuses %s = %j with 422', async (id, value, why) => {
    const page = await renderPage(app)
    const body = await page.prepare({ id, value: id === 'yaxis-type' ? 'Log' : 'Population, total' })
    body.components[id]!.values!['value'] = value
    const res = await page.send(body)
    expect([res.status, res.html]).toEqual([422, `Invalid value for '${id}.value': ${why}`])
  })
})

describe('chained (examples/basic-chained.tsx)', async () => {
  const { app } = await import('../../examples/basic-chained.tsx')

  it('the first page has run the chain: America, its cities, the first one picked', async () => {
    const page = await renderPage(app)
    expect(page.text('display-selected-values')).toBe('New York City is a city in America')
    expect(page.value('cities-radio')).toBe('New York City')
    expect(page.text('cities-radio')).toBe('New York CitySan FranciscoCincinnati')
  })

  it('a country → its cities, the first one checked, and the sentence, in one request', async () => {
    const page = await renderPage(app)
    const res = await page.fill('countries-radio', 'Canada')
    expect(res.request.changed).toEqual(['countries-radio.value'])
    expect(res.fragments.map((f) => [f.swap, 'id' in f ? f.id : null])).toEqual([
      ['morph', 'cities-radio'],
      ['children', 'display-selected-values'],
    ])
    expect(page.text('display-selected-values')).toBe('Montréal is a city in Canada')
    expect(page.value('cities-radio')).toBe('Montréal')
    await page.fill('cities-radio', 'Ottawa')
    expect(page.text('display-selected-values')).toBe('Ottawa is a city in Canada')
  })

  it('refuses a city of the other country with 422', async () => {
    const page = await renderPage(app)
    const body = await page.prepare({ id: 'cities-radio', value: 'Cincinnati' })
    body.components['cities-radio']!.values!['value'] = 'Toronto'
    const res = await page.send(body)
    expect([res.status, res.html]).toEqual([
      422,
      "Invalid value for 'cities-radio.value': 'Toronto' is not one of the options",
    ])
  })
})

describe('state (examples/basic-state.tsx)', async () => {
  const { app } = await import('../../examples/basic-state.tsx')

  it('typing sends nothing; the button sends both inputs as State', async () => {
    const page = await renderPage(app)
    expect(page.text('output-state')).toBe(
      'The Button has been pressed 0 times, Input 1 is "Montréal", and Input 2 is "Canada"'
    )
    page.setValue('input-1-state', 'Paris')
    page.setValue('input-2-state', 'France')
    const res = await page.click('submit-button-state')
    expect(res.fragments).toEqual([
      {
        swap: 'children',
        id: 'output-state',
        cbs: [0],
        html: 'The Button has been pressed 1 times, Input 1 is "Paris", and Input 2 is "France"',
      },
    ])
    expect(page.text('output-state')).toBe(
      'The Button has been pressed 1 times, Input 1 is "Paris", and Input 2 is "France"'
    )
  })
})
