/**
 * @module background/web.test
 * Background callbacks through the update route, on the embedded backend (the BullMQ backend runs
 * the same contract: backends.test.ts, cluster.test.ts): the answer streams `running`, each progress
 * update as it happens, then the result and `progressDefault`; the page holds the job's token, so a
 * cancel Input stops it, a new call supersedes it, and a re-attach resumes it without running it again.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { createApp, Input, Output, setProps, State } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'
import { renderPage } from '../../src/testing.ts'

const STEP_MS = 40

/** A promise opened by hand (the test decides when a job goes on: no race with the clock). */
function gate() {
  let open!: () => void
  const promise = new Promise<void>((r) => (open = r))
  return { promise, open }
}

/** Resolves when `signal` aborts. */
const aborted = (signal: AbortSignal) =>
  new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener('abort', () => r())))

function makeApp(stepMs = STEP_MS) {
  const runs: number[] = []
  /** Set by a test: the job waits for it after its first step. */
  const hold: { gate: ReturnType<typeof gate> | null } = { gate: null }
  const app = createApp({
    secret: 'background-web-test-secret-0123456789',
    streamAfterMs: 5,
    layout: (
      <div>
        <button id="run">run</button>
        <button id="cancel">cancel</button>
        <dcc.Input id="steps" type="number" value={3} />
        <progress id="progress" value="0" max="3" />
        <p id="progress-text" />
        <p id="result" />
      </div>
    ),
  })
  app.callback(
    Output('result', 'children'),
    [Input('run', 'n_clicks')],
    [State('steps', 'value')],
    async (n, steps, ctx) => {
      const total = Number(steps)
      runs.push(n as number)
      let k = 0
      for (; k < total; k++) {
        await new Promise((r) => setTimeout(r, stepMs))
        if (ctx.signal.aborted) return 'aborted'
        ctx.setProgress([k + 1, `step ${k + 1} of ${total}`])
        if (k === 0 && hold.gate) await Promise.race([hold.gate.promise, aborted(ctx.signal)])
        if (ctx.signal.aborted) return 'aborted'
      }
      return `done in ${k} steps`
    },
    {
      background: true,
      preventInitialCall: true,
      progress: [Output('progress', 'value'), Output('progress-text', 'children')],
      progressDefault: [0, ''],
      running: [[Output('run', 'disabled'), true, false]],
      cancel: Input('cancel', 'n_clicks'),
    }
  )
  return { app, runs, hold }
}

/** Waits until `ok()` holds (the page applies a stream as it arrives), at most 5 s. */
async function until(ok: () => boolean): Promise<void> {
  const end = Date.now() + 5000
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out waiting for the page')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('a background callback', () => {
  const { app, runs } = makeApp()
  afterAll(() => app.close())

  it('streams each progress update, then the result and progressDefault', async () => {
    runs.length = 0
    const page = await renderPage(app)
    const res = await page.click('run', { stream: true })
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    const texts = res.fragments.flatMap((f) =>
      f.swap === 'children' && f.id === 'progress-text' ? [f.html] : []
    )
    expect(texts).toEqual(['step 1 of 3', 'step 2 of 3', 'step 3 of 3', ''])
    expect(page.text('result')).toBe('done in 3 steps')
    expect(page.text('progress-text')).toBe('')
    expect(page.attr('run', 'disabled')).toBeNull()
    expect(runs).toEqual([1])
  })

  it('answers at once, result and progressDefault, to a client that takes no stream', async () => {
    const page = await renderPage(app)
    const res = await page.click('run')
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    expect(page.text('result')).toBe('done in 3 steps')
    expect(page.text('progress-text')).toBe('')
  })

  it('is disabled while running (running), and the page holds the job token until it ends', async () => {
    const page = await renderPage(app)
    const running = page.click('run', { stream: true })
    await until(() => page.text('progress-text') === 'step 1 of 3')
    expect(page.attr('run', 'disabled')).toBe('')
    await running
    expect(page.attr('run', 'disabled')).toBeNull()
  })

  it('stops when a cancel Input fires: the job sees its signal, the page gets progressDefault', async () => {
    runs.length = 0
    const page = await renderPage(app)
    const running = page.click('run', { stream: true })
    await until(() => page.text('progress-text') === 'step 1 of 3')
    const cancel = await page.click('cancel')
    expect(cancel.request.jobs).toHaveLength(1)
    const res = await running
    expect(page.text('result')).toBe('')
    expect(page.text('progress-text')).toBe('')
    expect(page.attr('run', 'disabled')).toBeNull()
    const texts = res.fragments.flatMap((f) =>
      f.swap === 'children' && f.id === 'progress-text' ? [f.html] : []
    )
    expect(texts.at(-1)).toBe('')
    expect(texts).not.toContain('step 3 of 3')
  })
})

