/**
 * @module form-controls.test
 * The form controls of examples/form-controls.tsx on the wire: what the page sends is checked on the
 * server (constraints, calendar dates and their bounds, slider bounds, steps and marks) and a value
 * the page could not have accepted is a 422 naming the component and prop, before any callback runs.
 */
import { describe, expect, it } from 'vitest'
import { app } from '../../examples/form-controls.tsx'
import { createApp, Input, Output } from '../../src/index.ts'
import { renderPage, type UpdateBody } from '../../src/testing.ts'
import { dcc } from '../../views/components/index.ts'

/** A request from the page in which `id.prop` changed to `value` (the others as the page shows them). */
async function send(changes: Record<string, unknown>, target = app) {
  const page = await renderPage(target)
  const body: UpdateBody = await page.prepare({ id: 'qty', value: 2 })
  body.changed = []
  for (const [key, value] of Object.entries(changes)) {
    const [id, prop] = key.split('.') as [string, string]
    body.components[id]!.values![prop] = value
    body.changed.push(key)
  }
  const res = await page.send(body)
  return { res, page }
}

const output = (page: Awaited<ReturnType<typeof renderPage>>) => page.text('form-output').split('\n')

describe('dcc.Input constraints (qty: type=number min=1 step=1)', () => {
  it.each([
    [-5, '-5 is less than min (1)'],
    [1.5, '1.5 is not a step of 1 from 1'],
    [0, '0 is less than min (1)'],
    ['3', 'Invalid input: expected number, received string'],
  ])('refuses %j with 422', async (value, why) => {
    const { res } = await send({ 'qty.value': value })
    expect([res.status, res.html]).toEqual([422, `Invalid value for 'qty.value': ${why}`])
  })

  it.each([
    [3, 'qty: 3'],
    [null, 'qty: None'],
  ])('delivers %j', async (value, line) => {
    const { res, page } = await send({ 'qty.value': value })
    expect(res.status).toBe(200)
    expect(output(page)[3]).toBe(line)
  })

  it('sends Enter and blur as n_submit and n_blur, counted by the page', async () => {
    const page = await renderPage(app)
    expect(page.attr('qty', 'hd-t')).toBe('n_submit:hd-submit n_blur:blur value:change')
    const { res, page: after } = await send({ 'qty.n_submit': 2, 'qty.n_blur': 1 })
    expect(res.status).toBe(200)
    expect(after.text('qty-events')).toBe('n_submit: 2, n_blur: 1')
    expect((await send({ 'qty.n_submit': -1 })).res.html).toBe(
      "Invalid value for 'qty.n_submit': Too small: expected number to be >=0"
    )
  })

  describe('text constraints', () => {
    const text = createApp({
      layout: (
        <div>
          <dcc.Input id="code" minLength={3} maxLength={6} pattern="[A-Z]+" />
          <dcc.Input id="qty" type="number" />
          <p id="out" />
        </div>
      ),
    })
    text.callback(Output('out', 'children'), [Input('code', 'value'), Input('qty', 'value')], (v) =>
      String(v)
    )
    it.each([
      ['AB', '2 characters, fewer than minLength (3)'],
      ['ABCDEFG', '7 characters, more than maxLength (6)'],
      ['abc', "'abc' does not match the pattern [A-Z]+"],
    ])('refuses %j with 422', async (value, why) => {
      const { res } = await send({ 'code.value': value }, text)
      expect([res.status, res.html]).toEqual([422, `Invalid value for 'code.value': ${why}`])
    })
    it.each(['ABC', ''])('delivers %j', async (value) => {
      const { res, page } = await send({ 'code.value': value }, text)
      expect([res.status, page.text('out')]).toEqual([200, value])
    })
    it('renders the constraints and Dash’s other input props on the native input', async () => {
      const page = await renderPage(
        createApp({
          layout: (
            <dcc.Input
              id="x"
              type="number"
              min={1}
              inputMode="numeric"
              list="sizes"
              size={4}
              required
              autoFocus
              spellCheck={false}
              name="qty"
            />
          ),
        })
      )
      expect(page.outerHTML('x').replace(/ data-hd(-sig)?="[^"]*"/g, '')).toBe(
        '<input id="x" type="number" min="1" step="any" required="" autofocus="" inputmode="numeric" ' +
          'list="sizes" size="4" spellcheck="false" name="qty">'
      )
    })
  })
})

