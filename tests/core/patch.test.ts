/**
 * @module patch.test
 * `Patch` (R33): what it records (Dash's wire form), how the server applies it (Dash's renderer
 * semantics: negative indexes, "Cannot patch undefined", copies never mutation) and the list edits
 * the page can take instead of the whole list.
 */
import { describe, expect, it } from 'vitest'
import { applyPatch, isPatch, listEdits, Patch, PatchError } from '../../src/core/patch.ts'

const ops = (p: Patch) => p.operations

describe('Patch records Dash operations', () => {
  it('in Dash wire form, sub-locations sharing one list', () => {
    const p = new Patch()
    p.append('x')
    p.at('a', 0).set('b', 1)
    p.at('n').add(2)
    p.add([1, 2])
    p.del(-1)
    expect(JSON.parse(JSON.stringify(p))).toEqual({
      __dash_patch_update: '__dash_patch_update',
      operations: [
        { operation: 'Append', location: [], params: { value: 'x' } },
        { operation: 'Assign', location: ['a', 0, 'b'], params: { value: 1 } },
        { operation: 'Add', location: ['n'], params: { value: 2 } },
        { operation: 'Extend', location: [], params: { value: [1, 2] } },
        { operation: 'Delete', location: [-1], params: {} },
      ],
    })
    expect(isPatch(p)).toBe(true)
    expect(isPatch(JSON.parse(JSON.stringify(p)))).toBe(true)
    expect(isPatch({ operations: [] })).toBe(false)
  })

  it('refuses a non-list to extend and a non-integer index', () => {
    expect(() => new Patch().extend('ab' as never)).toThrow('Patch.extend: ab should be a list.')
    expect(() => new Patch().insert(1.5, 'x')).toThrow('Patch.insert: the index 1.5 is not an integer.')
    expect(() => new Patch().at(1.5)).toThrow('Patch: 1.5 is not a valid key (a string or an integer index).')
  })
})

describe('applyPatch (Dash renderer semantics)', () => {
  it.each([
    ['append', new Patch().append(4), [1, 2, 3], [1, 2, 3, 4]],
    ['prepend', new Patch().prepend(0), [1, 2, 3], [0, 1, 2, 3]],
    ['insert', new Patch().insert(1, 9), [1, 2, 3], [1, 9, 2, 3]],
    ['insert, negative index', new Patch().insert(-1, 9), [1, 2, 3], [1, 2, 9, 3]],
    ['insert past the end', new Patch().insert(10, 9), [1, 2, 3], [1, 2, 3, 9]],
    ['extend', new Patch().extend([4, 5]), [1], [1, 4, 5]],
    ['remove (every equal item, deeply)', new Patch().remove({ a: 1 }), [{ a: 1 }, 2, { a: 1 }], [2]],
    ['clear', new Patch().clear(), [1, 2], []],
    ['reverse', new Patch().reverse(), [1, 2, 3], [3, 2, 1]],
    ['del, negative index', new Patch().del(-1), [1, 2, 3], [1, 2]],
    ['set, negative index', new Patch().set(-1, 'z'), ['a', 'b'], ['a', 'z']],
    ['merge', new Patch().merge({ b: 2 }), { a: 1, b: 1 }, { a: 1, b: 2 }],
    ['del a key', new Patch().del('a'), { a: 1, b: 2 }, { b: 2 }],
    [
      'add, sub, mul, div',
      ((p) => (p.at('n').add(4).sub(1).mul(10).div(2), p))(new Patch()),
      { n: 1 },
      { n: 20 },
    ],
    ['deep set makes missing levels', new Patch().at('a', 'b').set('c', 1), {}, { a: { b: { c: 1 } } }],
    ['a string += (Dash concatenates)', new Patch().at('s').add('!'), { s: 'hi' }, { s: 'hi!' }],
    ['clear a string', new Patch().at('s').clear(), { s: 'hi' }, { s: '' }],
    [
      'nested negative index',
      new Patch().at('rows', -1).set('v', 0),
      { rows: [{ v: 1 }, { v: 2 }] },
      { rows: [{ v: 1 }, { v: 0 }] },
    ],
  ])('%s', (_, patch, before, after) => {
    const copy = structuredClone(before)
    expect(applyPatch(before, ops(patch))).toEqual(after)
    expect(before).toEqual(copy) // never mutated
  })

  it('throws "Cannot patch undefined"', () => {
    expect(() => applyPatch(undefined, ops(new Patch().append(1)))).toThrow(
      new PatchError('Cannot patch undefined')
    )
  })

  it('refuses a list operation on something else', () => {
    expect(() => applyPatch({ a: 1 }, ops(new Patch().append(1)))).toThrow(
      'Cannot append at []: the value there is not a list'
    )
  })

  it('never writes the prototype', () => {
    const out = applyPatch({}, ops(new Patch().set('__proto__', { polluted: true }))) as Record<
      string,
      unknown
    >
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true)
  })
})

describe('listEdits: what the page needs instead of the whole list', () => {
  const el = (t: string) => ({ type: 'li', props: { children: t } })
  const single = (v: unknown) => typeof v === 'object' && v !== null
  it.each([
    [
      'append without knowing the list',
      undefined,
      new Patch().append(el('x')),
      [{ edit: 'append', items: [el('x')] }],
    ],
    [
      'extend and prepend',
      undefined,
      new Patch().extend([el('a')]).prepend(el('z')),
      [
        { edit: 'append', items: [el('a')] },
        { edit: 'prepend', items: [el('z')] },
      ],
    ],
    ['clear', undefined, new Patch().clear(), [{ edit: 'clear' }]],
    ['del -1 of a known list', [el('a'), el('b')], new Patch().del(-1), [{ edit: 'remove', index: 1 }]],
    [
      'insert -1',
      [el('a'), el('b')],
      new Patch().insert(-1, el('c')),
      [{ edit: 'insert', index: 1, items: [el('c')] }],
    ],
    ['set 0', [el('a')], new Patch().set(0, el('c')), [{ edit: 'replace', index: 0, items: [el('c')] }]],
    [
      'remove an item',
      [el('a'), el('b'), el('a')],
      new Patch().remove(el('a')),
      [
        { edit: 'remove', index: 2 },
        { edit: 'remove', index: 0 },
      ],
    ],
  ])('%s', (_, before, patch, edits) => {
    expect(listEdits(before, ops(patch), single)).toEqual(edits)
  })

  it.each([
    ['an index edit on an unknown list', undefined, new Patch().del(0)],
    ['an index edit among text items (they would merge in the page)', ['a', 'b'], new Patch().del(0)],
    ['reverse', [el('a')], new Patch().reverse()],
    ['a deeper location', [el('a')], new Patch().at(0, 'props').set('children', 'x')],
  ])('none for %s: the whole value is sent', (_, before, patch) => {
    expect(listEdits(before as unknown[] | undefined, ops(patch), single)).toBeNull()
  })
})
