/**
 * @module carry.test
 * What requests carry, in Chromium. examples/todo.tsx with many items: an event on one item sends
 * what its MATCH, ALLSMALLER and ALL callbacks read and write (`hd-carry` selectors), not the whole
 * page, and the page shows what the whole page would. And a `setProps` made through a helper
 * function: the callback it sets off is asked for again with the whole page, and every callback runs
 * once.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createApp, Input, Output, setProps, State } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'
import { settled, useApp } from './harness.ts'

/** The components each update request of the page carried, in order. */
function carried(page: Page): string[][] {
  const out: string[][] = []
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/_hd/update'))
      out.push(Object.keys((JSON.parse(r.postData() ?? '{}') as { components: object }).components))
  })
  return out
}

const sel = (type: string, index: number) => `[id='{"index":${index},"type":"${type}"}']`

describe('examples/todo.tsx with many items', () => {
  const todo = useApp(async () => (await import('../../examples/todo.tsx')).app)

  it('an event on one item carries its chain, not the page', async () => {
    const n = 24
    const { page, errors } = await todo.open()
    for (let i = 0; i < n; i++) {
      await page.fill('#new-item', `task ${i}`)
      await page.click('#add')
      await page.waitForFunction(
        (n) => document.querySelectorAll('#list-container .hd-checklist').length === n,
        i + 1
      )
    }
    await settled(page)
    const live = await page.$$eval('[data-hd]', (els) => els.length)
    expect(live).toBe(3 * n + 5)
    const sent = carried(page)
    await page.click(`${sel('done', 7)} input`)
    await settled(page)
    // Every done box and preceding count (ALL, ALLSMALLER consumers), item 7, and the totals.
    expect(sent.length).toBe(1)
    expect(sent[0]!.length).toBe(2 * n + 2)
    expect(sent[0]).toContain(JSON.stringify({ index: 7, type: 'item' }))
    expect(sent[0]).not.toContain(JSON.stringify({ index: 8, type: 'item' }))
    expect(await page.textContent('#totals')).toBe(`1 of ${n} items completed - 4%`)
    expect(await page.getAttribute(sel('item', 7), 'style')).toContain('line-through')
    expect(await page.textContent(sel('preceding', 8))).toBe('1 of 8 preceding items are done')
    // New text typed is no part of an item's chain: it stays in the page.
    await page.fill('#new-item', 'ignored')
    await page.click(`${sel('done', 7)} input`)
    await settled(page)
    expect(sent.length).toBe(2)
    expect(sent[1]).not.toContain('new-item')
    expect(await page.textContent('#totals')).toBe(`0 of ${n} items completed - 0%`)
    expect(errors).toEqual([])
  })
})

/** Defined away from the callback: its code does not call setProps where the closure could see it. */
function report(text: string) {
  setProps('status', { children: text })
}

describe('setProps through a helper function', () => {
  const runs = { save: 0, echo: 0 }
  const helper = useApp(async () => {
    const app = createApp({
      preventInitialCallbacks: true,
      layout: (
        <div>
          <button id="save">Save</button>
          <button id="reset">Reset</button>
          <div id="out" />
          <div id="status">idle</div>
          <div id="echo" />
          <dcc.Input id="name" value="Ada" />
        </div>
      ),
    })
    app.callback(Output('out', 'children'), Input('save', 'n_clicks'), function save(n) {
      runs.save++
      report(`saved ${n}`)
      return `clicked ${n}`
    })
    app.callback(
      Output('echo', 'children'),
      [Input('status', 'children')],
      [State('name', 'value')],
      function echo(s, name) {
        runs.echo++
        return `${String(s)} by ${String(name)}`
      }
    )
    app.callback(Output('status', 'children'), Input('reset', 'n_clicks'), () => 'idle')
    return app
  })

  it('writes the component, and what that sets off runs once on the whole page', async () => {
    const { page, errors } = await helper.open()
    const sent = carried(page)
    await page.fill('#name', 'Grace')
    await page.click('#save')
    await settled(page)
    expect(await page.textContent('#out')).toBe('clicked 1')
    expect(await page.textContent('#status')).toBe('saved 1')
    expect(await page.textContent('#echo')).toBe('saved 1 by Grace')
    // The click carried its own chain; the re-ask for `echo`, the whole page.
    expect(sent.map((c) => c.sort())).toEqual([
      ['out', 'save'],
      ['echo', 'name', 'out', 'reset', 'save', 'status'],
    ])
    expect(runs).toEqual({ save: 1, echo: 1 })
    expect(errors).toEqual([])
  })
})
