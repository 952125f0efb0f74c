/**
 * @module bad-requests.test
 * The update route refuses what the page could not have sent (DESIGN.md §1.7): each case answers a
 * 4xx with a message that says what is wrong, runs no callback, and leaves the server answering the
 * next valid request as usual.
 */
import { describe, expect, it } from 'vitest'
import { createApp, Input, Output, State } from '../../src/index.ts'
import { renderPage, type TestPage, type UpdateBody } from '../../src/testing.ts'
import { dcc } from '../../views/components/index.ts'

const secret = 'http-bad-requests-secret-0123456789'
const calls: string[] = []

const app = createApp({
  secret,
  layout: (
    <div>
      <dcc.Input id="num" type="number" value={4} />
      <dcc.Input id="text" value="hello" />
      <button id="btn">go</button>
      <div id="out" />
    </div>
  ),
})
app.callback(
  Output('out', 'children'),
  [Input('num', 'value'), Input('btn', 'n_clicks')],
  [State('text', 'value')],
  function show(num, clicks, text) {
    calls.push('show')
    return `${num} / ${clicks} / ${text}`
  },
  { preventInitialCall: true }
)

/** Posts a raw body to the update route. */
const post = (body: BodyInit | null, type = 'application/json') =>
  app.request('/_hd/update', { method: 'POST', body, headers: type ? { 'Content-Type': type } : {} })

/** After a refused request: no callback ran, and a valid event is answered. */
async function stillAnswers(page: TestPage) {
  expect(calls).toEqual([])
  const res = await page.fill('num', 6)
  expect(res.status).toBe(200)
  expect(res.html).toBe(
    '<template id="out" hx-swap-oob="hd" hd-children="" hd-cb="0">6 / null / hello</template>'
  )
  calls.length = 0
}

describe("a body that is not the extension's", () => {
  const notJson = (type: string) =>
    `The update request must be JSON (Content-Type: application/json), not '${type}'. Requests to this ` +
    "route come from hyperdash's extension (static/hyperdash.js); docs/wire.md describes them."

  it.each([
    ['an empty body', null, 'application/json', 400, 'The update request body is not valid JSON.'],
    [
      'a form body',
      'x=1',
      'application/x-www-form-urlencoded',
      415,
      notJson('application/x-www-form-urlencoded'),
    ],
    [
      'a multipart body',
      'x',
      'multipart/form-data; boundary=x',
      415,
      notJson('multipart/form-data; boundary=x'),
    ],
    ['a body with no content type', new Blob(['x']), '', 415, notJson('none')],
    [
      'garbage bytes',
      '\u0000\u0001%%%',
      'application/json',
      400,
      'The update request body is not valid JSON.',
    ],
    [
      'JSON cut short',
      '{"components": {',
      'application/json',
      400,
      'The update request body is not valid JSON.',
    ],
    [
      'JSON of the wrong shape',
      JSON.stringify({ changed: 'num.value' }),
      'application/json',
      400,
      'The update request is malformed:\n✖ Invalid input: expected array, received string\n  → at changed\n' +
        '✖ Invalid input: expected record, received undefined\n  → at components',
    ],
    [
      'a field the extension never sends',
      JSON.stringify({ components: {}, extra: 1 }),
      'application/json; charset=utf-8',
      400,
      'The update request is malformed:\n✖ Unrecognized key: "extra"',
    ],
  ])('refuses %s', async (_, body, type, status, message) => {
    const page = await renderPage(app)
    const res = await post(body, type)
    expect(res.status).toBe(status)
    expect(await res.text()).toBe(message)
    await stillAnswers(page)
  })

  it('refuses a body over the size limit with 413', async () => {
    const page = await renderPage(app)
    const res = await post(JSON.stringify('x'.repeat(1_100_000)))
    expect(res.status).toBe(413)
    expect(await res.text()).toMatch(/^The update request is larger than 1048576 bytes/)
    await stillAnswers(page)
  })
})

