/**
 * Dash DataTable's filter query language: parsing (trees and errors, exact), evaluation on rows, the
 * per-column boxes, and sorting / paging of rows.
 */
import { describe, expect, it } from 'vitest'
import {
  columnTerm,
  FilterQueryError,
  matches,
  MAX_QUERY,
  parseFilterQuery,
  perColumn,
} from '../../views/components/data-table/filter-query.ts'
import { compareCells, memorySource, queryRows } from '../../views/components/data-table/table-data.ts'

describe('parseFilterQuery', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['{pop} > 5', { kind: 'rel', column: 'pop', op: 'gt', value: 5, caseInsensitive: false }],
    ['pop ge -1.5e3', { kind: 'rel', column: 'pop', op: 'ge', value: -1500, caseInsensitive: false }],
    [
      '{the name} icontains "a \\"b\\""',
      { kind: 'rel', column: 'the name', op: 'contains', value: 'a "b"', caseInsensitive: true },
    ],
    ["{c} = 'x y'", { kind: 'rel', column: 'c', op: 'eq', value: 'x y', caseInsensitive: false }],
    ['{c} != Paris', { kind: 'rel', column: 'c', op: 'ne', value: 'Paris', caseInsensitive: false }],
    [
      '{d} datestartswith 2020-01',
      { kind: 'rel', column: 'd', op: 'datestartswith', value: '2020-01', caseInsensitive: false },
    ],
    ['{x} is not blank', { kind: 'is', column: 'x', test: 'blank', negate: true }],
    [
      '{a} > 1 && {b} < 2 || !({c} is prime)',
      {
        kind: 'or',
        left: {
          kind: 'and',
          left: { kind: 'rel', column: 'a', op: 'gt', value: 1, caseInsensitive: false },
          right: { kind: 'rel', column: 'b', op: 'lt', value: 2, caseInsensitive: false },
        },
        right: { kind: 'not', operand: { kind: 'is', column: 'c', test: 'prime', negate: false } },
      },
    ],
    [
      '{a} = 1 and not {b} = 2 or {c} = 3',
      {
        kind: 'or',
        left: {
          kind: 'and',
          left: { kind: 'rel', column: 'a', op: 'eq', value: 1, caseInsensitive: false },
          right: {
            kind: 'not',
            operand: { kind: 'rel', column: 'b', op: 'eq', value: 2, caseInsensitive: false },
          },
        },
        right: { kind: 'rel', column: 'c', op: 'eq', value: 3, caseInsensitive: false },
      },
    ],
  ])('%j', (src, tree) => {
    expect(parseFilterQuery(src)).toEqual(tree)
  })

  it.each([
    ['{pop} >', "Expected a value after '>' but found the end of the query."],
    [
      '{pop} 5',
      "Expected an operator (=, !=, <, <=, >, >=, contains, datestartswith, is …) after {pop} but found '5' at 7.",
    ],
    ['{pop > 5', "Unclosed '{' at 1: write a column as {column id}."],
    ['{a} = "x', 'Unclosed " at 7: close the string with ".'],
    ['{a} = 1 {b} = 2', "Expected && or || before 'b' at 9."],
    ['({a} = 1', "Expected ')' but found the end of the query."],
    ['> 5', "Expected a column such as {price} but found '>' at 1."],
    [
      '{a} is tall',
      "Expected blank, nil, num, str, bool, even, odd, object or prime after 'is' but found 'tall' at 8.",
    ],
    ['{a} = 1 & {b} = 2', "Unexpected '&' at 9."],
  ])('refuses %j: %s', (src, message) => {
    const error = (() => {
      try {
        parseFilterQuery(src)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(FilterQueryError)
    expect((error as FilterQueryError).message).toBe(message)
  })

  it('refuses queries too long or too deep, without recursing', () => {
    expect(() => parseFilterQuery('{a} = 1 && '.repeat(500))).toThrow(`longer than ${MAX_QUERY}`)
    expect(() => parseFilterQuery('('.repeat(60) + '{a} = 1' + ')'.repeat(60))).toThrow('deeper than 50')
    expect(() => parseFilterQuery('!'.repeat(200) + '{a} = 1')).toThrow('deeper than 50')
  })
})

describe('matches', () => {
  const row = { n: 7, s: 'Paris', blank: '', nil: null, t: true, d: '2020-01-15', ns: '12' }
  it.each([
    ['{n} > 5', true],
    ['{n} <= 6', false],
    ['{n} = 7', true],
    ['{ns} > 9', true],
    ['{s} = Paris', true],
    ['{s} = paris', false],
    ['{s} ieq paris', true],
    ['{s} contains ar', true],
    ['{s} contains AR', false],
    ['{s} icontains AR', true],
    ['{s} > Lyon', true],
    ['{d} datestartswith 2020-01', true],
    ['{blank} is blank', true],
    ['{nil} is blank', true],
    ['{missing} is nil', true],
    ['{s} is not blank', true],
    ['{t} is bool', true],
    ['{n} is odd', true],
    ['{n} is prime', true],
    ['{n} is even', false],
    ['{s} is str', true],
    ['{n} is num', true],
    ['{nil} = 1', false],
    ['{nil} != 1', true],
    ['{nil} contains x', false],
    ['{n} > 5 && {s} contains "x"', false],
    ['{n} > 5 || {s} contains "x"', true],
    ['!({n} > 5)', false],
    ['not {n} > 50', true],
  ])('%j → %s', (src, want) => {
    expect(matches(parseFilterQuery(src), row)).toBe(want)
  })
})

describe('per-column filter boxes', () => {
  it.each([
    ['{a} > 5 && {b} contains "x"', { a: '> 5', b: 'contains "x"' }],
    ['{a} icontains x', { a: 'icontains "x"' }],
    ['{a} is not blank', { a: 'is not blank' }],
    ['', {}],
    ['{a} > 5 || {b} = 1', null],
    ['{a} > 5 && {a} < 9', null],
  ])('%j shows %j', (src, boxes) => {
    expect(perColumn(parseFilterQuery(src))).toEqual(boxes)
  })

  it.each([
    ['name', 'Par', false, '{name} contains "Par"'],
    ['pop', '5', true, '{pop} = 5'],
    ['pop', '> 5', true, '{pop} > 5'],
    ['name', 'contains x', false, '{name} contains x'],
    ['name', 'is blank', false, '{name} is blank'],
    ['name', '"quoted"', false, '{name} contains "quoted"'],
    ['pop', 'abc', true, '{pop} contains "abc"'],
    ['a}b', 'x', false, '{ab} contains "x"'],
    ['name', '  ', false, ''],
  ])('%s box %j → %j', (col, entry, numeric, term) => {
    expect(columnTerm(col, entry, numeric)).toBe(term)
    if (term) expect(() => parseFilterQuery(term)).not.toThrow()
  })
})

describe('rows', () => {
  const rows = [
    { id: 1, name: 'b', n: 3 },
    { id: 2, name: 'a', n: null },
    { id: 3, name: 'c', n: 1 },
    { id: 4, name: 'a', n: 2 },
  ]

  it('orders numbers, strings, then blanks', () => {
    expect([null, 'b', 3, 'a', 1, ''].sort(compareCells)).toEqual([1, 3, 'a', 'b', null, ''])
  })

  it.each([
    [[{ column_id: 'n', direction: 'asc' }], [3, 4, 1, 2]],
    [[{ column_id: 'n', direction: 'desc' }], [1, 4, 3, 2]],
    [
      [
        { column_id: 'name', direction: 'asc' },
        { column_id: 'n', direction: 'desc' },
      ],
      [4, 2, 1, 3],
    ],
    [[], [1, 2, 3, 4]],
  ] as const)('sorts by %j (blanks last, stable)', (sort_by, ids) => {
    expect(queryRows(rows, { sort_by, page_size: 10 }).rows.map((r) => r.id)).toEqual(ids)
  })

  it('filters, then pages; a page past the end shows the last', () => {
    expect(queryRows(rows, { filter_query: '{n} >= 1', page_size: 2, page_current: 5 })).toEqual({
      rows: [{ id: 4, name: 'a', n: 2 }],
      total: 3,
      page_count: 2,
      page_current: 1,
      error: null,
    })
  })

  it('ignores a bad filter query and says why', () => {
    const page = queryRows(rows, { filter_query: '{n} >', page_size: 10 })
    expect([page.total, page.error]).toEqual([
      4,
      "Expected a value after '>' but found the end of the query.",
    ])
  })

  it('a memory source answers as queryRows does, from its cache for a page turn', () => {
    const src = memorySource(rows)
    const q = {
      filter_query: '{name} = a',
      sort_by: [{ column_id: 'id', direction: 'desc' }] as const,
      page_size: 1,
    }
    expect(src.query(q)).toEqual(queryRows(rows, q))
    expect(src.query({ ...q, page_current: 1 })).toEqual(queryRows(rows, { ...q, page_current: 1 }))
  })
})
