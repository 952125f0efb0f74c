/**
 * Every value from a browser is checked before any callback runs: unknown ids and props, props no
 * callback reads, wrong types, NaN and Infinity, oversized strings and bodies get a 4xx with a message
 * that says what is wrong; the callback does not run.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { formApp } from './fixtures/form-app.tsx'
import { UPDATE_PATH } from '../../src/protocol/constants.ts'
import { loadPage, ORIGIN, postUpdate, updateJson, type Live } from './helpers.ts'

const { app, runs } = formApp()
let page: Map<string, Live>
beforeAll(async () => {
  page = await loadPage(app)
})

/** Posts an update changing `text.value` with `values` and returns status and body. */
async function post(json: Record<string, unknown>) {
  const before = runs.length
  const res = await postUpdate(app, json)
  return { status: res.status, text: await res.text(), ran: runs.length - before }
}

const valid = {
  'text.value': 'hi',
  'num.value': 3,
  'slider.value': 5,
  'pick.value': ['a'],
  'go.n_clicks': null,
}

describe('a valid update', () => {
  it('runs the callback with the parsed values', async () => {
    const r = await post(updateJson(page, ['text.value'], valid))
    expect(r.status).toBe(200)
    expect(r.ran).toBe(1)
    expect(r.text).toContain(
      '{&quot;text&quot;:&quot;hi&quot;,&quot;num&quot;:3,&quot;slider&quot;:5,&quot;pick&quot;:[&quot;a&quot;],&quot;clicks&quot;:null,&quot;title&quot;:&quot;kept&quot;}'
    )
  })

  it('maps checklist values back to the options own values', async () => {
    const r = await post(updateJson(page, ['pick.value'], { ...valid, 'pick.value': ['3', 'b'] }))
    expect(r.status).toBe(200)
    expect(r.text).toContain('&quot;pick&quot;:[3,&quot;b&quot;]')
  })
})

