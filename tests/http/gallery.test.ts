/**
 * `npm start`'s gallery: an index linking every example, each example mounted under its slug.
 */
import { expect, it } from 'vitest'
import { examples, gallery } from '../../examples/gallery.tsx'

const ids: Record<string, string[]> = {
  'no-update-button': ['show-secret', 'body-div'],
  'prime-factors': ['num', 'err', 'out'],
  'callback-context': ['btn-1', 'btn-2', 'btn-3', 'container'],
  'initial-call': ['button_1', 'first_output_1', 'second_output_1'],
  'chained-callbacks': ['button_3', 'button_4', 'first_output_3', 'second_output_3', 'third_output_3'],
  'prevent-initial-call': [
    'button_2',
    'first_output_2',
    'second_output_2',
    'third_output_2',
    'fourth_output_2',
  ],
  'prevent-initial-inserted': ['url', 'layout-div', 'content', 'input', 'output'],
  'circular-slider': ['slider-circular', 'input-circular'],
  'circular-temperature': ['celsius', 'fahrenheit'],
  'circular-checklists': ['all-checklist', 'city-checklist'],
  'form-controls': ['notes', 'when', 'period', 'qty', 'price-range', 'snap', 'form-output'],
  'components-content': [
    'md-source',
    'md',
    'danger',
    'confirm',
    'confirm-result',
    'loading',
    'slow-button',
    'slow-output',
    'upload',
    'upload-output',
  ],
  'basic-multiple-inputs': [
    'xaxis-column',
    'yaxis-column',
    'xaxis-type',
    'yaxis-type',
    'year--slider',
    'indicator-graphic',
  ],
  'basic-chained': ['countries-radio', 'cities-radio', 'display-selected-values'],
  'basic-state': ['input-1-state', 'input-2-state', 'submit-button-state', 'output-state'],
  todo: ['new-item', 'add', 'clear-done', 'totals'],
  'dynamic-filters': ['add-filter', 'summary'],
  dashboard: ['tabs', 'tabs-content', 'interval', 'store', 'live-value', 'history', 'reset'],
  pages: ['nav', 'page-content', 'home'],
  'graph-crossfilter': ['scatter', 'histogram', 'year'],
  'table-paging': ['table', 'selected'],
  'set-props': ['notify', 'toast'],
  'patch-list': ['add', 'list', 'count', 'clear'],
  running: ['run', 'status'],
  clientside: ['celsius', 'fahrenheit', 'advice'],
  components: ['input', 'dropdown', 'radio', 'checklist', 'tabs', 'graph', 'table', 'input-out'],
  'background-progress': ['run', 'cancel', 'progress', 'progress-text', 'result'],
  'own-form': ['search', 'q', 'search-go', 'suggest', 'suggestion', 'title', 'added'],
}

it('links every example from the index', async () => {
  const html = await (await gallery.request('/')).text()
  expect(examples.map(([slug]) => slug)).toEqual(Object.keys(ids))
  for (const slug of Object.keys(ids)) expect(html).toContain(`<a href="/${slug}/">`)
})

it.each(Object.entries(ids))(
  'serves %s under its slug, with its ids and its own update route',
  async (slug, wanted) => {
    const res = await gallery.request(`/${slug}/`)
    expect(res.status).toBe(200)
    const html = await res.text()
    for (const id of wanted) expect(html).toContain(`id="${id}"`)
    expect(html).toContain(`data-hd-url="/${slug}/_hd/update"`)
    expect(html).toContain(`<script src="/${slug}/_hd/static/htmx.min.js?v=`)
    expect((await gallery.request(`/${slug}/_hd/static/hyperdash.js`)).status).toBe(200)
  }
)

it('serves the client-side callbacks module of the clientside example under its slug', async () => {
  const html = await (await gallery.request('/clientside/')).text()
  const url = /&quot;module&quot;:&quot;([^&]+)&quot;/.exec(html)![1]!
  expect(url).toMatch(/^\/clientside\/_hd\/clientside\/\d+\/temperature\.mjs\?v=[\w-]+$/)
  const res = await gallery.request(url)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  expect(await res.text()).toContain('export function toFahrenheit')
  expect(html).toContain('<script src="/clientside/_hd/static/hyperdash-clientside.js?v=')
})

it('serves the own-form example’s search route beside it, below its slug', async () => {
  const html = await (await gallery.request('/own-form/')).text()
  expect(html).toContain('<form id="search" role="search" method="post" action="/own-form/search">')
  const res = await gallery.request('/own-form/search', {
    method: 'POST',
    body: 'q=dune',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  expect(res.status).toBe(200)
  expect(await res.text()).toMatch(/<p id="search-results">1 book matches “dune”: Dune<\/p>/)
})
