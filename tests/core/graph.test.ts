/**
 * @module graph.test
 * The callback graph: duplicate outputs across callbacks, cycles (R37) with the message naming the
 * loop, self-loops (R36), indexes, `subsequentOutputs` (R14) and `depth`.
 */
import { describe, expect, it } from 'vitest'
import { createCallbackSpec, type CallbackSpec } from '../../src/core/callback.ts'
import {
  Input,
  Output,
  State,
  type InputDep,
  type OutputDep,
  type StateDep,
} from '../../src/core/dependency.ts'
import { ConfigError, messages } from '../../src/core/errors.ts'
import { Graph } from '../../src/core/graph.ts'

/** `cb('name', ['a.children'], ['b.value'], ['c.data'])` builds a spec from prop keys. */
function cb(name: string, outs: string[], ins: string[], states: string[] = [], index = 0): CallbackSpec {
  const dep =
    <T>(make: (id: string, prop: string) => T) =>
    (k: string) =>
      make(k.split('.')[0]!, k.split('.')[1]!)
  return createCallbackSpec(
    index,
    outs.map(dep(Output)) as OutputDep[],
    ins.map(dep(Input)) as InputDep[],
    states.map(dep(State)) as StateDep[],
    () => null,
    { name }
  )
}

function graphOf(...specs: CallbackSpec[]): Graph {
  const g = new Graph()
  specs.forEach((s) => g.add(s))
  return g
}

function addError(g: Graph, s: CallbackSpec): Error {
  try {
    g.add(s)
  } catch (err) {
    return err as Error
  }
  throw new Error('expected add() to throw')
}

describe('duplicate outputs across callbacks', () => {
  it('rejects a second writer of a prop, naming both callbacks, and leaves the graph unchanged', () => {
    const first = cb('first', ['out.children'], ['a.value'])
    const g = graphOf(first)
    const err = addError(g, cb('second', ['other.children', 'out.children'], ['b.value']))
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe(messages.duplicateOutput('out.children', 'first', 'second'))
    expect(g.callbacks).toEqual([first])
    expect(g.consumers('b.value')).toEqual([])
    expect(g.producer('other.children')).toBe(undefined)
  })

  it('allows two callbacks to write different props of one component', () => {
    const g = graphOf(cb('a', ['x.children'], ['i.value']), cb('b', ['x.style'], ['i.value']))
    expect(g.callbacksWithOutputOn('x').map((c) => c.name)).toEqual(['a', 'b'])
  })
})

describe('R37: cycles across callbacks are rejected, naming the cycle', () => {
  it.each([
    {
      case: 'two callbacks',
      specs: [cb('A', ['b.children'], ['a.children']), cb('B', ['a.children'], ['b.children'])],
      path: ['a.children', 'b.children', 'a.children'],
    },
    {
      case: 'three callbacks',
      specs: [
        cb('A', ['y.children'], ['x.children']),
        cb('B', ['z.children'], ['y.children']),
        cb('C', ['x.children'], ['z.children']),
      ],
      path: ['x.children', 'y.children', 'z.children', 'x.children'],
    },
    {
      case: 'a loop through a callback that also loops on itself',
      specs: [cb('A', ['x.value', 'y.value'], ['x.value', 'z.value']), cb('B', ['z.value'], ['y.value'])],
      path: ['z.value', 'y.value', 'z.value'],
    },
    {
      case: 'a loop closed from the end of a chain back to its start',
      specs: [
        cb('A', ['m.children'], ['start.value']),
        cb('B', ['n.children'], ['m.children']),
        cb('C', ['m.style'], ['n.children']),
        cb('D', ['start.value'], ['m.style']),
      ],
      path: ['start.value', 'm.children', 'n.children', 'm.style', 'start.value'],
    },
  ])('$case: a ConfigError with the exact path, and the graph unchanged', ({ specs, path }) => {
    const g = graphOf(...specs.slice(0, -1))
    const last = specs[specs.length - 1]!
    const err = addError(g, last)
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe(messages.cycle(path))
    expect(err.message).toContain(`Dependency Cycle Found: ${path.join(' -> ')}.`)
    expect(g.callbacks).toEqual(specs.slice(0, -1))
    expect(g.consumers(last.inputs[0]!.key).includes(last)).toBe(false)
  })

  it('allows a diamond (two paths to one callback) since it has no loop', () => {
    const g = graphOf(
      cb('B', ['b.children'], ['a.value']),
      cb('C', ['c.children'], ['a.value']),
      cb('D', ['d.children'], ['b.children', 'c.children'])
    )
    expect(g.callbacks.map((c) => c.name)).toEqual(['B', 'C', 'D'])
  })

  it('does not count a State as an edge: State feeding back is no cycle', () => {
    const g = graphOf(cb('A', ['b.children'], ['a.value']), cb('B', ['a.value'], ['x.value'], ['b.children']))
    expect(g.callbacks).toHaveLength(2)
  })
})

