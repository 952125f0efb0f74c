/**
 * @module star-rating.test
 * A user's component is validated like a dcc one: its browser-owned `value` is checked against the
 * schema its definition declares; the app serves the reader module the definition names.
 */
import { expect, it } from 'vitest'
import { app } from '../../examples/star-rating.tsx'
import { renderPage } from '../../src/testing.ts'

it('sends a click on the rating as a change of its value, and runs the callback', async () => {
  const page = await renderPage(app)
  expect(page.attr('rating', 'hd-t')).toBe('value:click')
  const body = await page.prepare({ click: 'rating' })
  expect(body.changed).toEqual(['rating.value'])
  body.components['rating']!.values!['value'] = 4
  const res = await page.send(body)
  expect(res.status).toBe(200)
  expect(page.text('said')).toBe('You gave 4 stars: 4')
})

it.each([
  [11, 'Too big: expected number to be <=10'],
  [2.5, 'Invalid input: expected int, received number'],
  ['4', 'Invalid input: expected number, received string'],
])('refuses %j with 422', async (value, why) => {
  const page = await renderPage(app)
  const body = await page.prepare({ click: 'rating' })
  body.components['rating']!.values!['value'] = value
  const res = await page.send(body)
  expect([res.status, res.html]).toEqual([422, `Invalid value for 'rating.value': ${why}`])
})

it('serves the reader module as JavaScript, and nothing else under that path', async () => {
  const res = await app.request('/_hd/components/StarRating/star-rating.js')
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  expect(await res.text()).toContain("window.hyperdash.readers['star-rating']")
  expect((await app.request('/_hd/components/StarRating/other.js')).status).toBe(404)
  expect((await app.request('/_hd/components/StarRating/..%2Fstar-rating.tsx')).status).toBe(404)
})
