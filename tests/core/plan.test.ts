/**
 * @module plan.test
 * The pure planning rules: initial calls (R6–R8, R25), inserted components (R20–R21, R23), request
 * merging (R11, R13), readiness (R14), group pruning (R17) and props pending elsewhere.
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
import { Graph } from '../../src/core/graph.ts'
import { PageState } from '../../src/core/page.ts'
import {
  byPriority,
  externalPending,
  isPrunedByGroup,
  isReady,
  statesFresh,
  mergeRequest,
  newGroup,
  pendingOutputs,
  planInitial,
  planInserted,
  resolvePreventInitial,
  type CallbackRequest,
} from '../../src/core/plan.ts'
import { callOf, type Call } from '../../src/core/resolve.ts'

const split = (k: string) => [k.split('.')[0]!, k.split('.')[1]!] as const

/** Registers callbacks from prop keys: `{ name, out, in, state, pic }`. */
function graphOf(
  ...defs: { name: string; out?: string[]; in?: string[]; state?: string[]; pic?: boolean }[]
) {
  const g = new Graph()
  const byName: Record<string, CallbackSpec> = {}
  defs.forEach((d, index) => {
    const s = createCallbackSpec(
      index,
      (d.out ?? []).map((k) => Output(...split(k))) as OutputDep[],
      (d.in ?? []).map((k) => Input(...split(k))) as InputDep[],
      (d.state ?? []).map((k) => State(...split(k))) as StateDep[],
      () => null,
      { name: d.name, preventInitialCall: d.pic }
    )
    g.add(s)
    byName[d.name] = s
  })
  return { g, cb: byName }
}

/** A page holding `ids`; `parent` maps an id to its parent id. */
const pageOf = (ids: string[], parent: Record<string, string> = {}) =>
  new PageState(ids.map((id) => ({ id, kind: 'div', props: {}, parent: parent[id] ?? null })))

const names = (list: readonly Call[]) => list.map((c) => c.cb.name)
/** A plan's triggered calls as `[callback, keys]`. */
const triggeredOf = (m: Map<Call, string[]>) => [...m].map(([c, keys]) => [c.cb, keys])
const allowAll = resolvePreventInitial(false)

describe('resolvePreventInitial (R25)', () => {
  const { cb } = graphOf(
    { name: 'unset', out: ['a.children'], in: ['x.value'] },
    { name: 'on', out: ['b.children'], in: ['x.value'], pic: true },
    { name: 'off', out: ['c.children'], in: ['x.value'], pic: false }
  )
  it.each([
    { appDefault: false, unset: false, on: true, off: false },
    { appDefault: true, unset: true, on: true, off: false },
  ])(
    'app default $appDefault: unset → $unset, true → $on, false → $off',
    ({ appDefault, unset, on, off }) => {
      const prevent = resolvePreventInitial(appDefault)
      expect([prevent(cb['unset']!), prevent(cb['on']!), prevent(cb['off']!)]).toEqual([unset, on, off])
    }
  )
})

