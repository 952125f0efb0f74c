/**
 * @module predecessors.test
 * R36/R37's predecessors as a shared graph of causes: membership along a chain, over joins (a
 * request asked by two chains), across callbacks whose indexes share a summary bit, and once-only
 * adding of causes.
 */
import { describe, expect, it } from 'vitest'
import type { CallbackSpec } from '../../src/core/callback.ts'
import { addCauses, caused, causedBy, type Causes } from '../../src/core/predecessors.ts'

const cbs = Array.from({ length: 70 }, (_, index) => ({ index }) as CallbackSpec)
const cb = (i: number) => cbs[i]!

/** A straight chain of results of the callbacks `ids`, first to last. */
const chain = (ids: number[], from: Causes | null = null): Causes =>
  ids.reduce<Causes | null>((up, i) => causedBy(cb(i), addCauses(undefined, up)), from)!

describe('caused', () => {
  const straight = chain([0, 1, 2, 3])
  const long = chain(Array.from({ length: 65 }, (_, i) => i))
  // 5 ← (a: 1 ← 0) and (b: 3 ← 2): a request asked by two chains, then one more step.
  const join = causedBy(cb(6), [
    causedBy(cb(5), addCauses(addCauses(undefined, chain([0, 1])), chain([2, 3]))),
  ])
  // A diamond: 0 → 1, 0 → 2, both → 3.
  const root = chain([0])
  const diamond = causedBy(cb(3), [causedBy(cb(1), [root]), causedBy(cb(2), [root])])
  const cases: [string, Causes | null, number, boolean][] = [
    ['nothing caused the event', null, 0, false],
    ['the last step', straight, 3, true],
    ['the first step', straight, 0, true],
    ['not in the chain', straight, 4, false],
    ['same summary bit, not in the chain (32 ≡ 0)', straight, 32, false],
    ['deep chain: its top', long, 0, true],
    ['deep chain: index 64 (same bit as 0 and 32)', long, 64, true],
    ['deep chain: not in it', long, 65, false],
    ['join: first chain', join, 0, true],
    ['join: second chain', join, 2, true],
    ['join: its own steps', join, 5, true],
    ['join: neither', join, 4, false],
    ['diamond: shared root', diamond, 0, true],
    ['diamond: both sides', diamond, 2, true],
    ['diamond: neither', diamond, 33, false],
  ]
  it.each(cases)('%s', (_, causes, i, expected) => {
    expect(caused(causes, cb(i))).toBe(expected)
  })
})

describe('addCauses', () => {
  it('keeps each cause once, ignores none, and leaves earlier results unchanged', () => {
    const a = chain([0])
    const b = chain([1])
    const list = addCauses(addCauses(addCauses(addCauses(undefined, null), a), a), b)
    expect(list).toEqual([a, b])
    const made = causedBy(cb(2), list)
    expect([caused(made, cb(0)), caused(made, cb(1)), caused(made, cb(2))]).toEqual([true, true, true])
  })
})
