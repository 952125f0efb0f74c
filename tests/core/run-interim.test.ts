/**
 * @module run-interim.test
 * Updates a call reports while it runs (side-updates.ts `CallScope.interim`: a background job's
 * progress and `setProps`): applied and pushed as results at once, in order, before the call's own
 * result; checked like side updates; their consumers run; dropped once the call is superseded.
 */
import { describe, expect, it } from 'vitest'
import { Input, Output } from '../../src/core/dependency.ts'
import { propKey } from '../../src/core/ids.ts'
import { currentCall } from '../../src/core/side-updates.ts'
import type { CallbackResult } from '../../src/core/run.ts'
import { gate, h, TestApp } from './harness.ts'

const layout = h('div', {}, [
  h('button', { id: 'btn' }),
  h('div', { id: 'out', children: 'out' }),
  h('div', { id: 'progress', children: '0' }),
  h('div', { id: 'echo', children: '' }),
])

/** Reports `children` of `id` now, from inside a call. */
const report = (id: string, v: unknown, job?: string) =>
  currentCall()!.interim!({ side: new Map([[propKey(id, 'children'), v]]), ...(job ? { job } : {}) })

const row = (r: CallbackResult) => [r.cb.name, r.status, r.interim ?? false, r.written, r.job ?? null]

describe('interim updates of a running call', () => {
  it('are applied and reported in order, each as it happens, before the call’s result', async () => {
    const app = new TestApp()
    const step = [gate(), gate()]
    const seen: string[] = []
    app.callback(
      'job',
      Output('out', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      async () => {
        report('progress', '1', 'tok')
        await step[0]!.promise
        report('progress', '2')
        await step[1]!.promise
        currentCall()!.job = 'tok'
        return 'done'
      },
      { preventInitialCall: true, sideOutputs: [Output('progress', 'children')] }
    )
    const { page } = await app.load(layout)
    const outcome = app.click(page, 'btn', {
      onResult: (r) => {
        seen.push(`${r.interim ? 'interim' : 'final'} ${page.value('progress.children')}`)
        if (seen.length === 1) step[0]!.open()
        if (seen.length === 2) step[1]!.open()
      },
    })
    const o = await outcome
    expect(o.results.map(row)).toEqual([
      ['job', 'updated', true, ['progress.children'], 'tok'],
      ['job', 'updated', true, ['progress.children'], null],
      ['job', 'updated', false, ['out.children'], 'tok'],
    ])
    expect(seen).toEqual(['interim 1', 'interim 2', 'final 2'])
    expect(page.value('out.children')).toBe('done')
  })

  it('set off their consumers in the same wave, while the call still runs', async () => {
    const app = new TestApp()
    const release = gate()
    app.callback(
      'job',
      Output('out', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      async () => {
        report('progress', '50%')
        await release.promise
        return 'done'
      },
      { preventInitialCall: true }
    )
    app.callback(
      'echo',
      Output('echo', 'children'),
      [Input('progress', 'children')],
      [],
      (p: string) => {
        if (p === '50%') release.open()
        return `saw ${p}`
      },
      { preventInitialCall: true }
    )
    const { page } = await app.load(layout)
    const o = await app.click(page, 'btn')
    expect(o.results.map((r) => [r.cb.name, r.interim ?? false])).toEqual([
      ['job', true],
      ['echo', false],
      ['job', false],
    ])
    expect(page.value('echo.children')).toBe('saw 50%')
  })

  it('are checked like setProps: an id not on the page is an error result, and the call goes on', async () => {
    const app = new TestApp()
    app.callback(
      'job',
      Output('out', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      async () => {
        report('nope', 'x')
        await Promise.resolve()
        return 'done'
      },
      { preventInitialCall: true }
    )
    const { page } = await app.load(layout)
    const o = await app.click(page, 'btn')
    expect(o.results.map((r) => [r.status, r.interim ?? false])).toEqual([
      ['error', true],
      ['updated', false],
    ])
    expect(o.results[0]!.error!.message).toContain("there is no component 'nope' on the page")
  })

  it('reported after the wave was aborted are dropped', async () => {
    const app = new TestApp()
    const ctl = new AbortController()
    app.callback(
      'job',
      Output('out', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      async () => {
        ctl.abort()
        report('progress', 'late')
        return 'done'
      },
      { preventInitialCall: true, sideOutputs: [Output('progress', 'children')] }
    )
    const { page } = await app.load(layout)
    const o = await app.click(page, 'btn', { signal: ctl.signal })
    expect(o.aborted).toBe(true)
    expect(o.results).toEqual([])
    expect(page.value('progress.children')).toBe('0')
  })
})
