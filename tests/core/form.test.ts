/**
 * @module form.test
 * The pure half of the no-JS form (src/protocol/form.ts): how posted strings decode per form kind,
 * when a posted value is the one the page had, and the form kind each built-in reader gives.
 */
import { describe, expect, it } from 'vitest'
import { htmlElement, type ComponentSpec, type FormKind } from '../../src/protocol/components.ts'
import { decodeField, fieldName, formKindOf, sameValue } from '../../src/protocol/form.ts'
import { builtinComponents } from '../../views/components/index.ts'

describe('decodeField', () => {
  const cases: [FormKind, string[], unknown][] = [
    ['text', ['Ada'], 'Ada'],
    ['text', [''], ''],
    ['text', [], null],
    ['number', ['360'], 360],
    ['number', ['-1.5'], -1.5],
    ['number', [''], null],
    ['number', ['  '], null],
    ['number', ['abc'], 'abc'],
    ['number', [], null],
    ['one', ['b'], 'b'],
    ['one', [], null],
    ['list', ['a', 'b'], ['a', 'b']],
    ['list', [], []],
    ['numbers', ['1', '4'], [1, 4]],
    ['numbers', ['1', ''], [1, null]],
  ]
  it.each(cases)('%s %j → %j', (kind, values, want) => {
    expect(decodeField(kind, values)).toEqual(want)
  })
})

describe('sameValue', () => {
  const cases: [FormKind, unknown, unknown, boolean][] = [
    ['text', 'Ada', 'Ada', true],
    ['text', 'Ada', 'Eve', false],
    ['text', '', null, true],
    ['text', '', undefined, true],
    ['text', 'x', null, false],
    ['number', 3, 3, true],
    ['number', 3, '3', true],
    ['number', null, null, true],
    ['number', null, 0, false],
    ['number', 7, 3, false],
    ['list', ['en'], ['en'], true],
    ['list', ['3'], [3], true],
    ['list', [], null, true],
    ['list', ['en'], null, false],
    ['list', ['fr', 'en'], ['en', 'fr'], false],
    ['numbers', [1, 4], [1, 4], true],
    ['numbers', [1, 5], [1, 4], false],
    ['one', 'a', 'a', true],
    ['one', null, 'a', false],
  ]
  it.each(cases)('%s: posted %j, was %j → %s', (kind, posted, was, want) => {
    expect(sameValue(kind, posted, was)).toBe(want)
  })
})

describe('formKindOf', () => {
  const spec = (name: string) => builtinComponents.find((c) => c.name === name) as ComponentSpec
  const cases: [string, string, Record<string, unknown>, FormKind | null][] = [
    ['dcc.Input', 'value', {}, 'text'],
    ['dcc.Input', 'value', { type: 'number' }, 'number'],
    ['dcc.Input', 'n_submit', {}, null],
    ['dcc.Input', 'n_blur', {}, null],
    ['dcc.Textarea', 'value', {}, 'text'],
    ['dcc.Checklist', 'value', {}, 'list'],
    ['dcc.Slider', 'value', {}, 'number'],
    ['dcc.Slider', 'drag_value', {}, null],
    ['dcc.RangeSlider', 'value', {}, 'numbers'],
    ['dcc.RangeSlider', 'drag_value', {}, null],
    ['dcc.DatePickerSingle', 'date', {}, 'text'],
    ['dcc.DatePickerRange', 'start_date', {}, 'text'],
    ['dcc.DatePickerRange', 'end_date', {}, 'text'],
    ['dcc.Location', 'pathname', {}, null],
    ['dcc.Dropdown', 'value', {}, 'text'],
    ['dcc.Dropdown', 'value', { multi: true }, 'list'],
    ['dcc.Dropdown', 'search_value', {}, null],
    ['dcc.RadioItems', 'value', {}, 'one'],
    ['dcc.Tabs', 'value', {}, null],
  ]
  it.each(cases)('%s.%s (%j) → %s', (name, prop, props, want) => {
    expect(formKindOf(spec(name), prop, props)).toBe(want)
  })
  it('an HTML element carries no form field (a click is `hd:click`)', () => {
    expect(formKindOf(htmlElement, 'n_clicks', {})).toBe(null)
    expect(formKindOf(htmlElement, 'valueOf', {})).toBe(null)
  })
  it('names a field hd:<id>.<prop>', () => {
    expect(fieldName('num', 'value')).toBe('hd:num.value')
    expect(fieldName('a.b', 'value')).toBe('hd:a.b.value')
  })
})
