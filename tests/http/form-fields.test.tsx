/**
 * @module form-fields.test
 * The page's form beyond text fields and buttons (src/protocol/form.ts, src/server/form-route.ts):
 * the form beside a layout that has forms of its own, Enter (`hd:submit`, the hidden default
 * button) counting an Input's `n_submit`, dcc.Upload's files posted as multipart, and the
 * refusals of what a page's form never posts (4xx with a message, never a 500).
 */
import { Window } from 'happy-dom'
import { describe, expect, it, vi } from 'vitest'
import { createApp, ctx, Input, Output, State } from '../../src/index.ts'
import { enteredIn } from '../../src/protocol/form.ts'
import { dash_table, dcc } from '../../views/components/index.ts'

vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1) })
const secret = 'http-form-fields-secret-0123456789ab'

type Fields = [string, string | File][]
type Requester = { request: (path: string, init: RequestInit) => Response | Promise<Response> }

function parse(html: string) {
  const doc = new Window().document
  doc.write(html)
  return doc
}

/** The fields the page's form posts as it is, no button pressed (the page has one form). */
function fieldsOf(html: string): Fields {
  const doc = parse(html)
  const out: Fields = []
  for (const el of doc.querySelectorAll(
    'input[name], select[name], textarea[name]'
  ) as unknown as HTMLInputElement[]) {
    const form = el.getAttribute('form')
    if (form !== 'hd-app-form' && !el.closest('form.hd-form')) continue
    if (el.type === 'file') continue
    out.push([el.name, el.tagName === 'TEXTAREA' ? el.textContent! : (el.getAttribute('value') ?? '')])
  }
  return out
}

const set = (fields: Fields, name: string, value: string | File | null): Fields => {
  const rest = fields.filter(([n]) => n !== name)
  return value === null ? rest : [...rest, [name, value]]
}

function postUrlencoded(a: Requester, fields: Fields, headers = {}) {
  return a.request('/', {
    method: 'POST',
    body: new URLSearchParams(fields as [string, string][]).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
  })
}

function postMultipart(a: Requester, fields: Fields) {
  const body = new FormData()
  for (const [n, v] of fields) body.append(n, v)
  return a.request('/', { method: 'POST', body, headers: { 'sec-fetch-site': 'same-origin' } })
}

const text = (html: string, id: string) => parse(html).getElementById(id)!.textContent
const refused = async (res: Response) => ({ status: res.status, text: await res.text() })

describe('an app whose layout has forms of its own', () => {
  const app = createApp({
    secret,
    layout: (
      <main>
        <form id="login" method="post" action="/login">
          <input name="user" />
          <dcc.Input id="code" value="" />
          <button id="sign-in" type="submit">
            Sign in
          </button>
          <button id="hint">Hint</button>
        </form>
        <p id="out" />
      </main>
    ),
  })
  app.callback(
    Output('out', 'children'),
    [Input('hint', 'n_clicks'), Input('code', 'value')],
    (n, code) => `${n ?? 0} hints, code ${code || 'none'}`
  )

  it('the page’s form is beside the layout; its controls name it, the app’s form keeps its own', async () => {
    const html = await (await app.request('/')).text()
    const doc = parse(html)
    // Parsed as a browser does: the layout's form is there (not dropped as a nested form).
    expect([...doc.querySelectorAll('form')].map((f) => f.id)).toEqual(['hd-app-form', 'login'])
    expect(html).toContain('</form><main><form id="login" method="post" action="/login"><input name="user"/>')
    expect(html).toMatch(/<input id="code" type="text" value="" name="hd:code\.value" form="hd-app-form" /)
    expect(html).toMatch(/<button id="sign-in" type="submit">Sign in<\/button>/)
    expect(html).toMatch(
      /<button id="hint" [^>]*name="hd:click" value="hint" form="hd-app-form">Hint<\/button>/
    )
  })

  it('a post of the page’s form never carries the app’s own fields', async () => {
    const fields = fieldsOf(await (await app.request('/')).text())
    expect(fields.map(([n]) => n)).toEqual(
      ['hd:submit', 'hd:state', 'hd:code.value'].filter((n) => n !== 'hd:submit')
    )
    const res = await postUrlencoded(app, [...set(fields, 'hd:code.value', '42'), ['hd:click', 'hint']])
    expect(text(await res.text(), 'out')).toBe('1 hints, code 42')
    // A field of the app's own form posted to the page is refused, naming the fix.
    const r = await refused(await postUrlencoded(app, [...fields, ['user', 'ada']]))
    expect(r.status).toBe(400)
    expect(r.text).toMatch(
      /^The form field 'user' is not one this page's form has: it is not a hyperdash field\./
    )
  })
})