describe('planInitial', () => {
  it('R6: runs callbacks whose outputs are on the page; an Input alone does not (Dash rddp001)', () => {
    const { g } = graphOf(
      { name: 'toMissing', out: ['missing.children'], in: ['input.value'] },
      { name: 'toOut', out: ['out.children'], in: ['input.value'] }
    )
    expect(names(planInitial(g, pageOf(['input', 'out']), allowAll))).toEqual(['toOut'])
  })

  it('R6: runs a callback when only some of its outputs are on the page', () => {
    const { g } = graphOf({ name: 'multi', out: ['here.children', 'gone.children'], in: ['input.value'] })
    expect(names(planInitial(g, pageOf(['input', 'here']), allowAll))).toEqual(['multi'])
  })

  it.each([
    { case: 'no-output callback with its input present', page: ['btn'], planned: ['noOut'] },
    { case: 'no-output callback with its input absent', page: ['other'], planned: [] },
    { case: 'no-input callback with its output present (Dash cbsc023)', page: ['output'], planned: [] },
  ])('R7: $case', ({ page, planned }) => {
    const { g } = graphOf({ name: 'noOut', in: ['btn.n_clicks'] })
    expect(names(planInitial(g, pageOf(page), allowAll))).toEqual(planned)
  })

  it.each([
    { page: ['output', 'store'], planned: ['stateOnly', 'bare1', 'bare2'] },
    { page: ['store'], planned: ['bare1', 'bare2'] },
  ])(
    'R7: no-input callbacks fire when an output is present; no-input no-output ones always',
    ({ page, planned }) => {
      const { g } = graphOf(
        { name: 'stateOnly', out: ['output.children'], state: ['store.data'] },
        { name: 'bare1' },
        { name: 'bare2' }
      )
      expect(names(planInitial(g, pageOf(page), allowAll))).toEqual(planned)
    }
  )

  it('R8: drops a callback whose inputs are all missing, and cascades down (Dash cbmi002)', () => {
    const { g } = graphOf(
      { name: 'out1', out: ['out1.children'], in: ['a.children'] },
      { name: 'out2', out: ['out2.children'], in: ['b.children'] },
      { name: 'out3', out: ['out3.children'], in: ['out1.children', 'out2.children'] }
    )
    expect(names(planInitial(g, pageOf(['out1', 'out2', 'out3']), allowAll))).toEqual([])
  })

  it('R8: keeps a callback with one live input among dropped ones; State never counts (Dash cbmi001)', () => {
    const { g } = graphOf(
      {
        name: 'out1',
        out: ['out1.children'],
        in: ['a.children', 'b.children'],
        state: ['c.children', 'title.children'],
      },
      { name: 'out2', out: ['out2.children'], in: ['out1.children'], state: ['title.children'] },
      { name: 'out3', out: ['out3.children'], in: ['out1.children', 'title.children'] }
    )
    expect(names(planInitial(g, pageOf(['out1', 'out2', 'out3', 'title']), allowAll))).toEqual(['out3'])
  })

  it('R8: a cascade registered in reverse order is still followed to its end', () => {
    const { g } = graphOf(
      { name: 'c', out: ['c.children'], in: ['b.children'] },
      { name: 'b', out: ['b.children'], in: ['a.children'] },
      { name: 'a', out: ['a.children'], in: ['missing.value'] }
    )
    expect(names(planInitial(g, pageOf(['a', 'b', 'c']), allowAll))).toEqual([])
  })

  it('R25: leaves out prevented callbacks, but not what they feed (Dash cbpi001)', () => {
    const defs = [
      { name: 'A', out: ['a.children'], in: ['btn.n_clicks'], pic: true },
      { name: 'B', out: ['b.children'], in: ['a.children'] },
      { name: 'C', out: ['c.children'], in: ['a.children'], pic: true },
      { name: 'D', out: ['d.children'], in: ['d.style'] },
      { name: 'E', out: ['e.children'], in: ['a.children', 'd.children'] },
      { name: 'F', out: ['f.children'], in: ['a.children', 'b.children', 'd.children'], pic: true },
    ]
    const page = pageOf(['btn', 'a', 'b', 'c', 'd', 'e', 'f'])
    expect(names(planInitial(graphOf(...defs).g, page, allowAll))).toEqual(['B', 'D', 'E'])
  })

  it.each([
    { appDefault: false, planned: ['unset', 'off'] },
    { appDefault: true, planned: ['off'] },
  ])('R25: with the app default $appDefault, plans $planned', ({ appDefault, planned }) => {
    const { g } = graphOf(
      { name: 'unset', out: ['a.children'], in: ['x.value'] },
      { name: 'on', out: ['b.children'], in: ['x.value'], pic: true },
      { name: 'off', out: ['c.children'], in: ['x.value'], pic: false }
    )
    const page = pageOf(['x', 'a', 'b', 'c'])
    expect(names(planInitial(g, page, resolvePreventInitial(appDefault)))).toEqual(planned)
  })

  it('lists callbacks in registration order, each once', () => {
    const { g } = graphOf(
      { name: 'second', out: ['y.children', 'y.style'], in: ['x.value'] },
      { name: 'first', out: ['z.children'], in: ['x.value'] }
    )
    expect(names(planInitial(g, pageOf(['z', 'y', 'x']), allowAll))).toEqual(['second', 'first'])
  })
})

