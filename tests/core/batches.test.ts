/**
 * @module batches.test
 * The queue the wave and its readers share: batches of what arrived since the last read, the end,
 * and reads bounded by a deadline.
 */
import { describe, expect, it } from 'vitest'
import { Batches } from '../../src/core/batches.ts'

describe('Batches', () => {
  it('returns everything pushed since the previous read, and waits when there is nothing', async () => {
    const q = new Batches<number>()
    q.push(1)
    q.push(2)
    expect(await q.read()).toEqual([1, 2])
    const later = q.read()
    q.push(3)
    expect(await later).toEqual([3])
  })

  it('ends: a waiting read returns [], what is left is still read, later pushes are ignored', async () => {
    const q = new Batches<number>()
    const waiting = q.read()
    q.end()
    expect(await waiting).toEqual([])
    expect(q.done).toBe(true)
    const r = new Batches<number>()
    r.push(1)
    r.end()
    r.push(2)
    expect(r.done).toBe(false)
    expect(await r.read()).toEqual([1])
    expect(r.done).toBe(true)
  })

  it('iterates in batches until done', async () => {
    const q = new Batches<string>()
    q.push('a')
    setTimeout(() => (q.push('b'), q.push('c'), q.end()), 5)
    const seen: string[][] = []
    for await (const batch of q) seen.push(batch)
    expect(seen).toEqual([['a'], ['b', 'c']])
  })

  it('readFor: everything by the deadline, and whether the queue is done', async () => {
    const q = new Batches<number>()
    q.push(1)
    setTimeout(() => q.push(2), 5)
    const first = await q.readFor(40)
    expect(first).toEqual({ items: [1, 2], done: false })
    setTimeout(() => (q.push(3), q.end()), 5)
    expect(await q.readFor(Infinity)).toEqual({ items: [3], done: true })
  })
})