describe('Enter in a field: hd:submit counts n_submit', () => {
  function makeApp(ids: string[]) {
    const app = createApp({
      secret,
      layout: (
        <div>
          {ids.map((id) => (
            <dcc.Input id={id} value="" />
          ))}
          <dcc.Input id="plain" value="" />
          <p id="out" />
          <p id="plain-out" />
        </div>
      ),
    })
    app.callback(
      Output('out', 'children'),
      ids.map((id) => Input(id, 'n_submit')),
      ids.map((id) => State(id, 'value')),
      (...args) => JSON.stringify({ by: ctx.triggeredId, args: args.slice(0, 2 * ids.length) })
    )
    app.callback(Output('plain-out', 'children'), [Input('plain', 'value')], (v) => `plain ${v ?? ''}`)
    return app
  }
  const two = makeApp(['a', 'b'])
  const one = makeApp(['a'])
  const submit: [string, string] = ['hd:submit', '1']
  const out = async (res: Response) => {
    expect(res.status).toBe(200)
    const t = text(await res.text(), 'out')
    return JSON.parse(t!) as { by: string | null; args: unknown[] }
  }

  it('the hidden default button names hd:submit', async () => {
    const html = await (await two.request('/')).text()
    expect(html).toContain(
      '<button type="submit" class="hd-form-default" hidden="" tabindex="-1" name="hd:submit" value="1"></button>'
    )
  })

  it.each([
    ['a’s text changed: a', two, { 'hd:a.value': 'x' }, { by: 'a', args: [1, null, 'x', ''] }],
    ['b’s text changed: b', two, { 'hd:b.value': 'y' }, { by: 'b', args: [null, 1, '', 'y'] }],
    // Nothing counted: the callback (States only besides) does not run; the page is as it was.
    ['no text changed, two such fields: none', two, {}, { by: null, args: [null, null, '', ''] }],
    [
      'both changed: none',
      two,
      { 'hd:a.value': 'x', 'hd:b.value': 'y' },
      { by: null, args: [null, null, '', ''] },
    ],
    ['no text changed, the only such field: it', one, {}, { by: 'a', args: [1, ''] }],
    ['another field’s text changed: none', one, { 'hd:plain.value': 'p' }, { by: null, args: [null, ''] }],
  ] as const)('%s', async (_, app, changes, want) => {
    let fields = fieldsOf(await (await app.request('/')).text())
    for (const [n, v] of Object.entries(changes)) fields = set(fields, n, v)
    expect(await out(await postUrlencoded(app, [...fields, submit]))).toEqual(want)
  })

  it('without hd:submit (the Update button) no n_submit is counted', async () => {
    const fields = set(fieldsOf(await (await one.request('/')).text()), 'hd:a.value', 'x')
    expect(await out(await postUrlencoded(one, fields))).toEqual({ by: null, args: [null, ''] })
  })

  it('the count carries on from the page', async () => {
    const fields = fieldsOf(await (await one.request('/')).text())
    const first = await (await postUrlencoded(one, [...fields, submit])).text()
    const second = await out(await postUrlencoded(one, [...fieldsOf(first), submit]))
    expect(second?.args).toEqual([2, ''])
  })

  it.each([
    [['a', 'b'], [], null],
    [['a', 'b'], ['a'], 'a'],
    [['a', 'b'], ['a', 'b'], null],
    [['a', 'b'], ['c'], null],
    [['a'], [], 'a'],
    [['a'], ['c'], null],
    [['a'], ['a', 'c'], 'a'],
    [[], [], null],
  ] as const)('enteredIn(%j, typed %j) is %s', (submitters, typed, want) => {
    expect(enteredIn(submitters, new Set(typed))).toBe(want)
  })
})