describe('a background job the page comes back to', () => {
  const { app, runs, hold } = makeApp()
  afterAll(() => app.close())

  it('re-attaches with its token: the progress goes on from where it is, and nothing runs again', async () => {
    runs.length = 0
    hold.gate = gate()
    const first = await renderPage(app)
    const started = first.click('run', { stream: true })
    await until(() => first.text('progress-text') === 'step 1 of 3')
    // The tokens the page holds travel with its requests (here one captured, never sent).
    const held = (await first.prepare({ click: 'cancel' })).jobs ?? []
    expect(held).toHaveLength(1)
    // Another page (a reload, another web process) asks for the same job by its token.
    const second = await renderPage(app)
    const body = await second.prepare({ click: 'run' }, { wholePage: true })
    const attached = second.send(
      { components: body.components, reask: [{ callback: 0, changed: [] }], attach: held },
      { stream: true }
    )
    // The job goes on only once the second page is attached (its first message holds step 1).
    await until(() => second.text('progress-text') === 'step 1 of 3')
    hold.gate.open()
    hold.gate = null
    const res = await attached
    const texts = res.fragments.flatMap((f) =>
      f.swap === 'children' && f.id === 'progress-text' ? [f.html] : []
    )
    expect(texts.at(-1)).toBe('')
    expect(texts).toContain('step 3 of 3')
    expect(second.text('result')).toBe('done in 3 steps')
    await started
    expect(runs).toEqual([1])
  })

  it('refuses a forged token with 400', async () => {
    const page = await renderPage(app)
    const body = await page.prepare({ click: 'run' }, { wholePage: true })
    const res = await page.send({ ...body, jobs: ['eyJ4Ijo.1.forged'] })
    expect(res.status).toBe(400)
    expect(res.html).toContain('not one this app signed')
  })
})

describe('background callbacks: supersede, errors, cache, setProps', () => {
  const seen: string[] = []
  let cachedRuns = 0
  const app = createApp({
    secret: 'background-web-test-secret-0123456789',
    streamAfterMs: 5,
    layout: (
      <div>
        <button id="go">go</button>
        <p id="out" />
        <button id="fail">fail</button>
        <p id="fail-out" />
        <dcc.Input id="q" value="a" />
        <button id="cached">cached</button>
        <p id="cached-out" />
        <button id="side">side</button>
        <p id="side-out" />
        <p id="note" />
      </div>
    ),
  })
  app.callback(
    Output('out', 'children'),
    [Input('go', 'n_clicks')],
    async (n, ctx) => {
      // Reported at once: by the time the page shows it, it holds the job's token.
      ctx.setProgress(`job ${n} started`)
      await Promise.race([n === 1 ? new Promise(() => {}) : Promise.resolve(), aborted(ctx.signal)])
      if (ctx.signal.aborted) {
        seen.push(`job ${n} stopped`)
        return 'stopped'
      }
      seen.push(`job ${n} done`)
      return `job ${n}`
    },
    { background: true, preventInitialCall: true, progress: Output('out', 'title') }
  )
  app.callback(
    Output('fail-out', 'children'),
    [Input('fail', 'n_clicks')],
    async () => {
      await new Promise((r) => setTimeout(r, STEP_MS))
      throw new Error('the report server is down')
    },
    {
      background: true,
      preventInitialCall: true,
      onError: (err) => `failed: ${(err as Error).message}`,
    }
  )
  app.callback(
    Output('cached-out', 'children'),
    [Input('cached', 'n_clicks')],
    [State('q', 'value')],
    async (_n, q) => {
      cachedRuns++
      await new Promise((r) => setTimeout(r, STEP_MS))
      return `result for ${q}`
    },
    { background: true, preventInitialCall: true, cacheBy: [() => 'v1'], cacheExpire: 60 }
  )
  app.callback(
    Output('side-out', 'children'),
    [Input('side', 'n_clicks')],
    async () => {
      setProps('note', { children: 'halfway' })
      await new Promise((r) => setTimeout(r, STEP_MS))
      return 'side done'
    },
    { background: true, preventInitialCall: true }
  )
  afterAll(() => app.close())

  it('a new call supersedes the running one: its job is cancelled and its late result dropped', async () => {
    seen.length = 0
    const page = await renderPage(app)
    // The first job waits until it is cancelled: only the second call can stop it.
    const first = page.click('go', { stream: true })
    await until(() => page.attr('out', 'title') === 'job 1 started')
    const second = await page.click('go', { stream: true })
    await first.catch(() => null)
    expect(second.request.jobs).toHaveLength(1)
    expect(page.text('out')).toBe('job 2')
    await until(() => seen.length === 2)
    expect(seen).toEqual(['job 1 stopped', 'job 2 done'])
  })

  it('a job that throws: onError gives the outputs', async () => {
    const page = await renderPage(app)
    await page.click('fail', { stream: true })
    expect(page.text('fail-out')).toBe('failed: the report server is down')
  })

  it('cacheBy: an equal call is answered from the finished job, not run again', async () => {
    cachedRuns = 0
    const page = await renderPage(app)
    await page.click('cached')
    expect(page.text('cached-out')).toBe('result for a')
    const again = await renderPage(app)
    await again.click('cached')
    expect(again.text('cached-out')).toBe('result for a')
    expect(cachedRuns).toBe(1)
    again.setValue('q', 'b')
    await again.click('cached')
    expect(again.text('cached-out')).toBe('result for b')
    expect(cachedRuns).toBe(2)
  })

  it('setProps inside a job reaches the page while the job runs', async () => {
    const page = await renderPage(app)
    const res = await page.click('side', { stream: true })
    expect(res.messages.findIndex((m) => m.includes('halfway'))).toBeLessThan(
      res.messages.findIndex((m) => m.includes('side done'))
    )
    expect(page.text('note')).toBe('halfway')
    expect(page.text('side-out')).toBe('side done')
  })
})
