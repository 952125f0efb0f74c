/**
 * The dev page draws each example's callback graph: props and callbacks in layers by depth, an edge
 * per Input, State and Output, and a table of the callbacks.
 */
import './dev-env.ts'
import { describe, expect, it } from 'vitest'
import { examples } from '../../examples/gallery.tsx'
import { failingApp } from './fixtures/failing-app.tsx'
import { callbackNodes, callbackRows, columns, devPage, edges, text } from './helpers.ts'

const example = async (name: string) =>
  (await import(`../../examples/${name}.tsx`)).app as (typeof examples)[number][2]

describe('the graph of an example', () => {
  it('draws prime-factors as num.value, then show_factors, then its two outputs', async () => {
    const doc = await devPage(await example('prime-factors'))
    expect(columns(doc)).toEqual([['num.value'], ['[show_factors]'], ['out.children', 'err.children']])
    expect(edges(doc)).toEqual([
      'p:num.value -input-> cb:0',
      'cb:0 -output-> p:out.children',
      'cb:0 -output-> p:err.children',
    ])
    expect(text(doc.querySelector('title'))).toBe('Callback graph · noUpdate: prime factors')
    expect(text(doc.querySelector('h1 + p'))).toBe(
      '1 callback, 3 props. Development mode only. Open the app · Refresh'
    )
    expect(callbackRows(doc)).toEqual([
      '0 | show_factors | out.children, err.children | num.value | (none) | yes | 0',
    ])
  })

  it('puts the chained third callback one layer after the two it waits for', async () => {
    const doc = await devPage(await example('chained-callbacks'))
    expect(columns(doc)).toEqual([
      ['button_3.n_clicks', 'button_4.n_clicks'],
      ['[fast]', '[slow]'],
      ['first_output_3.children', 'second_output_3.children'],
      ['[third]'],
      ['third_output_3.children'],
    ])
    expect(edges(doc)).toEqual([
      'p:button_3.n_clicks -input-> cb:0',
      'cb:0 -output-> p:first_output_3.children',
      'p:button_4.n_clicks -input-> cb:1',
      'cb:1 -output-> p:second_output_3.children',
      'p:first_output_3.children -input-> cb:2',
      'p:second_output_3.children -input-> cb:2',
      'cb:2 -output-> p:third_output_3.children',
    ])
    expect(callbackRows(doc)).toEqual([
      '0 | fast | first_output_3.children | button_3.n_clicks | (none) | yes | 0',
      '1 | slow | second_output_3.children | button_4.n_clicks | (none) | yes | 0',
      '2 | third | third_output_3.children | first_output_3.children, second_output_3.children | (none) | yes | 1',
    ])
  })

  it('lays out the prevent_initial_call chain over seven layers and marks every initial call prevented', async () => {
    const doc = await devPage(await example('prevent-initial-call'))
    expect(columns(doc)).toEqual([
      ['button_2.n_clicks'],
      ['[first_callback]'],
      ['first_output_2.children', 'second_output_2.children'],
      ['[second_callback]'],
      ['third_output_2.children'],
      ['[third_output]'],
      ['fourth_output_2.children'],
    ])
    expect(callbackRows(doc).map((r) => r.split(' | ')[5])).toEqual(['prevented', 'prevented', 'prevented'])
  })

  it('routes an edge across several layers between the nodes of the layers it crosses', async () => {
    const doc = await devPage(await example('prevent-initial-call'))
    const long = doc.querySelector('[data-from="p:first_output_2.children"][data-to="cb:2"]')!
    // Layer 2 to layer 5: one leg per layer boundary, through a waypoint in layers 3 and 4.
    const legs = long.getAttribute('d')!.split(' C').slice(1)
    expect(legs.length).toBe(3)
    const waypointY = Number(legs[0]!.split(' ')[2]!.split(',')[1])
    const node = doc.querySelector('[data-node="cb:1"]')! // second_callback, in layer 3
    const top = Number(/translate\([\d.]+,([\d.]+)\)/.exec(node.getAttribute('transform')!)![1])
    const height = Number(node.querySelector('rect')!.getAttribute('height'))
    expect(waypointY < top || waypointY > top + height).toBe(true)
  })

  it('draws a circular callback with edges that come back from its outputs to itself (R36)', async () => {
    const doc = await devPage(await example('circular-slider'))
    expect(columns(doc)).toEqual([['[callback]'], ['input-circular.value', 'slider-circular.value']])
    expect(edges(doc)).toEqual([
      'p:input-circular.value -input-> cb:0 (back)',
      'p:slider-circular.value -input-> cb:0 (back)',
      'cb:0 -output-> p:input-circular.value',
      'cb:0 -output-> p:slider-circular.value',
    ])
  })

  it('keeps the three callbacks of the inserted-components example side by side', async () => {
    const doc = await devPage(await example('prevent-initial-inserted'))
    expect(columns(doc)).toEqual([
      ['url.pathname', 'input.value'],
      ['[display_page]', '[update_output]', '[update_layout_div]'],
      ['content.children', 'output.children', 'layout-div.children'],
    ])
  })

  it('draws a State as its own kind of edge, dashed', async () => {
    const doc = await devPage(failingApp())
    expect(edges(doc)).toContain('p:quiet.children -state-> cb:3')
    expect(doc.querySelector('[data-kind="state"]')!.getAttribute('class')).toBe('hd-edge hd-edge-state')
    expect(callbackRows(doc)[3]).toBe(
      '3 | follow | after.children | total.children | quiet.children | yes | 1'
    )
  })

  it('shows a callback that ran in no request yet with its index, and says no request was seen', async () => {
    const doc = await devPage(await example('no-update-button'))
    expect(callbackNodes(doc)).toEqual(['update_output: hd-st-idle | #0'])
    expect(text(doc.querySelector('.hd-caption'))).toBe(
      "No request yet: load the app's page or use it, then refresh this page."
    )
    expect([...doc.querySelectorAll('#requests > *')].map((e) => text(e))).toEqual([
      'Last requests',
      'The last 50 page loads and updates of this process, newest first.',
      'None yet.',
    ])
  })

  it('draws every example: one node per callback and prop, one edge per dependency, left to right but for self-loops', async () => {
    for (const [slug, , app] of examples) {
      const doc = await devPage(app)
      const graph = app.graph
      const keys = new Set(
        graph.callbacks.flatMap((cb) => [...cb.inputs, ...cb.states, ...cb.outputs].map((d) => d.key))
      )
      const nodes = [...doc.querySelectorAll('.hd-node')].map((n) => n.getAttribute('data-node'))
      expect(nodes.sort(), slug).toEqual(
        [...graph.callbacks.map((cb) => `cb:${cb.index}`), ...[...keys].map((k) => `p:${k}`)].sort()
      )
      const want = graph.callbacks.flatMap((cb) => [
        ...cb.inputs.map((d) => `p:${d.key} -input-> cb:${cb.index}`),
        ...cb.states.map((d) => `p:${d.key} -state-> cb:${cb.index}`),
        ...cb.outputs.map((d) => `cb:${cb.index} -output-> p:${d.key}`),
      ])
      expect(
        edges(doc).map((e) => e.replace(' (back)', '')),
        slug
      ).toEqual(want)
      // Right to left only where a callback reads its own output (R36), as an Input or a State.
      for (const e of edges(doc).filter((x) => x.endsWith('(back)'))) {
        const [, key, index] = /^p:(\S+) -(?:input|state)-> cb:(\d+)/.exec(e)!
        expect(
          graph.callbacks[Number(index)]!.outputs.map((d) => d.key),
          `${slug}: ${e}`
        ).toContain(key)
      }
    }
  })
})
