/**
 * @module form.test
 * The page as a form without JavaScript (src/protocol/form.ts, src/server/form-route.ts): the
 * markup (names on native controls, the pressed-button field, the signed `hd:state`), posts that run
 * the callbacks of what changed and answer with the whole page, and refusals (forged state,
 * cross-site posts, unknown fields, bad values, other content types) with 4xx and a message.
 */
import { Window } from 'happy-dom'
import { Hono } from 'hono'
import { describe, expect, it, vi } from 'vitest'
import { createApp, ctx, Input, Output, State } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'
import { app as primeFactors } from '../../examples/prime-factors.tsx'

vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1) })
const secret = 'http-form-test-secret-0123456789ab'

function makeApp() {
  const app = createApp({
    secret,
    layout: (
      <div>
        <dcc.Input id="name" value="Ada" />
        <dcc.Checklist id="langs" options={['en', 'fr', { label: 'Deutsch', value: 3 }]} value={['en']} />
        <dcc.Slider id="level" min={0} max={10} value={2} />
        <dcc.RangeSlider id="span" min={0} max={10} value={[1, 4]} />
        <dcc.DatePickerSingle id="when" date="2024-05-03" />
        <dcc.Textarea id="notes" value={'one\ntwo'} />
        <button id="go">Go</button>
        <button id="reset" type="button">
          Reset
        </button>
        <p id="out" style={{ color: 'green' }}>
          not yet
        </p>
        <p id="calls" />
      </div>
    ),
  })
  app.callback(
    Output('out', 'children'),
    [
      Input('name', 'value'),
      Input('langs', 'value'),
      Input('level', 'value'),
      Input('span', 'value'),
      Input('when', 'date'),
      Input('go', 'n_clicks'),
    ],
    [State('notes', 'value')],
    (name, langs, level, span, when, clicks, notes) =>
      JSON.stringify({ name, langs, level, span, when, clicks, notes, by: ctx.triggeredId })
  )
  // Only the button's clicks: shows which callbacks a post ran.
  app.callback(Output('calls', 'children'), [Input('go', 'n_clicks')], (n) => `go pressed ${n ?? 0} times`)
  return app
}
const app = makeApp()

/** The document of a page's HTML. */
function parse(html: string) {
  const doc = new Window().document
  doc.write(html)
  return doc
}

/** The fields the page's form posts (as a browser does: named controls, checked boxes, the pressed button). */
function fieldsOf(html: string, press?: string): [string, string][] {
  const doc = parse(html)
  const forms = doc.querySelectorAll('form.hd-form')
  const form = forms[forms.length - 1]!
  const out: [string, string][] = []
  // The form's controls: inside it, or anywhere naming it with `form` (the layout is beside it).
  const owned = (el: HTMLInputElement) =>
    el.hasAttribute('form')
      ? el.getAttribute('form') === form.id
      : (el.closest('form') as unknown) === (form as unknown)
  const named = [...doc.querySelectorAll('[name]')] as unknown as HTMLInputElement[]
  for (const el of named.filter(owned)) {
    if (el.disabled) continue
    if (el.tagName === 'BUTTON') {
      if (press !== undefined && el.id === press) out.push([el.name, el.value])
      continue
    }
    if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) continue
    out.push([el.name, el.tagName === 'TEXTAREA' ? el.textContent! : (el.getAttribute('value') ?? '')])
  }
  return out
}

const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' }

/** Posts fields to a page, as its form does (same origin). */
function post(
  a: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  fields: [string, string][],
  path = '/',
  headers = {}
) {
  return a.request(path, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { ...FORM_TYPE, 'sec-fetch-site': 'same-origin', ...headers },
  })
}

/** `fields` with `name`'s value replaced (or added). */
function set(fields: [string, string][], name: string, value: string | null): [string, string][] {
  const rest = fields.filter(([n]) => n !== name)
  return value === null ? rest : [...rest, [name, value]]
}

const out = (html: string) => JSON.parse(parse(html).getElementById('out')!.textContent!)
const page = async () => (await app.request('/')).text()

