/**
 * @module constraints.test
 * The server's copy of the browser's constraint checks (number bounds and step, text length and
 * pattern), the date checks of the date pickers, and the sliders' snapping: exact reasons, table-driven.
 */
import { describe, expect, it } from 'vitest'
import { numberProblem, textProblem } from '../../views/components/constraints.ts'
import { acceptDate, isoDate } from '../../views/components/dates.ts'
import { nearestMark, stepOf, takeValue } from '../../views/components/slider-shared.tsx'

describe('numberProblem', () => {
  it.each([
    [1, { min: 1, step: 1 }, null],
    [-5, { min: 1, step: 1 }, '-5 is less than min (1)'],
    [1.5, { min: 1, step: 1 }, '1.5 is not a step of 1 from 1'],
    [21, { max: 20 }, '21 is more than max (20)'],
    [0.3, { min: 0, step: 0.1 }, null],
    [0.35, { min: 0, step: 0.1 }, '0.35 is not a step of 0.1 from 0'],
    [7, { min: 2, step: 5 }, null],
    [5, { min: 2, step: 5 }, '5 is not a step of 5 from 2'],
    [1.5, { step: 'any' }, null],
    [1e9, {}, null],
  ])('%j with %j → %j', (v, c, want) => {
    expect(numberProblem(v, c)).toBe(want)
  })
})

describe('textProblem', () => {
  it.each([
    ['', { minLength: 3, pattern: '[a-z]+' }, null],
    ['ab', { minLength: 3 }, '2 characters, fewer than minLength (3)'],
    ['abcd', { maxLength: 3 }, '4 characters, more than maxLength (3)'],
    ['abc', { pattern: '[a-z]+' }, null],
    ['abc1', { pattern: '[a-z]+' }, "'abc1' does not match the pattern [a-z]+"],
    // the whole value must match, as in HTML
    ['1abc', { pattern: '[a-z]+|1' }, "'1abc' does not match the pattern [a-z]+|1"],
    // a pattern a browser cannot compile is ignored, as a browser ignores it
    ['x', { pattern: '(' }, null],
  ])('%j with %j → %j', (v, c, want) => {
    expect(textProblem(v, c)).toBe(want)
  })
})

describe('dates', () => {
  it.each([
    ['2024-05-03', '2024-05-03'],
    ['2024-05-03T10:30:00', '2024-05-03'],
    ['2024-05-03 10:30', '2024-05-03'],
    ['2024-05-03T10:30:00.123+02:00', '2024-05-03'],
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', null],
    ['2024-04-31', null],
    ['2024-13-01', null],
    ['2024-5-3', null],
    ['2024-05-03T25:00', null],
    ['yesterday', null],
  ])('isoDate(%j) → %j', (s, want) => {
    expect(isoDate(s)).toBe(want)
  })

  const picker = {
    min_date_allowed: '2024-01-01',
    max_date_allowed: '2024-12-31T00:00:00',
    disabled_days: ['2024-05-04', '2024-05-05T12:00'],
  }
  it.each([
    ['2024-05-03', { ok: true, value: '2024-05-03' }],
    ['', { ok: true, value: null }],
    [null, { ok: true, value: null }],
    ['2024-06-01T08:00', { ok: true, value: '2024-06-01' }],
    ['2023-12-31', { ok: false, message: '2023-12-31 is before min_date_allowed (2024-01-01)' }],
    ['2025-01-01', { ok: false, message: '2025-01-01 is after max_date_allowed (2024-12-31)' }],
    ['2024-05-05', { ok: false, message: '2024-05-05 is one of disabled_days' }],
    ['2024-02-30', { ok: false, message: "'2024-02-30' is not a calendar date (YYYY-MM-DD)" }],
  ])('acceptDate(%j) → %j', (v, want) => {
    expect(acceptDate(v, picker)).toEqual(want)
  })
})

describe('sliders', () => {
  const marks = { 0: 'none', 10: 'a little', 50: 'half', 100: 'all', 200: 'out of range' }
  it.each([
    [47, { value: 50 }],
    [8, { value: 10 }],
    [5, { value: 0 }], // halfway: the first of the two
    [99, { value: 100 }],
    [101, { problem: '101 is more than max (100)' }],
  ])('step=null snaps %j to the nearest mark within bounds: %j', (v, want) => {
    expect(takeValue(v, { min: 0, max: 100, step: null, marks })).toEqual(want)
  })

  it.each([
    [{ min: 0, max: 10 }, 1],
    [{ min: 0, max: 1.5 }, undefined],
    [{ min: 0, max: 10, step: 0.5 }, 0.5],
    [{ min: 0, max: 10, step: null }, undefined],
  ])("Dash's default step for %j is %j", (p, want) => {
    expect(stepOf(p)).toBe(want)
  })

  it('checks the step of a slider that does not snap', () => {
    expect(takeValue(7, { min: 0, max: 100, step: 5 })).toEqual({ problem: '7 is not a step of 5 from 0' })
    expect(takeValue(0.25, { min: 0, max: 1.5 })).toEqual({ value: 0.25 })
    expect(nearestMark(3, [1, 5])).toBe(1)
  })
})
