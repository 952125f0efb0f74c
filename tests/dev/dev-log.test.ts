/**
 * The dev log: a ring buffer of the last requests, fed by the app's observers, with what each
 * callback did (ran, skipped, failed, deferred) and how long it took; the dev page shows it.
 */
import './dev-env.ts'
import { describe, expect, it } from 'vitest'
import type { CallbackSpec } from '../../src/core/callback.ts'
import type { UpdateEvent } from '../../src/server/context.ts'
import { DEV_LOG_SIZE, DevLog, devLogOf } from '../../src/server/dev-route.ts'
import { app as noUpdateApp } from '../../examples/no-update-button.tsx'
import { renderPage } from '../../src/testing.ts'
import { failingApp } from './fixtures/failing-app.tsx'
import { callbackNodes, devPage, markedProps, requestRows } from './helpers.ts'

const event = (n: number): UpdateEvent => ({
  kind: 'update',
  requestId: `r${n}`,
  at: n,
  ms: 1,
  status: 200,
  results: [],
  deferred: [],
})

/** One run as `name status changed → written`, for exact comparisons. */
const runs = (log: DevLog, i = 0) =>
  log
    .list()
    [i]!.runs.map(
      (r) =>
        `${r.name} ${r.status} [${r.changed.join(',')}] → [${r.written.join(',')}]${r.initial ? ' initial' : ''}`
    )

const noMs = (s: string) => s.replace(/\d+(\.\d+)? ms/, 'N ms')

async function started(options: { dev?: boolean } = {}) {
  const app = failingApp(options)
  const page = await renderPage(app)
  /** A click on `go` as the browser sends it, with `n_clicks` set to `n` and `extra` added to the body. */
  const post = async (n: number | null, extra: Record<string, unknown> = {}) => {
    const body = await page.prepare({ click: 'go' })
    body.components['go']!.values!['n_clicks'] = n
    return page.send({ ...body, ...extra })
  }
  return { app, post, log: devLogOf(app.context) }
}

describe('the ring buffer', () => {
  it(`keeps the last ${DEV_LOG_SIZE} requests, newest first, numbered in order`, () => {
    const log = new DevLog()
    for (let n = 1; n <= 60; n++) log.record(event(n))
    const kept = log.list()
    expect(kept.length).toBe(50)
    expect(kept.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 60 - i))
    expect(kept[0]!.requestId).toBe('r60')
    expect(log.find('r11')!.seq).toBe(11)
    expect(log.find('r10')).toBe(undefined)
  })

  it('keeps a smaller number when asked', () => {
    const log = new DevLog(3)
    for (let n = 1; n <= 5; n++) log.record(event(n))
    expect(log.list().map((r) => r.requestId)).toEqual(['r5', 'r4', 'r3'])
  })

  it('records deferred callbacks after the ones that ran, with no time', () => {
    const log = new DevLog()
    const cb = { index: 4, name: 'later' } as CallbackSpec
    log.record({ ...event(1), deferred: [{ cb, changed: ['a.value'] }] })
    expect(log.list()[0]!.runs).toEqual([
      {
        index: 4,
        name: 'later',
        status: 'deferred',
        ms: null,
        changed: ['a.value'],
        written: [],
        initial: false,
        error: null,
      },
    ])
  })
})