describe('dcc.Textarea', () => {
  it('delivers the text, and refuses one over maxLength', async () => {
    const ok = await send({ 'notes.value': 'line one\nline two' })
    expect(ok.res.status).toBe(200)
    expect(ok.page.text('form-output')).toContain('notes: line one\nline two\n')
    const long = await send({ 'notes.value': 'x'.repeat(201) })
    expect([long.res.status, long.res.html]).toEqual([
      422,
      "Invalid value for 'notes.value': 201 characters, more than maxLength (200)",
    ])
  })
})

describe('dcc.DatePickerSingle (when: 2024, not May 4th or 5th)', () => {
  it.each([
    ['2024-02-30', "'2024-02-30' is not a calendar date (YYYY-MM-DD)"],
    ['03/05/2024', "'03/05/2024' is not a calendar date (YYYY-MM-DD)"],
    ['2023-12-31', '2023-12-31 is before min_date_allowed (2024-01-01)'],
    ['2025-01-01', '2025-01-01 is after max_date_allowed (2024-12-31)'],
    ['2024-05-04', '2024-05-04 is one of disabled_days'],
    [20240503, 'Invalid input: expected string, received number'],
  ])('refuses %j with 422', async (value, why) => {
    const { res } = await send({ 'when.date': value })
    expect([res.status, res.html]).toEqual([422, `Invalid value for 'when.date': ${why}`])
  })

  it.each([
    ['2024-06-01', 'when: 2024-06-01'],
    ['2024-06-01T09:30:00', 'when: 2024-06-01'],
    ['', 'when: None'],
    [null, 'when: None'],
  ])('delivers %j as its date', async (value, line) => {
    const { res, page } = await send({ 'when.date': value })
    expect(res.status).toBe(200)
    expect(output(page)[1]).toBe(line)
  })

  it('renders a native date input with the bounds, the date, and a clear button', async () => {
    const page = await renderPage(app)
    expect(page.innerHTML('when')).toBe(
      '<input type="date" name="hd:when.date" form="hd-app-form" value="2024-05-03" min="2024-01-01" max="2024-12-31" aria-label="When" ' +
        'data-last="2024-05-03"><button type="button" class="hd-datepicker-clear" aria-label="Clear date">×</button>' +
        '<span class="hd-datepicker-msg" role="status"></span>'
    )
    expect(page.attr('when', 'data-disabled-days')).toBe('["2024-05-04","2024-05-05"]')
  })
})

describe('dcc.DatePickerRange (period)', () => {
  it('delivers both ends', async () => {
    const { res, page } = await send({ 'period.start_date': '2024-06-01', 'period.end_date': '2024-06-30' })
    expect(res.status).toBe(200)
    expect(output(page)[2]).toBe('period: 2024-06-01 to 2024-06-30')
  })

  it.each([
    [{ 'period.start_date': '2024-05-01', 'period.end_date': '2024-04-01' }, 'period.end_date'],
    // sent the other way round, the start is checked against the end
    [{ 'period.end_date': '2024-04-01', 'period.start_date': '2024-05-01' }, 'period.start_date'],
  ])('refuses an end before the start with 422 (%j)', async (changes, key) => {
    const page = await renderPage(app)
    const body = await page.prepare({ id: 'qty', value: 2 })
    const values = body.components['period']!.values!
    for (const k of Object.keys(values)) delete values[k]
    for (const [k, v] of Object.entries(changes)) values[k.split('.')[1]!] = v
    body.changed = Object.keys(changes)
    const res = await page.send(body)
    expect([res.status, res.html]).toEqual([
      422,
      `Invalid value for '${key}': end_date 2024-04-01 is before start_date 2024-05-01`,
    ])
  })

  it('refuses a date outside the bounds, naming which end', async () => {
    const { res } = await send({ 'period.start_date': '2023-06-01' })
    expect(res.html).toBe(
      "Invalid value for 'period.start_date': 2023-06-01 is before min_date_allowed (2024-01-01)"
    )
  })

  it('renders two labelled date inputs, each bounding the other', async () => {
    const page = await renderPage(app)
    expect(page.innerHTML('period')).toContain(
      '<input type="date" data-part="start" name="hd:period.start_date" form="hd-app-form" value="2024-05-01" min="2024-01-01" max="2024-05-08" aria-label="Start Date"'
    )
    expect(page.innerHTML('period')).toContain(
      '<input type="date" data-part="end" name="hd:period.end_date" form="hd-app-form" value="2024-05-08" min="2024-05-01" max="2024-12-31" aria-label="End Date"'
    )
  })
})

