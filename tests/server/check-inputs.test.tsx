/**
 * @module check-inputs.test
 * An Input on a prop that nothing changes (not the browser, not a callback) is refused when the
 * layout shows its kind, and warned about once in development when only a rendered page does.
 */
import { describe, expect, it, vi } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { z } from 'zod'
import { dcc, defineComponent } from '../../views/components/index.ts'

/** A component whose one browser-owned prop no event sends (it travels with other requests). */
const Quiet = defineComponent({
  name: 'test.Quiet',
  props: { n_pokes: z.number().nullable() },
  browser: { n_pokes: { event: null, read: 'counter' } },
  render: (p) => <div id={p.id} {...p.hd} />,
})

const logger = () => ({ error: vi.fn(), warn: vi.fn(), info: vi.fn() })
const layout = (
  <div>
    <div id="my-div">
      <input type="radio" name="r" value="a" />
    </div>
    <dcc.Input id="num" type="number" />
    <Quiet id="quiet" />
    <div id="a" />
    <div id="out" />
  </div>
)

describe('an Input nothing changes', () => {
  it('is refused before the app serves, when the layout shows the kind', async () => {
    const log = logger()
    const app = createApp({ layout, logger: log })
    app.callback(Output('out', 'children'), [Input('my-div', 'value')], (v) => String(v))
    const res = await app.request('/')
    expect(res.status).toBe(500)
    const err = log.error.mock.calls[0]![1] as Error
    expect(err.name).toBe('ConfigError')
    expect(err.message).toBe(
      "Input('my-div', 'value'): `value` of a <div> never changes in the browser, and no callback writes it, " +
        'so the callback never runs after the first page. Its browser-owned props are `n_clicks`, ' +
        '`n_clicks_timestamp`. To read a value the user picks, use a component that owns it (dcc.Input, ' +
        'dcc.Checklist, dcc.Slider…), or one whose definition declares `value` as browser-owned ' +
        '(docs/components.md).'
    )
    expect(() => app.listen({ port: 0, gracefulShutdown: false })).toThrow(/never changes in the browser/)
  })

  it('names a component prop with no browser event', async () => {
    const log = logger()
    const app = createApp({ layout, logger: log })
    app.callback(Output('out', 'children'), [Input('quiet', 'n_pokes')], (v) => String(v))
    expect((await app.request('/')).status).toBe(500)
    expect((log.error.mock.calls[0]![1] as Error).message).toMatch(
      /^Input\('quiet', 'n_pokes'\): `n_pokes` of a test.Quiet has no browser event, and no callback writes it/
    )
  })

  it('is accepted when a callback, registered before or after, writes the prop', async () => {
    const app = createApp({ layout })
    app.callback(Output('out', 'children'), [Input('a', 'children')], (v) => String(v))
    app.callback(Output('a', 'children'), [Input('num', 'value')], (v) => String(v))
    expect((await app.request('/')).status).toBe(200)
  })

  it('is warned about once in development when only a rendered page shows the kind', async () => {
    const log = logger()
    const app = createApp({ layout: () => layout, logger: log, dev: true })
    app.callback(Output('out', 'children'), [Input('my-div', 'value')], (v) => String(v))
    expect((await app.request('/')).status).toBe(200)
    expect((await app.request('/')).status).toBe(200)
    const warned = log.warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('my-div'))
    expect(warned).toEqual([
      expect.stringMatching(/^hyperdash: Input\('my-div', 'value'\): `value` of a <div> never changes/),
    ])
  })
})