describe('a request the graph does not allow', () => {
  const notInput = (key: string) =>
    `'${key}' is not an Input of any callback of this app. A request may only change props that callbacks ` +
    'declare as Input.'
  const wrongSig = (id: string) =>
    `The state of component '${id}' has a wrong signature: it was altered, or signed with another secret. ` +
    'Reload the page; if several server processes serve this app, give them the same HYPERDASH_SECRET.'

  it.each<[string, (b: UpdateBody) => void, number, string]>([
    ['an unknown id', (b) => (b.changed = ['nope.value']), 400, notInput('nope.value')],
    ['an unknown prop', (b) => (b.changed = ['num.valu']), 400, notInput('num.valu')],
    [
      'a trigger that is an Output, not an Input',
      (b) => (b.changed = ['out.children']),
      400,
      notInput('out.children'),
    ],
    [
      'a trigger that is a State, not an Input',
      (b) => (b.changed = ['text.value']),
      400,
      notInput('text.value'),
    ],
    [
      'a trigger whose component was not sent',
      (b) => delete b.components['num'],
      400,
      "The changed prop 'num.value' belongs to a component that was not sent.",
    ],
    [
      'a browser prop the component does not have',
      (b) => (b.components['num']!.values!['checked'] = true),
      400,
      "'num.checked' is not a prop the browser owns on a dcc.Input component.",
    ],
    [
      'a browser prop no callback reads',
      (b) => (b.components['text']!.values!['n_submit'] = 1),
      400,
      "'text.n_submit' is not an Input or State of any callback, so it may not be sent.",
    ],
    [
      'a callback index out of range',
      (b) => (b.reask = [{ callback: 99, changed: [] }]),
      400,
      'There is no callback number 99 in this app.',
    ],
    [
      'a pending callback out of range',
      (b) => (b.pending = { changed: [], reask: [7] }),
      400,
      'There is no callback number 7 in this app.',
    ],
    [
      'a re-asked callback with a prop that is not its Input',
      (b) => (b.reask = [{ callback: 0, changed: ['out.children'] }]),
      400,
      "'out.children' is not an Input of the callback show.",
    ],
    ['a forged signature', (b) => (b.components['num']!.sig = 'A'.repeat(27)), 400, wrongSig('num')],
    [
      'an altered state',
      (b) => (b.components['num']!.state = b.components['num']!.state.replace('"number"', '"text"')),
      400,
      wrongSig('num'),
    ],
    [
      'a state moved to another id',
      (b) => (b.components['out'] = b.components['num']!),
      400,
      wrongSig('out'),
    ],
    ['an empty signature', (b) => (b.components['num']!.sig = ''), 400, wrongSig('num')],
  ])('refuses %s', async (_, change, status, message) => {
    const page = await renderPage(app)
    const body = await page.prepare({ id: 'num', value: 5 })
    change(body)
    const res = await page.send(body)
    expect([res.status, res.html]).toEqual([status, message])
    expect(res.fragments).toEqual([])
    await stillAnswers(page)
  })

  it('refuses the state of another app signed with another secret', async () => {
    const other = createApp({ secret: 'another-secret-0123456789abcdef', layout: app.context.options.layout })
    other.callback(Output('out', 'children'), [Input('num', 'value')], (n) => n)
    const page = await renderPage(app)
    const foreign = await renderPage(other)
    const body = await foreign.prepare({ id: 'num', value: 5 })
    const res = await page.send(body)
    expect([res.status, res.html]).toEqual([400, wrongSig('num')])
    await stillAnswers(page)
  })
})

describe('a value the component cannot hold', () => {
  const invalid = (key: string, why: string) => `Invalid value for '${key}': ${why}`

  it.each<[string, string, unknown, string]>([
    ['text in a number input', 'num', 'five', 'Invalid input: expected number, received string'],
    [
      'a 200 KB string in a number input',
      'num',
      'x'.repeat(200_000),
      'Invalid input: expected number, received string',
    ],
    ['a boolean in a number input', 'num', true, 'Invalid input: expected number, received boolean'],
    [
      'a 200 KB string in a text input',
      'text',
      'x'.repeat(200_000),
      'Too big: expected string to have <=65536 characters',
    ],
    ['a negative click count', 'btn', -1, 'Too small: expected number to be >=0'],
    ['a fractional click count', 'btn', 1.5, 'Invalid input: expected int, received number'],
  ])('refuses %s with 422', async (_, id, value, why) => {
    const page = await renderPage(app)
    const body = await page.prepare({ id: 'num', value: 5 })
    const prop = id === 'btn' ? 'n_clicks' : 'value'
    if (id === 'btn') body.changed = ['btn.n_clicks']
    body.components[id]!.values![prop] = value
    const res = await page.send(body)
    expect([res.status, res.html]).toEqual([422, invalid(`${id}.${prop}`, why)])
    await stillAnswers(page)
  })

  it('refuses a list in a text input with 422', async () => {
    const page = await renderPage(app)
    const body = await page.prepare({ id: 'num', value: 5 })
    body.components['text']!.values!['value'] = ['a']
    const res = await page.send(body)
    expect(res.status).toBe(422)
    // zod's message for a failed union says only "Invalid input" (reported; a clearer one would name the types).
    expect(res.html).toMatch(/^Invalid value for 'text\.value': Invalid input/)
    await stillAnswers(page)
  })

  it('refuses Infinity in a number input (JSON cannot say it; 1e999 parses to it)', async () => {
    const page = await renderPage(app)
    const body = JSON.stringify(await page.prepare({ id: 'num', value: 5 })).replace(
      '"value":5',
      '"value":1e999'
    )
    const res = await post(body)
    expect([res.status, await res.text()]).toEqual([
      422,
      invalid('num.value', 'Invalid input: expected number, received Infinity'),
    ])
    await stillAnswers(page)
  })

  it('takes what a browser sends for an empty number input: null', async () => {
    const page = await renderPage(app)
    const res = await page.fill('num', '')
    expect(res.request.components['num']!.values).toEqual({ value: null })
    expect(res.html).toBe(
      '<template id="out" hx-swap-oob="hd" hd-children="" hd-cb="0">null / null / hello</template>'
    )
    calls.length = 0
  })
})