describe('the page as a form', () => {
  it('wraps the root in a form posted to the page, with names on native controls', async () => {
    const html = await page()
    expect(html).toContain(
      '<div id="hd-app" class="hd-app" data-hd-url="/_hd/update"><form id="hd-app-form" class="hd-form" method="post" action="/">' +
        '<button type="submit" class="hd-form-default" hidden="" tabindex="-1" name="hd:submit" value="1"></button>' +
        '<input type="hidden" name="hd:state" value="'
    )
    // The layout is beside the form, never inside it: an app's own <form> keeps its controls.
    expect(html).toMatch(/"\/><\/form><div>/)
    expect(html).toMatch(/<input id="name" type="text" value="Ada" name="hd:name\.value" /)
    expect(html).toContain(
      '<input type="checkbox" name="hd:langs.value" form="hd-app-form" value="en" checked=""/>'
    )
    expect(html).toContain('<input type="checkbox" name="hd:langs.value" form="hd-app-form" value="3"/>')
    expect(html).toMatch(/<input type="range" min="0" max="10" step="1" value="2" name="hd:level\.value" /)
    expect(html.match(/name="hd:span\.value"/g)).toHaveLength(2)
    expect(html).toMatch(/<input type="date" name="hd:when\.date" form="hd-app-form" value="2024-05-03"/)
    expect(html).toMatch(/<textarea id="notes" name="hd:notes\.value"/)
    // A live button submits its id; a `type="button"` one (or one no callback reads) does not.
    expect(html).toMatch(
      /<button id="go" hx-post="[^"]*"[^>]* name="hd:click" value="go" form="hd-app-form">Go<\/button>/
    )
    expect(html).toMatch(/<button id="reset" type="button">Reset<\/button>/)
    expect(html).toMatch(
      /<input type="hidden" name="hd:state" value="[0-9a-z]+\.[\w-]{27}~\{&quot;form&quot;:1,/
    )
    expect(html).toContain(
      '</div><button type="submit" class="hd-form-submit" form="hd-app-form">Update</button><div id="hd-errors"'
    )
    expect(fieldsOf(html).map(([n]) => n)).toEqual([
      'hd:state',
      'hd:name.value',
      'hd:langs.value',
      'hd:level.value',
      'hd:span.value',
      'hd:span.value',
      'hd:when.date',
      'hd:notes.value',
    ])
  })

  it('a post of the page as it is runs nothing and renders it again', async () => {
    const res = await post(app, fieldsOf(await page()))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    const html = await res.text()
    expect(out(html)).toMatchObject({ name: 'Ada', clicks: null, by: null })
    expect(html).toContain('<p id="calls"')
    expect(parse(html).getElementById('calls')!.textContent).toBe('go pressed 0 times')
  })

  it('runs the callbacks of the values that changed, with their new values; the rest keep theirs', async () => {
    let fields = fieldsOf(await page())
    fields = set(fields, 'hd:name.value', 'Grace')
    fields = set(fields, 'hd:langs.value', null)
    fields.push(['hd:langs.value', 'fr'], ['hd:langs.value', '3'])
    fields = set(fields, 'hd:level.value', '7')
    fields = set(fields, 'hd:when.date', '2024-06-01')
    const html = await (await post(app, fields)).text()
    expect(out(html)).toEqual({
      name: 'Grace',
      langs: ['fr', 3],
      level: 7,
      span: [1, 4],
      when: '2024-06-01',
      clicks: null,
      notes: 'one\ntwo',
      by: 'name',
    })
    // The whole page, with the new values in its controls and its form.
    expect(html).toMatch(/<input id="name" type="text" value="Grace"/)
    expect(html).toContain(
      '<input type="checkbox" name="hd:langs.value" form="hd-app-form" value="3" checked=""/>'
    )
    expect(html).toContain('<p id="out" style="color:green"')
    expect(parse(html).getElementById('calls')!.textContent).toBe('go pressed 0 times')
    // Unchecking every box posts nothing for it: the list is empty.
    const none = set(fieldsOf(html), 'hd:langs.value', null)
    expect(out(await (await post(app, none)).text())).toMatchObject({ langs: [], by: 'langs' })
  })

  it('a pressed button counts a click: ctx.triggered_id names it, and the count carries on', async () => {
    const first = await (await post(app, fieldsOf(await page(), 'go'))).text()
    expect(out(first)).toMatchObject({ clicks: 1, by: 'go' })
    expect(parse(first).getElementById('calls')!.textContent).toBe('go pressed 1 times')
    expect(first).toMatch(/<button id="go"[^>]* data-n-clicks="1"/)
    const second = await (await post(app, fieldsOf(first, 'go'))).text()
    expect(out(second)).toMatchObject({ clicks: 2, by: 'go' })
    // Another post without the button: the count is as the page showed it.
    const third = await (await post(app, set(fieldsOf(second), 'hd:name.value', 'Lin'))).text()
    expect(out(third)).toMatchObject({ name: 'Lin', clicks: 2, by: 'name' })
    expect(parse(third).getElementById('calls')!.textContent).toBe('go pressed 2 times')
  })

  it('keeps outputs the post did not change (prime factors: a prime keeps the last result)', async () => {
    const a = primeFactors
    const html1 = await (await a.request('/')).text()
    const html2 = await (await post(a, set(fieldsOf(html1), 'hd:num.value', '360'))).text()
    expect(html2).toMatch(/<p id="out"[^>]*>360 is 2 \* 2 \* 2 \* 3 \* 3 \* 5<\/p>/)
    expect(html2).toMatch(/<input id="num" type="number" value="360"/)
    const html3 = await (await post(a, set(fieldsOf(html2), 'hd:num.value', '997'))).text()
    expect(html3).toMatch(/<p id="err" style="color:red"[^>]*>997 is prime!<\/p>/)
    expect(html3).toMatch(/<p id="out"[^>]*>360 is 2 \* 2 \* 2 \* 3 \* 3 \* 5<\/p>/)
  })

  it('an app under a base path posts to its own page there', async () => {
    const mounted = new Hono()
    mounted.route('/dash', makeApp().mountAt('/dash'))
    const html = await (await mounted.request('/dash')).text()
    expect(html).toContain('<form id="hd-app-dash-form" class="hd-form" method="post" action="/dash">')
    const res = await post(mounted, set(fieldsOf(html), 'hd:name.value', 'Bo'), '/dash')
    expect(res.status).toBe(200)
    expect(out(await res.text())).toMatchObject({ name: 'Bo', by: 'name' })
  })

  it('an embedded root posts to the app’s own page', async () => {
    const html = await app.renderRoot('http://site.example/embedding/page', { basePath: '/calc' })
    expect(html).toContain('<form id="hd-app-calc-form" class="hd-form" method="post" action="/calc/">')
  })
})