describe('dcc.Upload: files posted as multipart', () => {
  function makeApp(props: { multiple?: boolean; max_size?: number } = {}, options = {}) {
    const app = createApp({
      secret,
      ...options,
      layout: (
        <div>
          <dcc.Upload id="up" {...props} />
          <dcc.Input id="note" value="n" />
          <p id="out" />
        </div>
      ),
    })
    app.callback(
      Output('out', 'children'),
      [Input('up', 'contents'), Input('note', 'value')],
      [State('up', 'filename'), State('up', 'last_modified')],
      (contents, note, filename, modified) => JSON.stringify({ contents, note, filename, modified })
    )
    return app
  }
  const app = makeApp()
  const file = (name: string, body: string, type = 'text/plain') => new File([body], name, { type })
  const page = async (a = app) => (await a.request('/')).text()
  const outOf = async (res: Response) => {
    const html = await res.text()
    expect(res.status, html).toBe(200)
    return JSON.parse(text(html, 'out')!) as Record<string, unknown>
  }

  it('the form posts multipart when the page has a file field; the file input names it', async () => {
    const html = await page()
    expect(html).toContain(
      '<form id="hd-app-form" class="hd-form" method="post" action="/" enctype="multipart/form-data">'
    )
    expect(html).toContain(
      '<input type="file" class="hd-upload-input" name="hd:up.contents" form="hd-app-form"/>'
    )
    // A page without one posts urlencoded (no enctype).
    const plain = createApp({ secret, layout: <dcc.Input id="x" /> })
    expect(await (await plain.request('/')).text()).toContain(
      '<form id="hd-app-form" class="hd-form" method="post" action="/">'
    )
  })

  it('a chosen file: contents as a data URL and filename, as through the upload route', async () => {
    const fields = fieldsOf(await page())
    const res = await postMultipart(app, [...fields, ['hd:up.contents', file('a.txt', 'hello')]])
    expect(await outOf(res)).toEqual({
      contents: 'data:text/plain;base64,aGVsbG8=',
      note: 'n',
      filename: 'a.txt',
      modified: null,
    })
  })

  it('no file chosen (an empty part): the upload is unchanged; other fields still apply', async () => {
    const html = await page()
    const empty = new File([], '', { type: 'application/octet-stream' })
    const res = await postMultipart(app, [
      ...set(fieldsOf(html), 'hd:note.value', 'm'),
      ['hd:up.contents', empty],
    ])
    expect(await outOf(res)).toEqual({ contents: null, note: 'm', filename: null, modified: null })
  })

  it('the contents are not kept in the page’s state: a later post does not send them back', async () => {
    const fields = fieldsOf(await page())
    const first = await (
      await postMultipart(app, [...fields, ['hd:up.contents', file('a.txt', 'hello')]])
    ).text()
    const state = fieldsOf(first).find(([n]) => n === 'hd:state')![1] as string
    const payload = JSON.parse(state.slice(state.indexOf('~') + 1))
    expect(payload.props.up).toEqual({ id: 'up', filename: 'a.txt', last_modified: null })
  })

  it('several files for a multiple upload: lists', async () => {
    const many = makeApp({ multiple: true })
    const fields = fieldsOf(await page(many))
    const res = await postMultipart(many, [
      ...fields,
      ['hd:up.contents', file('a.txt', 'A')],
      ['hd:up.contents', file('b.csv', 'B', 'text/csv')],
    ])
    expect(await outOf(res)).toMatchObject({
      contents: ['data:text/plain;base64,QQ==', 'data:text/csv;base64,Qg=='],
      filename: ['a.txt', 'b.csv'],
    })
  })

  it.each([
    [
      'two files for a single upload',
      () => makeApp(),
      (f: Fields) => [...f, ['hd:up.contents', file('a.txt', 'A')], ['hd:up.contents', file('b.txt', 'B')]],
      400,
      "'up' takes one file (its multiple is false), not 2.",
    ],
    [
      'a file over max_size',
      () => makeApp({ max_size: 3 }),
      (f: Fields) => [...f, ['hd:up.contents', file('big.txt', 'hello')]],
      413,
      "Upload refused: 'big.txt' is 5 bytes, larger than this upload accepts (3 bytes, its max_size). Choose a smaller file.",
    ],
    [
      'a body over maxUploadBytes',
      () => makeApp({}, { maxUploadBytes: 2000 }),
      (f: Fields) => [...f, ['hd:up.contents', file('big.txt', 'x'.repeat(100_000))]],
      413,
      /^Upload refused: it is larger than 2\.0 KB, the most this app accepts at once \(its `maxUploadBytes`\)/,
    ],
    [
      'a file under a text field',
      () => makeApp(),
      (f: Fields) => [...set(f, 'hd:note.value', null), ['hd:note.value', file('a.txt', 'A')]],
      400,
      "The form field 'hd:note.value' is not a file field of the page.",
    ],
    [
      'a file field posted as text',
      () => makeApp(),
      (f: Fields) => [...f, ['hd:up.contents', 'a.txt']],
      400,
      "The form field 'hd:up.contents' must hold a file: the page's form posts it as multipart/form-data.",
    ],
    [
      'no hd:state',
      () => makeApp(),
      (f: Fields) => set(f, 'hd:state', null),
      400,
      "The form has no field 'hd:state': only a page of this app, submitted as rendered, can post here.",
    ],
  ] as const)('%s: refused', async (_, make, change, status, message) => {
    const a = make()
    const fields = fieldsOf(await page(a))
    const r = await refused(await postMultipart(a, change(fields) as Fields))
    expect(r.status).toBe(status)
    if (typeof message === 'string') expect(r.text).toBe(message)
    else expect(r.text).toMatch(message)
  })

  it('a malformed multipart body: 400', async () => {
    const r = await refused(
      await app.request('/', {
        method: 'POST',
        body: '--x\r\nnot a part',
        headers: { 'content-type': 'multipart/form-data; boundary=x', 'sec-fetch-site': 'same-origin' },
      })
    )
    expect(r).toEqual({ status: 400, text: "The page's form is not a well-formed multipart/form-data body." })
  })
})