describe('dcc.RangeSlider (price-range: 0..100 step 5, allowCross=false)', () => {
  it.each([
    [[-5, 60], 'handle 1: -5 is less than min (0)'],
    [[20, 62], 'handle 2: 62 is not a step of 5 from 0'],
    [[60, 20], '[60, 20] is not in order, and the handles may not cross'],
    [[], 'Too small: expected array to have >=1 items'],
    [5, 'Invalid input: expected array, received number'],
  ])('refuses %j with 422', async (value, why) => {
    const { res } = await send({ 'price-range.value': value })
    expect([res.status, res.html]).toEqual([422, `Invalid value for 'price-range.value': ${why}`])
  })

  it('delivers [lo, hi]', async () => {
    const { res, page } = await send({ 'price-range.value': [35, 80] })
    expect(res.status).toBe(200)
    expect(output(page)[4]).toBe('price-range: [35, 80]')
  })

  const crossing = (props: Record<string, unknown>) => {
    const a = createApp({
      layout: (
        <div>
          <dcc.RangeSlider id="r" min={0} max={10} value={[2, 8]} {...props} />
          <dcc.Input id="qty" type="number" />
          <p id="out" />
        </div>
      ),
    })
    a.callback(Output('out', 'children'), [Input('r', 'value'), Input('qty', 'value')], (v) =>
      JSON.stringify(v)
    )
    return a
  }
  it('sorts a crossed value when allowCross is true (the default)', async () => {
    const { res, page } = await send({ 'r.value': [8, 2] }, crossing({}))
    expect([res.status, page.text('out')]).toEqual([200, '[2,8]'])
  })
  it('refuses handles closer than pushable', async () => {
    const { res } = await send({ 'r.value': [4, 5] }, crossing({ pushable: 2 }))
    expect(res.html).toBe("Invalid value for 'r.value': handles 4 and 5 are closer than pushable (2)")
    expect((await send({ 'r.value': [3, 5] }, crossing({ pushable: 2 }))).res.status).toBe(200)
  })

  it('renders one labelled native range per handle over one track', async () => {
    const page = await renderPage(app)
    const thumbs = page.innerHTML('price-range').match(/<input [^>]*>/g)
    expect(thumbs).toEqual([
      '<input type="range" min="0" max="100" step="5" value="20" name="hd:price-range.value" form="hd-app-form" aria-label="Lower bound">',
      '<input type="range" min="0" max="100" step="5" value="60" name="hd:price-range.value" form="hd-app-form" aria-label="Upper bound">',
    ])
    expect(page.attr('price-range', 'style')).toBe('--hd-lo:20%;--hd-hi:60%')
    expect(page.attr('price-range', 'data-allow-cross')).toBe('false')
  })
})

describe('dcc.Slider step=null (snap: marks 0, 10, 50, 100)', () => {
  it.each([
    [47, 'snap: 50'],
    [8, 'snap: 10'],
    [100, 'snap: 100'],
  ])('takes the nearest mark of %j (a page without JavaScript posts any number)', async (value, line) => {
    const { res, page } = await send({ 'snap.value': value })
    expect(res.status).toBe(200)
    expect(output(page)[5]).toBe(line)
  })

  it('refuses a value outside the bounds', async () => {
    const { res } = await send({ 'snap.value': 101 })
    expect(res.html).toBe("Invalid value for 'snap.value': 101 is more than max (100)")
  })

  it('renders step="any" with the marks to snap to, a tooltip and the mark label as the spoken value', async () => {
    const page = await renderPage(app)
    expect(page.innerHTML('snap')).toContain(
      '<input type="range" min="0" max="100" step="any" value="50" aria-valuetext="half" name="hd:snap.value" form="hd-app-form" aria-label="snap">'
    )
    expect(page.attr('snap', 'data-snap')).toBe('[0,10,50,100]')
    expect(page.innerHTML('snap')).toContain(
      '<output class="hd-slider-tooltip hd-always" data-placement="top" style="left:50%">50</output>'
    )
  })
})