describe('choices: dropdowns and radio items', () => {
  const choices = createApp({
    secret,
    layout: (
      <div>
        <dcc.Dropdown id="city" options={['Oslo', 'Rome']} value="Oslo" searchable={false} />
        <dcc.Dropdown id="tags" options={['a', 'b', { label: 'Three', value: 3 }]} value={['a']} multi />
        <dcc.RadioItems id="size" options={['S', 'M', 'L']} value="M" />
        <p id="out" />
      </div>
    ),
  })
  choices.callback(
    Output('out', 'children'),
    [Input('city', 'value'), Input('tags', 'value'), Input('size', 'value')],
    (city, tags, size) => JSON.stringify({ city, tags, size, by: ctx.triggeredId })
  )

  /** The fields the page's form posts, with the `<select>`s' selected options. */
  function choiceFields(html: string): [string, string][] {
    const doc = parse(html)
    const out: [string, string][] = []
    for (const el of doc.querySelectorAll(
      'form.hd-form [name], [form="hd-app-form"][name]'
    ) as unknown as HTMLInputElement[]) {
      if (el.tagName === 'BUTTON') continue
      if (el.tagName === 'SELECT') {
        for (const o of el.querySelectorAll('option[selected]')) out.push([el.name, o.getAttribute('value')!])
        continue
      }
      if (el.type === 'radio' && !el.hasAttribute('checked')) continue
      out.push([el.name, el.getAttribute('value') ?? ''])
    }
    return out
  }

  it('names the <select>s and the radios; a post carries the chosen options', async () => {
    const html = await (await choices.request('/')).text()
    expect(html).toContain('<select class="hd-dropdown-native" name="hd:city.value" form="hd-app-form"')
    expect(html).toContain(
      '<select class="hd-dropdown-native" name="hd:tags.value" form="hd-app-form" multiple=""'
    )
    expect(html).toContain(
      '<input type="radio" name="hd:size.value" form="hd-app-form" value="M" checked=""/>'
    )
    expect(choiceFields(html).filter(([n]) => n !== 'hd:state')).toEqual([
      ['hd:city.value', 'Oslo'],
      ['hd:tags.value', 'a'],
      ['hd:size.value', 'M'],
    ])
    let fields = set(choiceFields(html), 'hd:tags.value', null)
    fields.push(['hd:tags.value', 'b'], ['hd:tags.value', '3'])
    fields = set(set(fields, 'hd:city.value', 'Rome'), 'hd:size.value', 'L')
    const next = await (await post(choices, fields)).text()
    expect(out(next)).toEqual({ city: 'Rome', tags: ['b', 3], size: 'L', by: 'city' })
    expect(next).toMatch(/<option value="Rome" selected="">Rome<\/option>/)
    // Nothing selected in the multi dropdown: it posts nothing, and the value is [].
    const none = set(choiceFields(next), 'hd:tags.value', null)
    expect(out(await (await post(choices, none)).text())).toMatchObject({ tags: [], by: 'tags' })
  })
})