describe('planInserted', () => {
  // `container` holds the chunk; `outside` and `layout-div` stay on the page around it.
  const inChunk = (ids: string[], others: string[]) =>
    pageOf([...others, ...ids], Object.fromEntries(ids.map((id) => [id, 'container'])))

  it('R20a: a callback with an Output in the chunk gets an initial call', () => {
    const { g } = graphOf({ name: 'K', out: ['sub-output.children'], in: ['sub-input.value'] })
    const page = inChunk(['sub-input', 'sub-output'], ['container'])
    const plan = planInserted(g, page, new Set(['sub-input', 'sub-output']), allowAll)
    expect(names(plan.initial)).toEqual(['K'])
    expect(triggeredOf(plan.triggered)).toEqual([])
  })

  it('R20a: preventInitialCall suppresses the initial call', () => {
    const { g } = graphOf({ name: 'K', out: ['sub-output.children'], in: ['sub-input.value'], pic: true })
    const page = inChunk(['sub-input', 'sub-output'], ['container'])
    const plan = planInserted(g, page, new Set(['sub-input', 'sub-output']), allowAll)
    expect(plan.initial).toEqual([])
    expect(plan.triggered.size).toBe(0)
  })

  it('R20b/R21: an inserted Input triggers a callback with an Output outside the chunk, PIC or not', () => {
    const { g, cb } = graphOf(
      { name: 'update_output', out: ['output.children'], in: ['input.value'], pic: true },
      { name: 'update_layout_div', out: ['layout-div.children'], in: ['input.value'], pic: true }
    )
    const page = inChunk(['input', 'output'], ['container', 'layout-div'])
    const plan = planInserted(g, page, new Set(['input', 'output']), allowAll)
    expect(plan.initial).toEqual([])
    expect(triggeredOf(plan.triggered)).toEqual([[cb['update_layout_div'], ['input.value']]])
  })

  it('R20b: lists every inserted Input of the callback, in declaration order per inserted id', () => {
    const { g, cb } = graphOf({
      name: 'K',
      out: ['outside.children'],
      in: ['b.value', 'a.value', 'kept.value', 'a.n_submit'],
    })
    const page = inChunk(['a', 'b'], ['container', 'outside', 'kept'])
    const plan = planInserted(g, page, new Set(['a', 'b']), allowAll)
    expect(triggeredOf(plan.triggered)).toEqual([[cb['K'], ['a.value', 'a.n_submit', 'b.value']]])
  })

  it('R20b: an Output missing from the page does not count as outside', () => {
    const { g } = graphOf({ name: 'K', out: ['absent.children'], in: ['a.value'] })
    const plan = planInserted(g, inChunk(['a'], ['container']), new Set(['a']), allowAll)
    expect(plan.triggered.size).toBe(0)
    expect(plan.initial).toEqual([])
  })

  it('R23: a no-output callback is not triggered by its Input being inserted', () => {
    const { g } = graphOf({ name: 'noOut', in: ['a.value'] })
    const plan = planInserted(g, inChunk(['a'], ['container']), new Set(['a']), allowAll)
    expect(plan.triggered.size).toBe(0)
    expect(plan.initial).toEqual([])
  })

  it('a callback with Outputs inside and outside the chunk and an inserted Input is only triggered', () => {
    const { g, cb } = graphOf({ name: 'K', out: ['inner.children', 'outer.children'], in: ['a.value'] })
    const page = inChunk(['a', 'inner'], ['container', 'outer'])
    const plan = planInserted(g, page, new Set(['a', 'inner']), allowAll)
    expect(plan.initial).toEqual([])
    expect(triggeredOf(plan.triggered)).toEqual([[cb['K'], ['a.value']]])
  })

  it('R8 on the chunk: an inserted output whose inputs are all missing gets no initial call', () => {
    const { g } = graphOf(
      { name: 'dead', out: ['x.children'], in: ['missing.value'] },
      { name: 'live', out: ['y.children'], in: ['outside.value'] }
    )
    const plan = planInserted(g, inChunk(['x', 'y'], ['container', 'outside']), new Set(['x', 'y']), allowAll)
    expect(names(plan.initial)).toEqual(['live'])
  })

  it('R8 on the chunk: a callback triggered only by outputs of dropped callbacks is dropped too', () => {
    // Dash runs the exclusion loop over every callback of the chunk (getLayoutCallbacks), so `K`,
    // whose only Input is written by the dropped `dead`, does not fire either.
    const { g } = graphOf(
      { name: 'dead', out: ['x.children'], in: ['missing.value'] },
      { name: 'K', out: ['outside.children'], in: ['x.children'] }
    )
    const plan = planInserted(g, inChunk(['x'], ['container', 'outside']), new Set(['x']), allowAll)
    expect(plan.initial).toEqual([])
    expect(plan.triggered.size).toBe(0)
  })

  it('R8 on the chunk: a prevented callback is not dropped, so what it feeds still fires', () => {
    const { g, cb } = graphOf(
      { name: 'pic', out: ['x.children'], in: ['missing.value'], pic: true },
      { name: 'K', out: ['outside.children'], in: ['x.children'] }
    )
    const plan = planInserted(g, inChunk(['x'], ['container', 'outside']), new Set(['x']), allowAll)
    expect(triggeredOf(plan.triggered)).toEqual([[cb['K'], ['x.children']]])
  })
})