describe('R36: a prop may be Input and Output of one callback', () => {
  it('accepts the self-loop and indexes the callback as consumer and producer of the prop', () => {
    const self = cb('self', ['in.value'], ['in.value'])
    const follower = cb('follower', ['text.children'], ['in.value'])
    const g = graphOf(self, follower)
    expect(g.consumers('in.value')).toEqual([self, follower])
    expect(g.producer('in.value')).toBe(self)
    expect(g.depth(self)).toBe(0)
    expect(g.depth(follower)).toBe(1)
    expect([...g.subsequentOutputs(self)]).toEqual(['in.value', 'text.children'])
  })

  it('accepts two props of one component feeding each other inside one callback (temperature converter)', () => {
    const g = graphOf(cb('convert', ['c.value', 'f.value'], ['c.value', 'f.value']))
    expect(g.callbacks).toHaveLength(1)
  })
})

describe('indexes', () => {
  const a = cb('a', ['x.children'], ['in.value', 'btn.n_clicks'], ['s.data'])
  const b = cb('b', ['y.children', 'x.style'], ['x.children'])
  const c = cb('c', [], ['btn.n_clicks'])
  const g = graphOf(a, b, c)

  it.each([
    { key: 'in.value', consumers: ['a'] },
    { key: 'btn.n_clicks', consumers: ['a', 'c'] },
    { key: 'x.children', consumers: ['b'] },
    { key: 's.data', consumers: [] },
    { key: 'y.children', consumers: [] },
  ])('consumers($key) are the callbacks with it as an Input (never as a State)', ({ key, consumers }) => {
    expect(g.consumers(key).map((s) => s.name)).toEqual(consumers)
  })

  it.each([
    { key: 'x.children', producer: 'a' },
    { key: 'x.style', producer: 'b' },
    { key: 'y.children', producer: 'b' },
    { key: 'in.value', producer: undefined },
  ])('producer($key) is $producer', ({ key, producer }) => {
    expect(g.producer(key)?.name).toBe(producer)
  })

  it.each([
    { id: 'x', out: ['a', 'b'], in: ['b'] },
    { id: 'btn', out: [], in: ['a', 'c'] },
    { id: 's', out: [], in: [] },
    { id: 'nowhere', out: [], in: [] },
  ])('callbacks on component $id', ({ id, out, in: ins }) => {
    expect(g.callbacksWithOutputOn(id).map((s) => s.name)).toEqual(out)
    expect(g.callbacksWithInputOn(id).map((s) => s.name)).toEqual(ins)
  })

  it('knows which props each id exposes (Inputs and States) and which it receives', () => {
    expect([...g.readableProps('x')!]).toEqual(['children'])
    expect([...g.readableProps('s')!]).toEqual(['data'])
    expect(g.readableProps('y')).toBe(undefined)
    expect([...g.writtenProps('x')!]).toEqual(['children', 'style'])
    expect(g.writtenProps('btn')).toBe(undefined)
  })

  it.each([
    { id: 'x', involved: true },
    { id: 'y', involved: true },
    { id: 's', involved: true },
    { id: 'btn', involved: true },
    { id: 'decoration', involved: false },
  ])('involves($id) is $involved', ({ id, involved }) => {
    expect(g.involves(id)).toBe(involved)
  })
})

describe('subsequentOutputs and depth', () => {
  // top → (m1, m2); m1 → leaf1; (m2, leaf1) → leaf2; side is unrelated.
  const top = cb('top', ['m1.value', 'm2.value'], ['src.value'])
  const mid = cb('mid', ['leaf1.children'], ['m1.value'])
  const low = cb('low', ['leaf2.children'], ['m2.value', 'leaf1.children'])
  const side = cb('side', ['side.children'], ['other.value'], ['m1.value'])

  it.each([
    { spec: top, outputs: ['leaf1.children', 'leaf2.children', 'm1.value', 'm2.value'], depth: 0 },
    { spec: mid, outputs: ['leaf1.children', 'leaf2.children'], depth: 1 },
    { spec: low, outputs: ['leaf2.children'], depth: 2 },
    { spec: side, outputs: ['side.children'], depth: 0 },
  ])('$spec.name reaches $outputs at depth $depth', ({ spec, outputs, depth }) => {
    const g = graphOf(top, mid, low, side)
    expect([...g.subsequentOutputs(spec)].sort()).toEqual(outputs)
    expect(g.depth(spec)).toBe(depth)
  })

  it('recomputes after a callback is added downstream', () => {
    const g = graphOf(top)
    expect([...g.subsequentOutputs(top)].sort()).toEqual(['m1.value', 'm2.value'])
    g.add(mid)
    expect([...g.subsequentOutputs(top)].sort()).toEqual(['leaf1.children', 'm1.value', 'm2.value'])
    expect(g.depth(mid)).toBe(1)
  })
})