describe('what the app records', () => {
  it('records the page load: initial calls that updated, returned noUpdate or threw PreventUpdate', async () => {
    const { log } = await started()
    const [page] = log.list()
    expect(page!.kind).toBe('page')
    expect(page!.status).toBe(200)
    expect(runs(log).sort()).toEqual([
      'count updated [] → [total.children] initial',
      'follow updated [total.children] → [after.children]', // R11: the trigger absorbed its initial call
      'hold prevented [] → [] initial',
      'stay_quiet noUpdate [] → [] initial',
    ])
  })

  it('records an update, then a failing one with its message and without what depends on the failed output', async () => {
    const { post, log } = await started()
    expect((await post(1)).status).toBe(200)
    expect(runs(log).sort()).toEqual([
      'count updated [go.n_clicks] → [total.children]',
      'follow updated [total.children] → [after.children]',
      'hold prevented [go.n_clicks] → []',
      'stay_quiet noUpdate [go.n_clicks] → []',
    ])
    expect((await post(2)).status).toBe(200)
    const failed = log.list()[0]!
    expect(failed.kind).toBe('update')
    expect(runs(log).sort()).toEqual([
      'count error [go.n_clicks] → []',
      'hold prevented [go.n_clicks] → []',
      'stay_quiet noUpdate [go.n_clicks] → []',
    ])
    expect(failed.runs.find((r) => r.name === 'count')!.error).toBe(
      "Cannot read properties of null (reading 'join')"
    )
    expect(log.list().map((r) => r.kind)).toEqual(['update', 'update', 'page'])
  })

  it('records how long each callback and each request took', async () => {
    const { post, log } = await started()
    await post(1)
    for (const request of log.list()) {
      expect(Number.isFinite(request.ms)).toBe(true)
      for (const run of request.runs) {
        expect(run.ms).toBeGreaterThanOrEqual(0)
        // A request lasts at least as long as any one of its callbacks.
        expect(request.ms).toBeGreaterThanOrEqual(run.ms!)
      }
    }
  })

  it('records a callback left waiting on a request in flight as deferred (R14)', async () => {
    const { post, log } = await started()
    // Another request started by the same button is in flight: follow's Input may still change there.
    await post(1, { pending: { changed: ['go.n_clicks'] } })
    // The browser asked for it again at once (nothing it knows of is in flight): the newest request.
    expect(runs(log)).toEqual(['follow updated [total.children] → [after.children]'])
    expect(runs(log, 1).sort()).toEqual([
      'count updated [go.n_clicks] → [total.children]',
      'follow deferred [total.children] → []',
      'hold prevented [go.n_clicks] → []',
      'stay_quiet noUpdate [go.n_clicks] → []',
    ])
  })

  it('records a request where nothing changed with its 204', async () => {
    const page = await renderPage(noUpdateApp)
    const body = await page.prepare({ click: 'show-secret' })
    body.components['show-secret']!.values!['n_clicks'] = null
    const res = await page.send(body)
    expect(res.status).toBe(204)
    const last = devLogOf(noUpdateApp.context).list()[0]!
    expect([last.kind, last.status, last.runs.map((r) => `${r.name} ${r.status}`)]).toEqual([
      'update',
      204,
      ['update_output noUpdate'],
    ])
  })

  it('is not kept in production', async () => {
    const app = failingApp({ dev: false })
    await app.request('/')
    expect(app.context.observers.length).toBe(0)
  })
})

describe('the dev page shows the log', () => {
  it('colours the graph by the newest request and lists every request, the shown one marked', async () => {
    const { app, post } = await started()
    await post(1)
    await post(2)
    const doc = await devPage(app)
    expect(callbackNodes(doc).map(noMs)).toEqual([
      'count: hd-st-error | error · N ms',
      'stay_quiet: hd-st-noUpdate | no update · N ms',
      'hold: hd-st-prevented | PreventUpdate · N ms',
      'follow: hd-st-idle | #3',
    ])
    expect(markedProps(doc)).toEqual(['go.n_clicks: hd-trigger'])
    const rows = requestRows(doc)
    expect(rows.map((r) => [r.seq, r.kind, r.status, r.selected])).toEqual([
      [3, 'update', '200', true],
      [2, 'update', '200', false],
      [1, 'page', '200', false],
    ])
    expect(rows[0]!.runs.sort()).toEqual(['count error', 'hold PreventUpdate', 'stay_quiet no update'])
    expect(doc.querySelector('.hd-run.hd-st-error .hd-run-error')!.textContent).toBe(
      "Cannot read properties of null (reading 'join')"
    )
    // The edge that carried the trigger is drawn as active; the failed callback's output edge is not.
    expect(
      [...doc.querySelectorAll('.hd-edge.hd-active')].map(
        (e) => `${e.getAttribute('data-from')}>${e.getAttribute('data-to')}`
      )
    ).toEqual(['p:go.n_clicks>cb:0', 'p:go.n_clicks>cb:1', 'p:go.n_clicks>cb:2'])
  })

  it('shows an older request when picked by its id', async () => {
    const { app, post, log } = await started()
    await post(1)
    const first = log.list()[1]!
    const doc = await devPage(app, `/_hd/dev?request=${first.requestId}`)
    expect(callbackNodes(doc).map(noMs)).toEqual([
      'count: hd-st-updated | updated · N ms',
      'stay_quiet: hd-st-noUpdate | no update · N ms',
      'hold: hd-st-prevented | PreventUpdate · N ms',
      'follow: hd-st-updated | updated · N ms',
    ])
    expect(markedProps(doc)).toEqual(['total.children: hd-written', 'after.children: hd-written'])
    expect(requestRows(doc).map((r) => r.selected)).toEqual([false, true])
  })
})
