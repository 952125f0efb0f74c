/**
 * @module ids-page.test
 * Prop keys (R3/R4) and the page state (R9, R18, R19, R24): values, writes, containment, removal.
 */
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/core/errors.ts'
import { assertValidId, assertValidProp, propKey, splitKey } from '../../src/core/ids.ts'
import { PageState } from '../../src/core/page.ts'

describe('prop keys', () => {
  it.each([
    { id: 'out', prop: 'children', key: 'out.children' },
    { id: 'output-1', prop: 'data-cb', key: 'output-1.data-cb' },
    { id: 'btn', prop: 'n_clicks_timestamp', key: 'btn.n_clicks_timestamp' },
  ])('$id + $prop ⇄ $key', ({ id, prop, key }) => {
    expect(propKey(id, prop)).toBe(key)
    expect(splitKey(key)).toEqual({ id, prop })
  })

  it('splits a key without a dot into an id and an empty prop', () => {
    expect(splitKey('lonely')).toEqual({ id: 'lonely', prop: '' })
  })

  it.each([
    { id: 'ok-id_1', valid: true },
    { id: 'a.b', valid: false },
    { id: '{x', valid: false },
    { id: '', valid: false },
    { id: null, valid: false },
  ])('assertValidId($id) → $valid', ({ id, valid }) => {
    const run = () => assertValidId(id, 'here')
    if (valid) expect(run).not.toThrow()
    else expect(run).toThrow(ConfigError)
  })

  it.each([
    { prop: 'value', valid: true },
    { prop: '_private', valid: true },
    { prop: 'aria-label', valid: true },
    { prop: 'x.y', valid: false },
    { prop: '-x', valid: false },
    { prop: 3, valid: false },
  ])('assertValidProp($prop) → $valid', ({ prop, valid }) => {
    const run = () => assertValidProp(prop, 'here')
    if (valid) expect(run).not.toThrow()
    else expect(run).toThrow(ConfigError)
  })
})

describe('PageState', () => {
  // root > (a > (a1 > a11), b)
  const make = () =>
    new PageState([
      { id: 'root', kind: 'div', props: {}, parent: null },
      { id: 'a', kind: 'div', props: { children: 'x', title: undefined }, parent: 'root' },
      { id: 'a1', kind: 'dcc.Input', props: { value: 'v' }, parent: 'a' },
      { id: 'a11', kind: 'div', props: {}, parent: 'a1' },
      { id: 'b', kind: 'button', props: { n_clicks: 0 }, parent: 'root' },
    ])

  it.each([
    { key: 'a1.value', value: 'v' },
    { key: 'b.n_clicks', value: 0 },
    { key: 'a.title', value: null },
    { key: 'b.never_set', value: null },
    { key: 'gone.value', value: null },
  ])('R9: value($key) is $value', ({ key, value }) => {
    expect(make().value(key)).toBe(value)
  })

  it('R18: writes a prop of a component on the page, ignores one that is not', () => {
    const page = make()
    const before = page.get('b')!.props
    expect(page.set('b.n_clicks', 1)).toBe(true)
    expect(page.set('gone.value', 1)).toBe(false)
    expect(page.value('b.n_clicks')).toBe(1)
    expect(page.has('gone')).toBe(false)
    expect(before).toEqual({ n_clicks: 0 })
  })

  it.each([
    { id: 'a11', ancestor: 'a', inside: true },
    { id: 'a11', ancestor: 'root', inside: true },
    { id: 'a', ancestor: 'a', inside: false },
    { id: 'b', ancestor: 'a', inside: false },
    { id: 'root', ancestor: 'b', inside: false },
    { id: 'gone', ancestor: 'root', inside: false },
  ])('isInside($id, $ancestor) is $inside', ({ id, ancestor, inside }) => {
    expect(make().isInside(id, ancestor)).toBe(inside)
  })

  it('R19/R24: removes every component inside a replaced subtree, keeping the container', () => {
    const page = make()
    expect(page.removeInside('a')).toEqual(['a1', 'a11'])
    expect([...page.ids()]).toEqual(['root', 'a', 'b'])
    expect(page.removeInside('b')).toEqual([])
  })

  it('adds a component, replacing one with the same id', () => {
    const page = make()
    page.add({ id: 'b', kind: 'button', props: { n_clicks: 5 }, parent: null })
    page.add({ id: 'c', kind: 'div', props: {}, parent: 'b' })
    expect(page.value('b.n_clicks')).toBe(5)
    expect(page.isInside('c', 'b')).toBe(true)
    expect([...page.records()].map((r) => r.id)).toEqual(['root', 'a', 'a1', 'a11', 'b', 'c'])
  })
})
