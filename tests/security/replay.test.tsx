/**
 * Signed state is bound to its app and expires:
 * - two apps sharing `HYPERDASH_SECRET` (in one process, or two services): a state signed by one is
 *   refused by the other (400, "wrong signature … reload", `HD-Reload: 1`), whether the apps differ
 *   by their callbacks, their base path or their `name`; the same app in another process accepts it;
 * - a state older than `stateMaxAgeSeconds` gets 409 with `HD-Reload: 1`, and no callback runs.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, Input, Output, State } from '../../src/index.ts'
import { UPDATE_PATH } from '../../src/protocol/constants.ts'
import { createSigner, StaleStateError } from '../../src/protocol/state.ts'
import { formApp } from './fixtures/form-app.tsx'
import {
  liveComponents,
  loadPage,
  ORIGIN,
  postUpdate,
  SAME_ORIGIN,
  updateJson,
  type Live,
} from './helpers.ts'

const SECRET = 'one-secret-shared-by-two-apps-0123'
const values = { 'go.n_clicks': 1, 'text.value': 'x', 'num.value': 1, 'slider.value': 1, 'pick.value': [] }
const WRONG = (id: string) =>
  `The state of component '${id}' has a wrong signature: it was altered, or signed with another secret. ` +
  'Reload the page; if several server processes serve this app, give them the same HYPERDASH_SECRET.'

/** App B: another app of the same organisation, with a `label` whose title only its server sets. */
function adminApp(options: { name?: string } = {}) {
  const app = createApp({
    secret: SECRET,
    ...options,
    logger: { error: () => {}, warn: () => {}, info: () => {} },
    layout: (
      <div>
        <button id="go">go</button>
        <div id="label" title="role=admin" />
        <div id="out" />
      </div>
    ),
  })
  app.callback(
    Output('out', 'children'),
    [Input('go', 'n_clicks')],
    [State('label', 'title')],
    (n, t) => `${n} ${t}`
  )
  return app
}

async function post(target: ReturnType<typeof formApp>, json: Record<string, unknown>, path = UPDATE_PATH) {
  const before = target.runs.length
  const res = await target.app.fetch(
    new Request(ORIGIN + path, {
      method: 'POST',
      body: JSON.stringify(json),
      headers: SAME_ORIGIN,
    })
  )
  return {
    status: res.status,
    text: await res.text(),
    reload: res.headers.get('HD-Reload'),
    ran: target.runs.length - before,
  }
}

describe('across apps sharing a secret', () => {
  it("app B's signed state replayed to app A → 400 with the reload message; A's callback does not run", async () => {
    const a = formApp({ secret: SECRET })
    const aPage = await loadPage(a.app)
    const bPage = await loadPage(adminApp())
    // The attack: A's own request, with `label` (a State of A's callback) swapped for B's signed one.
    const json = updateJson(aPage, ['go.n_clicks'], values)
    const c = json['components'] as Record<string, Record<string, unknown>>
    const b = bPage.get('label')!
    c['label'] = { state: b.s, sig: b.g, parent: null, values: {} }
    expect(b.s).toContain('role=admin')
    expect(await post(a, json)).toEqual({ status: 400, text: WRONG('label'), reload: '1', ran: 0 })
    // A's own page is answered.
    expect((await post(a, updateJson(aPage, ['go.n_clicks'], values))).status).toBe(200)
  })

  it('the same app under another base path refuses it (the base path is bound)', async () => {
    const root = formApp({ secret: SECRET })
    const mounted = formApp({ secret: SECRET })
    const site = mounted.app.mountAt('/tenant')
    const page = liveComponents(await (await site.request('http://localhost/')).text())
    const json = updateJson(page, ['go.n_clicks'], values)
    expect((await post(root, json)).status).toBe(400)
    const own = await site.request('http://localhost' + UPDATE_PATH, {
      method: 'POST',
      body: JSON.stringify(json),
      headers: SAME_ORIGIN,
    })
    expect(own.status).toBe(200)
  })

  it('the same code with another `name` refuses it; with the same name (another process) accepts it', async () => {
    const acme = await loadPage(formApp({ secret: SECRET, name: 'acme' }).app)
    const other = formApp({ secret: SECRET, name: 'globex' })
    const sameName = formApp({ secret: SECRET, name: 'acme' })
    expect((await post(other, updateJson(acme, ['go.n_clicks'], values))).status).toBe(400)
    expect((await post(sameName, updateJson(acme, ['go.n_clicks'], values))).status).toBe(200)
  })

  it('the same code without a name (another worker of a cluster) accepts it: the graph fingerprint matches', async () => {
    const page = await loadPage(formApp({ secret: SECRET }).app)
    expect((await post(formApp({ secret: SECRET }), updateJson(page, ['go.n_clicks'], values))).status).toBe(
      200
    )
  })
})

describe('maximum age', () => {
  afterEach(() => vi.useRealTimers())
  const T0 = Date.UTC(2026, 0, 1)

  it('state older than stateMaxAgeSeconds → 409 with HD-Reload; within it → 200', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 })
    const app = formApp({ stateMaxAgeSeconds: 60 })
    const page: Map<string, Live> = await loadPage(app.app)
    vi.setSystemTime(T0 + 59_000)
    expect((await post(app, updateJson(page, ['go.n_clicks'], values))).status).toBe(200)
    vi.setSystemTime(T0 + 61_000)
    expect(await post(app, updateJson(page, ['go.n_clicks'], values))).toEqual({
      status: 409,
      text:
        "This page is older than 60 seconds (the app's `stateMaxAgeSeconds`): its signed state has expired. " +
        'Reload the page.',
      reload: '1',
      ran: 0,
    })
  })

  it('defaults to 24 hours', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 })
    const app = formApp()
    const page = await loadPage(app.app)
    vi.setSystemTime(T0 + 23.9 * 3600_000)
    expect((await postUpdate(app.app, updateJson(page, ['go.n_clicks'], values))).status).toBe(200)
    vi.setSystemTime(T0 + 24.1 * 3600_000)
    expect((await postUpdate(app.app, updateJson(page, ['go.n_clicks'], values))).status).toBe(409)
  })

  it('the issue time is signed: moving it forward breaks the signature', () => {
    let now = T0
    const signer = createSigner([SECRET], { maxAgeSeconds: 60, now: () => now })
    const sig = signer.sign('x', '{}')
    now += 120_000
    expect(() => signer.verify('x', '{}', sig)).toThrow(StaleStateError)
    const fresh = Math.floor(now / 1000).toString(36)
    expect(signer.verify('x', '{}', fresh + sig.slice(sig.indexOf('.')))).toBe(false)
  })
})
