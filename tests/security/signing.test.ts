/**
 * Server-owned props travel in the page HMAC-signed: altered, forged or moved state gets 400 and no
 * callback runs. Secrets rotate (newest first); with none configured, a process makes its own and warns.
 */
import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { formApp } from './fixtures/form-app.tsx'
import { liveComponents, loadPage, postUpdate, updateJson, type Live } from './helpers.ts'

const values = { 'go.n_clicks': 1, 'text.value': 'x', 'num.value': 1, 'slider.value': 1, 'pick.value': [] }

async function postWith(
  app: ReturnType<typeof formApp>,
  page: Map<string, Live>,
  edit: (c: Record<string, Record<string, unknown>>) => void
) {
  const json = updateJson(page, ['go.n_clicks'], values)
  edit(json['components'] as Record<string, Record<string, unknown>>)
  const before = app.runs.length
  const res = await postUpdate(app.app, json)
  return { status: res.status, text: await res.text(), ran: app.runs.length - before }
}

describe('tampered state', () => {
  it('an altered server-owned prop → 400; the callback does not run', async () => {
    const app = formApp()
    const page = await loadPage(app.app)
    const r = await postWith(
      app,
      page,
      (c) => (c['label']!['state'] = String(c['label']!['state']).replace('"kept"', '"forged"'))
    )
    expect(r.status).toBe(400)
    expect(r.text).toBe(
      "The state of component 'label' has a wrong signature: it was altered, or signed with another secret. " +
        'Reload the page; if several server processes serve this app, give them the same HYPERDASH_SECRET.'
    )
    expect(r.ran).toBe(0)
  })

  it('a made-up signature → 400', async () => {
    const app = formApp()
    const page = await loadPage(app.app)
    const r = await postWith(app, page, (c) => (c['label']!['sig'] = 'A'.repeat(27)))
    expect(r.status).toBe(400)
    expect(r.ran).toBe(0)
  })

  it("one component's signed state sent as another's → 400 (the id is signed too)", async () => {
    const app = formApp()
    const page = await loadPage(app.app)
    const r = await postWith(app, page, (c) => (c['label'] = { ...c['out']!, parent: null, values: {} }))
    expect(r.status).toBe(400)
    expect(r.text).toContain("The state of component 'label' has a wrong signature")
    expect(r.ran).toBe(0)
  })

  it('the untouched page → 200 and the callback runs with the signed value', async () => {
    const app = formApp()
    const page = await loadPage(app.app)
    const r = await postWith(app, page, () => {})
    expect(r.status).toBe(200)
    expect(r.text).toContain('&quot;title&quot;:&quot;kept&quot;')
    expect(r.ran).toBe(1)
  })
})

describe('secrets', () => {
  afterEach(() => vi.unstubAllEnvs())
  const OLD = 'the-old-secret-0123456789'
  const NEW = 'the-new-secret-0123456789'

  it('rotation: a process with [new, old] accepts pages signed with old, and signs with new', async () => {
    const oldApp = formApp({ secret: OLD })
    const rotated = formApp({ secret: [NEW, OLD] })
    const newOnly = formApp({ secret: NEW })
    const oldPage = await loadPage(oldApp.app)
    expect((await postWith(rotated, oldPage, () => {})).status).toBe(200)
    expect((await postWith(newOnly, oldPage, () => {})).status).toBe(400)
    const rotatedPage = await loadPage(rotated.app)
    expect((await postWith(newOnly, rotatedPage, () => {})).status).toBe(200)
    expect((await postWith(oldApp, rotatedPage, () => {})).status).toBe(400)
  })

  it('HYPERDASH_SECRET: comma-separated, newest first', async () => {
    vi.stubEnv('HYPERDASH_SECRET', `${NEW}, ${OLD}`)
    const fromEnv = formApp({ secret: undefined })
    const oldPage = await loadPage(formApp({ secret: OLD }).app)
    expect((await postWith(fromEnv, oldPage, () => {})).status).toBe(200)
    const envPage = await loadPage(fromEnv.app)
    expect((await postWith(formApp({ secret: NEW }), envPage, () => {})).status).toBe(200)
  })

  it('none configured: a random secret per process, with a warning in production', async () => {
    vi.stubEnv('HYPERDASH_SECRET', '')
    const warnings: string[] = []
    const logger = { error: () => {}, warn: (m: string) => void warnings.push(m), info: () => {} }
    const one = formApp({ secret: undefined, dev: false, logger })
    const two = formApp({ secret: undefined, dev: false, logger })
    expect(warnings.length).toBe(2)
    expect(warnings[0]).toContain(
      'hyperdash: no HYPERDASH_SECRET set; using a random secret for this process.'
    )
    const page = await loadPage(one.app)
    expect((await postWith(one, page, () => {})).status).toBe(200)
    // Another process (here: another app) has another secret and refuses the page.
    expect((await postWith(two, page, () => {})).status).toBe(400)
  })

  it('an example runs in production with no configuration: page, update, and the warning', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1' }
    delete env['HYPERDASH_SECRET']
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/prime-factors.tsx'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      let out = ''
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout!.on('data', () => {
          const m = /running on (http:\/\/\S+?)\/?\s/.exec(out)
          if (m) resolve(m[1]!)
        })
        child.on('exit', (code) => reject(new Error(`the example exited with ${code}: ${out}`)))
      })
      const page = liveComponents(await (await fetch(url + '/')).text())
      const res = await fetch(url + '/_hd/update', {
        method: 'POST',
        body: JSON.stringify(updateJson(page, ['num.value'], { 'num.value': 12 })),
        headers: { 'Content-Type': 'application/json', Origin: url },
      })
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('12 is 2 * 2 * 3')
      expect(out).toContain('hyperdash: no HYPERDASH_SECRET set; using a random secret for this process.')
    } finally {
      child.kill('SIGTERM')
    }
  })
})
