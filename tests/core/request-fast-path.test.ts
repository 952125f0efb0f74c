/**
 * @module request-fast-path.test
 * The update request's hand-written check (src/protocol/request.ts `isUpdateRequest`) accepts
 * exactly what its zod schema accepts (a `__proto__` record key, which zod drops, is left to zod):
 * generated requests near the schema's edges, and fixed cases.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isUpdateRequest, parseUpdateRequest, updateRequest } from '../../src/protocol/request.ts'

const str = (min: number, max: number) =>
  fc.oneof(fc.string({ minLength: min, maxLength: max }), fc.string({ minLength: 0, maxLength: max + 2 }))
const odd = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}))
const key = fc.oneof({ weight: 4, arbitrary: str(3, 12) }, { weight: 1, arbitrary: odd })
const index = fc.oneof(fc.nat(50), fc.integer({ min: -3, max: -1 }), fc.double(), fc.constant(2 ** 60))
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined })
const strip = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))
const component = fc
  .record({
    state: fc.oneof({ weight: 5, arbitrary: fc.string({ maxLength: 20 }) }, { weight: 1, arbitrary: odd }),
    sig: fc.oneof({ weight: 5, arbitrary: str(0, 130) }, { weight: 1, arbitrary: odd }),
    parent: maybe(fc.oneof(fc.constant(null), str(1, 4), odd)),
    values: maybe(fc.oneof(fc.dictionary(str(1, 66), fc.jsonValue()), odd)),
    extra: maybe(fc.constant(1)),
  })
  .map(strip)
const request = fc
  .record({
    changed: maybe(fc.oneof(fc.array(key, { maxLength: 3 }), odd)),
    reask: maybe(
      fc.oneof(
        fc.array(
          fc.oneof(
            fc.record({ callback: index, changed: fc.array(key, { maxLength: 2 }) }),
            fc.record({ callback: index }),
            odd
          ),
          { maxLength: 2 }
        ),
        odd
      )
    ),
    pending: maybe(
      fc.oneof(
        fc
          .record({
            changed: maybe(fc.array(key, { maxLength: 2 })),
            reask: maybe(fc.array(index, { maxLength: 2 })),
            other: maybe(fc.constant(0)),
          })
          .map(strip),
        odd
      )
    ),
    components: fc.oneof(
      { weight: 5, arbitrary: fc.dictionary(str(1, 4), component, { maxKeys: 3 }) },
      { weight: 1, arbitrary: odd }
    ),
    surprise: maybe(fc.constant('x')),
  })
  .map(strip)

describe('isUpdateRequest', () => {
  it('agrees with the zod schema on generated requests', () => {
    fc.assert(
      fc.property(request, (r) => {
        expect(isUpdateRequest(r)).toBe(updateRequest.safeParse(r).success)
      }),
      { numRuns: 3000 }
    )
  })

  it.each([
    { case: 'the smallest request', body: { components: {} }, ok: true },
    { case: 'no components', body: { changed: ['a.value'] }, ok: false },
    { case: 'an array', body: [], ok: false },
    { case: 'changed over 64', body: { changed: Array(65).fill('a.b'), components: {} }, ok: false },
    { case: 'a null parent', body: { components: { a: { state: '', sig: '', parent: null } } }, ok: true },
    { case: 'an empty id', body: { components: { '': { state: '', sig: '' } } }, ok: false },
    { case: '__proto__ as an own key', body: JSON.parse('{"components":{},"__proto__":{}}'), ok: false },
    {
      case: '__proto__ as a component id (zod drops it)',
      body: JSON.parse('{"components":{"__proto__":{"state":"","sig":""}}}'),
      ok: false,
      zod: true,
    },
  ])('$case → $ok', ({ body, ok, zod }) => {
    expect(isUpdateRequest(body)).toBe(ok)
    expect(updateRequest.safeParse(body).success).toBe(zod ?? ok)
  })

  it('words a refusal with zod', () => {
    expect(() => parseUpdateRequest({ changed: 'a.value', components: {} })).toThrow(
      /^The update request is malformed:\n✖ Invalid input: expected array, received string\n  → at changed$/
    )
  })
})