describe('mergeRequest', () => {
  const { cb } = graphOf({ name: 'K', out: ['o.children'], in: ['a.value', 'b.value'] })
  const K = cb['K']!
  type Step = { changed: string[]; initial: boolean }

  it.each<{ case: string; steps: Step[]; changed: string[]; initial: boolean }>([
    { case: 'one initial request', steps: [{ changed: [], initial: true }], changed: [], initial: true },
    {
      case: 'one triggered request',
      steps: [{ changed: ['a.value'], initial: false }],
      changed: ['a.value'],
      initial: false,
    },
    {
      case: 'an "initial" request that carries triggers is not initial',
      steps: [{ changed: ['a.value'], initial: true }],
      changed: ['a.value'],
      initial: false,
    },
    {
      case: 'R11: initial, then triggered',
      steps: [
        { changed: [], initial: true },
        { changed: ['b.value'], initial: false },
      ],
      changed: ['b.value'],
      initial: false,
    },
    {
      case: 'R11: triggered, then initial',
      steps: [
        { changed: ['b.value'], initial: false },
        { changed: [], initial: true },
      ],
      changed: ['b.value'],
      initial: false,
    },
    {
      case: 'two initial requests',
      steps: [
        { changed: [], initial: true },
        { changed: [], initial: true },
      ],
      changed: [],
      initial: true,
    },
    {
      case: 'R13: triggers are unioned in order of arrival, without repeats',
      steps: [
        { changed: ['b.value'], initial: false },
        { changed: ['a.value', 'b.value'], initial: false },
        { changed: ['b.value'], initial: false },
      ],
      changed: ['b.value', 'a.value'],
      initial: false,
    },
  ])('$case', ({ steps, changed, initial }) => {
    const queue = new Map<string, CallbackRequest>()
    for (const s of steps) mergeRequest(queue, K, s.changed, s.initial, null)
    expect(queue.size).toBe(1)
    expect(queue.get('0')).toEqual({
      call: { cb: K, match: null, key: '0' },
      cb: K,
      changed,
      initial,
      group: null,
    })
  })

  it('keeps the first group it was given', () => {
    const queue = new Map<string, CallbackRequest>()
    const g1 = newGroup()
    const g2 = newGroup()
    mergeRequest(queue, K, ['a.value'], false, null)
    mergeRequest(queue, K, [], true, g1)
    mergeRequest(queue, K, [], true, g2)
    expect(queue.get('0')!.group).toBe(g1)
  })

  it("does not share the caller's array", () => {
    const queue = new Map<string, CallbackRequest>()
    const changed = ['a.value']
    mergeRequest(queue, K, changed, false, null)
    mergeRequest(queue, K, ['b.value'], false, null)
    expect(changed).toEqual(['a.value'])
  })
})

describe('isReady (R14)', () => {
  const { cb } = graphOf(
    { name: 'K', out: ['o.children'], in: ['a.value', 'b.value'], state: ['s.value'] },
    { name: 'self', out: ['x.value', 'y.children'], in: ['x.value', 'z.value'] }
  )
  it.each([
    { case: 'nothing pending', spec: 'K', blocked: [], ready: true },
    { case: 'an Input pending', spec: 'K', blocked: ['b.value'], ready: false },
    { case: 'only a State pending', spec: 'K', blocked: ['s.value'], ready: true },
    { case: 'only its own Output pending', spec: 'K', blocked: ['o.children'], ready: true },
    {
      case: 'an Input that is also its own Output',
      spec: 'self',
      blocked: ['x.value', 'y.children'],
      ready: true,
    },
    { case: 'another Input pending', spec: 'self', blocked: ['x.value', 'z.value'], ready: false },
  ])('$case → $ready', ({ spec, blocked, ready }) => {
    expect(isReady(cb[spec]!, new Set(blocked))).toBe(ready)
  })

  // Fresh State: what requests in flight elsewhere may still write blocks States too (statesFresh).
  it.each([
    { case: 'a State written elsewhere', spec: 'K', external: ['s.value'], fresh: false },
    { case: 'an Input written elsewhere (isReady decides)', spec: 'K', external: ['a.value'], fresh: true },
    { case: 'something it does not read', spec: 'K', external: ['q.value'], fresh: true },
    { case: 'nothing in flight', spec: 'K', external: [], fresh: true },
    { case: 'a callback without States', spec: 'self', external: ['x.value'], fresh: true },
  ])('statesFresh: $case → $fresh', ({ spec, external, fresh }) => {
    expect(statesFresh(callOf(cb[spec]!), new PageState(), new Set(external))).toBe(fresh)
  })
})

