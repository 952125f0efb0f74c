/**
 * @module upload.test
 * The upload route (src/server/upload-route.ts): multipart only, bounded by the app's
 * `maxUploadBytes` (with or without Content-Length) and the component's `max_size`/`min_size`,
 * validated as an update (signatures, allow-list), CSRF-guarded; a good upload runs the callbacks
 * with `contents` as a data URL, and `contents` never enters the page's state.
 */
import { Window } from 'happy-dom'
import { describe, expect, it, vi } from 'vitest'
import { createApp, Input, Output, State } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'

vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1) })
const secret = 'http-upload-test-secret-0123456789'

function makeApp(upload: Record<string, unknown> = {}) {
  const app = createApp({
    secret,
    maxUploadBytes: 4096,
    layout: (
      <div>
        <dcc.Upload id="up" max_size={1000} {...upload}>
          Drop here
        </dcc.Upload>
        <p id="out" />
      </div>
    ),
  })
  app.callback(
    Output('out', 'children'),
    [Input('up', 'contents')],
    [State('up', 'filename'), State('up', 'last_modified')],
    (contents, filename, modified) => JSON.stringify({ contents, filename, modified })
  )
  return app
}
const app = makeApp()

/** The update request the page's extension would put in the `hd` field, for the files chosen. */
async function hdField(
  a = app,
  values: Record<string, unknown> = { contents: null, filename: 'a.txt', last_modified: 1700000000 }
) {
  const html = await (await a.request('/')).text()
  const doc = new Window().document
  doc.body.innerHTML = html.slice(html.indexOf('<body'))
  const components: Record<string, unknown> = {}
  for (const el of doc.querySelectorAll('[data-hd]')) {
    const state = el.getAttribute('data-hd')!
    const read = Object.keys(JSON.parse(state).read)
    components[el.id] = {
      state,
      sig: el.getAttribute('data-hd-sig'),
      parent: null,
      values: Object.fromEntries(read.map((k) => [k, el.id === 'up' ? (values[k] ?? null) : null])),
    }
  }
  return { changed: ['up.contents'], components }
}

function form(hd: unknown, files: File[] = [new File(['hello'], 'a.txt', { type: 'text/plain' })]) {
  const f = new FormData()
  if (hd !== undefined) f.append('hd', typeof hd === 'string' ? hd : JSON.stringify(hd))
  for (const file of files) f.append('file', file)
  return f
}

const post = (body: BodyInit, headers: Record<string, string> = {}, a = app) =>
  a.request('/_hd/upload', { method: 'POST', body, headers: { 'HD-Upload': '1', ...headers } })