describe('DataTable: the pager and the headers post the page or sort they ask for', () => {
  const rows = Array.from({ length: 12 }, (_, i) => ({ id: i, pop: i * 10 }))
  const app = createApp({
    secret,
    layout: (
      <div>
        <dash_table.DataTable
          id="t"
          columns={[{ name: 'Population', id: 'pop', type: 'numeric' }]}
          data={rows}
          page_size={5}
          sort_action="native"
        />
        <p id="out" />
      </div>
    ),
  })
  app.callback(Output('out', 'children'), [Input('t', 'page_current')], (n) => `page ${n ?? 0}`)
  const cells = (html: string) =>
    [...html.matchAll(/<td data-col="pop"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1])

  it('a page button: the server pages the rows (native) and the callback runs', async () => {
    const fields = fieldsOf(await (await app.request('/')).text())
    const html = await (await postUrlencoded(app, [...fields, ['hd:t.page_current', '2']])).text()
    expect(cells(html)).toEqual(['100', '110'])
    expect(text(html, 'out')).toBe('page 2')
    expect(html).toContain('<span class="hd-table-page">Page 3 of 3</span>')
  })

  it('a sort button: the rows sorted; the next click of it asks for the other direction', async () => {
    const fields = fieldsOf(await (await app.request('/')).text())
    const desc = JSON.stringify([{ column_id: 'pop', direction: 'desc' }])
    const html = await (await postUrlencoded(app, [...fields, ['hd:t.sort_by', desc]])).text()
    expect(cells(html)).toEqual(['110', '100', '90', '80', '70'])
    // Descending now: the header's button asks for no sort.
    expect(html).toMatch(/<button type="submit" name="hd:t\.sort_by" form="hd-app-form" value="\[\]"/)
  })

  it.each([
    ['hd:t.page_current', 'two', /^Invalid value for 't\.page_current': /],
    ['hd:t.sort_by', '[{"column_id":"pop","direction":"up"}]', /^Invalid value for 't\.sort_by': /],
  ])('%s=%s: 422 naming the prop', async (name, value, message) => {
    const fields = fieldsOf(await (await app.request('/')).text())
    const r = await refused(await postUrlencoded(app, [...fields, [name, value]]))
    expect(r.status).toBe(422)
    expect(r.text).toMatch(message)
  })

  it('a live table whose page no callback reads pages on the server (native)', async () => {
    const alone = createApp({
      secret,
      layout: (
        <div>
          <dash_table.DataTable
            id="t"
            columns={[{ name: 'Population', id: 'pop', type: 'numeric' }]}
            data={rows}
            page_size={5}
          />
          <p id="cell" />
        </div>
      ),
    })
    // Live through another prop: a table no callback involves is plain HTML (no form fields).
    alone.callback(Output('cell', 'children'), [Input('t', 'active_cell')], (c) => JSON.stringify(c))
    const fields = fieldsOf(await (await alone.request('/')).text())
    const html = await (await postUrlencoded(alone, [...fields, ['hd:t.page_current', '1']])).text()
    expect(cells(html)).toEqual(['50', '60', '70', '80', '90'])
  })
})