describe('isPrunedByGroup (R17)', () => {
  const { cb } = graphOf(
    { name: 'K', out: ['o.children'], in: ['a.value', 'b.value'] },
    { name: 'bare', out: ['p.children'], state: ['a.value'] }
  )
  const req = (name: string, all: string[] | null, updated: string[] = []): CallbackRequest => ({
    call: callOf(cb[name]!),
    cb: cb[name]!,
    changed: [],
    initial: true,
    group: all && { allProps: new Set(all), updatedProps: new Set(updated) },
  })
  it.each([
    { case: 'no group', r: req('K', null), pruned: false },
    { case: 'inputs covered, none updated', r: req('K', ['a.value', 'b.value', 'x.y']), pruned: true },
    { case: 'inputs covered, one updated', r: req('K', ['a.value', 'b.value'], ['b.value']), pruned: false },
    { case: 'one input not covered by the group', r: req('K', ['a.value']), pruned: false },
    { case: 'an empty group', r: req('K', []), pruned: false },
    { case: 'a callback without inputs', r: req('bare', ['a.value']), pruned: false },
  ])('$case → $pruned', ({ r, pruned }) => {
    expect(isPrunedByGroup(r)).toBe(pruned)
  })

  it.each([
    { case: 'the uncovered input is missing from the page', present: ['a'], pruned: true },
    { case: 'both inputs are on the page', present: ['a', 'b'], pruned: false },
  ])('ignores inputs whose component is missing: $case → $pruned', ({ present, pruned }) => {
    expect(isPrunedByGroup(req('K', ['a.value']), (id) => present.includes(id))).toBe(pruned)
  })
})

describe('pendingOutputs and externalPending', () => {
  const { g, cb } = graphOf(
    { name: 'top', out: ['m.value'], in: ['src.value'] },
    { name: 'mid', out: ['leaf.children'], in: ['m.value'] },
    { name: 'side', out: ['side.children'], in: ['other.value'], state: ['m.value'] },
    { name: 'solo', out: ['solo.children'], in: ['solo.n_clicks'] }
  )
  it('pendingOutputs adds every prop the callbacks may write, directly or downstream', () => {
    expect([...pendingOutputs(g, [cb['top']!, cb['solo']!])].sort()).toEqual([
      'leaf.children',
      'm.value',
      'solo.children',
    ])
  })

  it.each([
    { triggers: ['src.value'], callbacks: [], pending: ['leaf.children', 'm.value'] },
    { triggers: ['m.value'], callbacks: [], pending: ['leaf.children'] },
    { triggers: ['other.value'], callbacks: ['solo'], pending: ['side.children', 'solo.children'] },
    { triggers: ['leaf.children'], callbacks: [], pending: [] },
    { triggers: [], callbacks: ['mid'], pending: ['leaf.children'] },
  ])(
    'triggers $triggers and callbacks $callbacks leave $pending pending',
    ({ triggers, callbacks, pending }) => {
      const out = externalPending(
        g,
        triggers,
        callbacks.map((n) => cb[n]!)
      )
      expect([...out].sort()).toEqual(pending)
    }
  )
})

describe('byPriority', () => {
  it('orders by depth in the graph, then by registration', () => {
    const { g, cb } = graphOf(
      { name: 'deep', out: ['d.children'], in: ['m.value'] },
      { name: 'top', out: ['m.value'], in: ['src.value'] },
      { name: 'top2', out: ['n.value'], in: ['src.value'] }
    )
    const reqs = ['deep', 'top2', 'top'].map((n) => ({
      call: callOf(cb[n]!),
      cb: cb[n]!,
      changed: [],
      initial: false,
      group: null,
    }))
    expect(reqs.sort(byPriority(g)).map((r) => r.cb.name)).toEqual(['top', 'top2', 'deep'])
  })
})