describe('refusals', () => {
  const refused = async (res: Response) => ({ status: res.status, text: await res.text() })

  it('a forged or altered state: 400, reload', async () => {
    const fields = fieldsOf(await page())
    const state = fields.find(([n]) => n === 'hd:state')![1]
    const forged = set(fields, 'hd:state', state.replace('"value":"Ada"', '"value":"Eve"'))
    expect(forged).not.toEqual(fields)
    const r = await refused(await post(app, forged))
    expect(r.status).toBe(400)
    expect(r.text).toMatch(
      /^The page's state \(the form field hd:state\) has a wrong signature: .*Reload the page/
    )
    const other = makeApp()
    const res = await post(other, fields)
    // Another app with the same secret and graph accepts it (same scope); another secret does not.
    expect(res.status).toBe(200)
    const foreign = createApp({ secret: 'another-secret-0123456789abcdef', layout: <div /> })
    expect((await refused(await post(foreign, fields))).status).toBe(400)
  })

  it('state past its age: 409', async () => {
    const fields = fieldsOf(await page())
    vi.setSystemTime(Date.UTC(2026, 0, 3))
    try {
      const r = await refused(await post(app, fields))
      expect(r.status).toBe(409)
      expect(r.text).toMatch(/signed state has expired\. Reload the page\.$/)
    } finally {
      vi.setSystemTime(Date.UTC(2026, 0, 1))
    }
  })

  it('a post from another site: 403, before the body is read', async () => {
    const fields = fieldsOf(await page())
    for (const headers of [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': undefined, origin: 'http://evil.example', host: 'localhost' },
    ]) {
      const r = await refused(await post(app, fields, '/', headers))
      expect(r).toEqual({
        status: 403,
        text:
          "Cross-origin form post refused: a page's form only answers posts from this app's own pages. " +
          'If another site embeds this app, list its origin in `security.trustedOrigins`.',
      })
    }
  })

  it('fields the form does not have: 400 naming the field', async () => {
    const fields = fieldsOf(await page())
    const cases: [[string, string], RegExp][] = [
      [['q', 'x'], /^The form field 'q' is not one this page's form has: it is not a hyperdash field\./],
      [
        ['hd:ghost.value', 'x'],
        /^The form field 'hd:ghost\.value' .*there is no component 'ghost' on the page/,
      ],
      [
        ['hd:out.children', 'x'],
        /^The form field 'hd:out\.children' .*'children' of 'out' is not a form field/,
      ],
      [['hd:name.n_blur', '3'], /^The form field 'hd:name\.n_blur' .*'n_blur' of 'name' is not a form field/],
      [['hd:click', 'ghost'], /^The form field 'hd:click=ghost' .*there is no component 'ghost' on the page/],
    ]
    for (const [field, message] of cases) {
      const r = await refused(await post(app, [...fields, field]))
      expect(r.status, field.join('=')).toBe(400)
      expect(r.text).toMatch(message)
    }
    const two = await refused(await post(app, [...fields, ['hd:click', 'go'], ['hd:click', 'out']]))
    expect(two).toEqual({
      status: 400,
      text: 'The form names two pressed buttons (hd:click); a post presses one.',
    })
  })

  it('no hd:state, or two: 400', async () => {
    const fields = fieldsOf(await page())
    expect(await refused(await post(app, set(fields, 'hd:state', null)))).toEqual({
      status: 400,
      text: "The form has no field 'hd:state': only a page of this app, submitted as rendered, can post here.",
    })
    const state = fields.find(([n]) => n === 'hd:state')!
    expect((await refused(await post(app, [...fields, state]))).text).toBe(
      "The form has 2 fields 'hd:state'; a page's form has one."
    )
  })

  it('a value its schema refuses: 422 naming the prop', async () => {
    const fields = fieldsOf(await page())
    const cases: [string, string, RegExp][] = [
      ['hd:level.value', '11', /^Invalid value for 'level\.value': /],
      ['hd:level.value', 'abc', /^Invalid value for 'level\.value': /],
      ['hd:langs.value', 'de', /^Invalid value for 'langs\.value': 'de' is not one of the options/],
      ['hd:when.date', '2024-02-30', /^Invalid value for 'when\.date': '2024-02-30' is not a calendar date/],
    ]
    for (const [name, value, message] of cases) {
      const r = await refused(await post(app, set(fields, name, value)))
      expect(r.status, `${name}=${value}`).toBe(422)
      expect(r.text).toMatch(message)
    }
  })

  it('another content type: 415; too large: 413', async () => {
    const json = await app.request('/', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    })
    expect(await refused(json)).toEqual({
      status: 415,
      text:
        "A page's form posts application/x-www-form-urlencoded (multipart/form-data when it has a file " +
        "field), not 'application/json'. The extension sends updates as JSON to the update route " +
        '(docs/wire.md).',
    })
    const big = await post(app, [['hd:name.value', 'x'.repeat(1_100_000)]])
    expect(await refused(big)).toEqual({
      status: 413,
      text:
        'The form is larger than 1048576 bytes, the most this app accepts (its `maxBodyBytes`). ' +
        'Shorten what you typed.',
    })
  })
})