describe('a good upload', () => {
  it('runs the callbacks with contents as a data URL, filename from the part, last_modified as read', async () => {
    const res = await post(form(await hdField()))
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(
      '<template id="out" hx-swap-oob="hd" hd-children="" hd-cb="0">' +
        '{&quot;contents&quot;:&quot;data:text/plain;base64,aGVsbG8=&quot;,&quot;filename&quot;:&quot;a.txt&quot;,' +
        '&quot;modified&quot;:1700000000}</template>'
    )
  })

  it('multiple: lists, one entry per file; a file without type is application/octet-stream', async () => {
    const many = makeApp({ multiple: true })
    const hd = await hdField(many, { contents: null, filename: ['a.txt', 'b'], last_modified: [1, 2] })
    const res = await post(
      form(hd, [new File(['x'], 'a.txt', { type: 'text/plain' }), new File(['yz'], 'b')]),
      {},
      many
    )
    expect(res.status).toBe(200)
    expect(await res.text()).toContain(
      '{&quot;contents&quot;:[&quot;data:text/plain;base64,eA==&quot;,&quot;data:application/octet-stream;base64,eXo=&quot;],' +
        '&quot;filename&quot;:[&quot;a.txt&quot;,&quot;b&quot;],&quot;modified&quot;:[1,2]}'
    )
  })

  it('the page never carries contents: not in the signed state, and a JSON update cannot send one', async () => {
    const html = await (await app.request('/')).text()
    expect(html).toContain('hx-post="/_hd/upload"')
    const hd = await hdField()
    ;(hd.components['up'] as { values: Record<string, unknown> }).values['contents'] =
      'data:text/plain;base64,aGVsbG8='
    const res = await app.request('/_hd/update', {
      method: 'POST',
      body: JSON.stringify(hd),
      headers: { 'Content-Type': 'application/json' },
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toBe(
      "Invalid value for 'up.contents': Too big: expected string to have <=0 characters"
    )
  })
})

describe('refusals', () => {
  it.each([
    ['application/json', '{}'],
    ['application/x-www-form-urlencoded', 'hd=%7B%7D'],
    ['text/plain', 'hello'],
  ])('415 for %s', async (type, body) => {
    const res = await post(body, { 'Content-Type': type })
    expect([res.status, await res.text()]).toEqual([
      415,
      `The upload route takes multipart/form-data sent by dcc.Upload, not '${type}'. Updates without files go to the update route as JSON (docs/wire.md).`,
    ])
  })

  it('413 past the component max_size, naming the file and the limit', async () => {
    const res = await post(form(await hdField(), [new File([new Uint8Array(1500)], 'big.bin')]))
    expect([res.status, await res.text()]).toEqual([
      413,
      "Upload refused: 'big.bin' is 1.5 KB, larger than this upload accepts (1000 bytes, its max_size). Choose a smaller file.",
    ])
  })

  it('413 past the app-wide maxUploadBytes, before buffering more: declared length', async () => {
    const big = makeApp({ max_size: -1 })
    const res = await post(form(await hdField(big), [new File([new Uint8Array(5000)], 'big.bin')]), {}, big)
    expect([res.status, await res.text()]).toEqual([
      413,
      'Upload refused: it is larger than 4 KB, the most this app accepts at once (its `maxUploadBytes`). Choose a smaller file.',
    ])
  })

  it('413 past maxUploadBytes for a streamed body without Content-Length; the stream is not read to its end', async () => {
    let pulled = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++
        if (pulled > 1000) return c.close()
        c.enqueue(new Uint8Array(1024))
      },
    })
    const res = await app.fetch(
      new Request('http://localhost/_hd/upload', {
        method: 'POST',
        body: stream,
        headers: { 'HD-Upload': '1', 'Content-Type': 'multipart/form-data; boundary=x' },
        duplex: 'half',
      } as RequestInit)
    )
    expect(res.status).toBe(413)
    expect(pulled).toBeLessThan(10)
  })

  it('422 under min_size', async () => {
    const small = makeApp({ min_size: 10 })
    const res = await post(form(await hdField(small)), {}, small)
    expect([res.status, await res.text()]).toEqual([
      422,
      "Upload refused: 'a.txt' is 5 bytes, smaller than this upload accepts (10 bytes, its min_size).",
    ])
  })

  it('400 for two files when multiple is false', async () => {
    const res = await post(form(await hdField(), [new File(['a'], 'a'), new File(['b'], 'b')]))
    expect([res.status, await res.text()]).toEqual([
      400,
      "'up' takes one file (its multiple is false), not 2.",
    ])
  })

  it.each([
    ['no hd field', undefined, "The upload has no field 'hd' holding the update request."],
    ['hd not JSON', '{nope', "The upload's field 'hd' is not valid JSON."],
    ['hd of the wrong shape', { changed: 'x' }, 'The update request is malformed:'],
    [
      'a changed prop of another component',
      { changed: [], components: {} },
      'An upload must change the props of exactly one dcc.Upload (its contents, filename or last_modified).',
    ],
  ])('400 for %s', async (_, hd, message) => {
    const res = await post(form(hd))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain(message)
  })

  it('400 for a forged state (the signature is checked as for updates)', async () => {
    const hd = await hdField()
    const up = hd.components['up'] as { state: string }
    up.state = up.state.replace('"max_size":1000', '"max_size":-1')
    const res = await post(form(hd, [new File([new Uint8Array(1500)], 'big.bin')]))
    expect(res.status).toBe(400)
    expect(await res.text()).toMatch(/^The state of component 'up' has a wrong signature/)
  })

  it('400 without the HD-Upload header (a cross-site form cannot set it)', async () => {
    const res = await app.request('/_hd/upload', { method: 'POST', body: form(await hdField()) })
    expect([res.status, await res.text()]).toEqual([
      400,
      "An upload must carry the header 'HD-Upload: 1', as dcc.Upload's requests do.",
    ])
  })

  it('403 from another origin', async () => {
    const res = await post(form(await hdField()), {
      'Sec-Fetch-Site': 'cross-site',
      Origin: 'https://evil.example',
    })
    expect(res.status).toBe(403)
  })

  it('405 for GET', async () => {
    const res = await app.request('/_hd/upload')
    expect([res.status, res.headers.get('allow')]).toEqual([405, 'POST'])
  })
})