describe('refused with a 4xx, and no callback runs', () => {
  const cases: [string, () => Record<string, unknown>, number, string][] = [
    [
      'an unknown changed prop',
      () => updateJson(page, ['ghost.value'], valid),
      400,
      "'ghost.value' is not an Input of any callback of this app.",
    ],
    [
      'a prop of a known component that no callback reads',
      () => updateJson(page, ['text.n_submit'], valid),
      400,
      "'text.n_submit' is not an Input of any callback of this app.",
    ],
    [
      'an unknown component id',
      () => {
        const json = updateJson(page, ['text.value'], valid)
        ;(json['components'] as Record<string, unknown>)['ghost'] = {
          state: '{"kind":"div","props":{},"read":{}}',
          sig: 'x'.repeat(27),
          parent: null,
          values: {},
        }
        return json
      },
      400,
      "The state of component 'ghost' has a wrong signature",
    ],
    [
      'a browser prop the kind does not own',
      () => {
        const json = updateJson(page, ['text.value'], valid)
        const c = (json['components'] as Record<string, { values: Record<string, unknown> }>)['text']!
        c.values['disabled'] = true
        return json
      },
      400,
      "'text.disabled' is not a prop the browser owns on a dcc.Input component.",
    ],
    [
      'a browser prop no callback reads',
      () => {
        const json = updateJson(page, ['text.value'], valid)
        ;(json['components'] as Record<string, { values: Record<string, unknown> }>)['text']!.values[
          'n_submit'
        ] = 1
        return json
      },
      400,
      "'text.n_submit' is not an Input or State of any callback, so it may not be sent.",
    ],
    [
      'a string for a number input',
      () => updateJson(page, ['num.value'], { ...valid, 'num.value': '3' }),
      422,
      "Invalid value for 'num.value'",
    ],
    [
      'an object for a text input',
      () => updateJson(page, ['text.value'], { ...valid, 'text.value': { a: 1 } }),
      422,
      "Invalid value for 'text.value'",
    ],
    [
      'a slider value above its max',
      () => updateJson(page, ['slider.value'], { ...valid, 'slider.value': 11 }),
      422,
      "Invalid value for 'slider.value'",
    ],
    [
      'a checklist value that is not an option',
      () => updateJson(page, ['pick.value'], { ...valid, 'pick.value': ['z'] }),
      422,
      "Invalid value for 'pick.value': 'z' is not one of the options",
    ],
    [
      'a negative click count',
      () => updateJson(page, ['go.n_clicks'], { ...valid, 'go.n_clicks': -1 }),
      422,
      "Invalid value for 'go.n_clicks'",
    ],
    [
      'a text longer than 65 536 characters',
      () => updateJson(page, ['text.value'], { ...valid, 'text.value': 'x'.repeat(65_537) }),
      422,
      "Invalid value for 'text.value'",
    ],
  ]
  for (const [name, json, status, message] of cases) {
    it(`${name} → ${status}`, async () => {
      const r = await post(json())
      expect(r.status).toBe(status)
      expect(r.text).toContain(message)
      expect(r.ran).toBe(0)
    })
  }

  it('Infinity (1e999 in JSON) for a number → 422', async () => {
    const json = JSON.stringify(updateJson(page, ['num.value'], { ...valid, 'num.value': 12345 })).replace(
      '12345',
      '1e999'
    )
    const before = runs.length
    const res = await postUpdate(app, json)
    expect(res.status).toBe(422)
    expect(await res.text()).toContain(
      "Invalid value for 'num.value': Invalid input: expected number, received Infinity"
    )
    expect(runs.length).toBe(before)
  })

  it('NaN, which JSON cannot carry → 400', async () => {
    const json = JSON.stringify(updateJson(page, ['num.value'], { ...valid, 'num.value': 12345 })).replace(
      '12345',
      'NaN'
    )
    const res = await postUpdate(app, json)
    expect(res.status).toBe(400)
    expect(await res.text()).toBe('The update request body is not valid JSON.')
  })

  it('a form body (what the extension sent before the JSON body) → 415 naming the content type', async () => {
    const res = await postUpdate(app, new URLSearchParams({ other: '1' }), {
      'Content-Type': 'application/x-www-form-urlencoded',
    })
    expect(res.status).toBe(415)
    expect(await res.text()).toContain('The update request must be JSON (Content-Type: application/json)')
  })
})

describe('the body limit', () => {
  it('refuses a body over 1 MB by default with 413', async () => {
    const res = await postUpdate(app, JSON.stringify('x'.repeat(1024 * 1024)))
    expect(res.status).toBe(413)
    expect(await res.text()).toBe(
      "The update request is larger than 1048576 bytes (the app's `maxBodyBytes`)."
    )
  })

  it('counts a body sent without Content-Length (a stream) too', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024))
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent++ < 40) ctrl.enqueue(chunk)
        else ctrl.close()
      },
    })
    const req = new Request(ORIGIN + UPDATE_PATH, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'Content-Type': 'application/json' },
    } as RequestInit)
    const res = await app.fetch(req)
    expect(res.status).toBe(413)
    // It stopped reading once over the limit: 17 chunks of 64 KB, not all 40.
    expect(sent).toBeLessThan(40)
  })

  it('refuses a multipart form with 415 before parsing it', async () => {
    const form = new FormData()
    form.set('hd', JSON.stringify(updateJson(page, ['text.value'], valid)))
    const res = await postUpdate(app, form, { Origin: ORIGIN })
    expect(res.status).toBe(415)
  })

  it('takes its size from the maxBodyBytes option', async () => {
    const small = formApp({ maxBodyBytes: 2048 }).app
    const p = await loadPage(small)
    const ok = await postUpdate(small, updateJson(p, ['text.value'], valid))
    expect(ok.status).toBe(200)
    const res = await postUpdate(
      small,
      updateJson(p, ['text.value'], { ...valid, 'text.value': 'y'.repeat(3000) })
    )
    expect(res.status).toBe(413)
    expect(await res.text()).toBe("The update request is larger than 2048 bytes (the app's `maxBodyBytes`).")
  })
})
