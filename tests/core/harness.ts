/**
 * @module harness
 * A tiny Dash-like app around the pure engine, for the core tests: layouts in Dash's JSON form
 * (`{ type, props }`), a hand-written scanner, a registry that counts and logs every call, and
 * `load` / `event` helpers that drive `runWave` the way the page and update routes do.
 */
import { createCallbackSpec, type CallbackOptions, type CallbackSpec } from '../../src/core/callback.ts'
import type { CallbackContext } from '../../src/core/context.ts'
import type { InputDep, OutputDep, StateDep } from '../../src/core/dependency.ts'
import { Graph } from '../../src/core/graph.ts'
import type { PropKey } from '../../src/core/ids.ts'
import { PageState, type ComponentRecord } from '../../src/core/page.ts'
import { newGroup, planInitial, resolvePreventInitial, type PreventInitial } from '../../src/core/plan.ts'
import { startWave, type CallbackResult, type WaveOptions, type WaveOutcome } from '../../src/core/run.ts'

/** What a test may add to a wave's options: `onResult` sees each result once it is applied. */
export type Extra = Partial<WaveOptions> & { onResult?: (r: CallbackResult) => void | Promise<void> }

/** Runs a wave, handing each result to `onResult` as the wave's stream delivers it. */
async function drive({ onResult, ...o }: WaveOptions & Pick<Extra, 'onResult'>): Promise<WaveOutcome> {
  const wave = startWave(o)
  if (onResult) for await (const batch of wave.results) for (const r of batch) await onResult(r)
  return wave.outcome
}

/** A component in Dash's JSON form. */
export interface El {
  readonly type: string
  readonly props: Readonly<Record<string, unknown>>
}

/** `h('div', { id: 'out' }, 'text')`: one child is kept alone, several become a list (Dash's shape). */
export function h(type: string, props: Record<string, unknown> = {}, ...children: unknown[]): El {
  const p = { ...props }
  if (children.length === 1) p['children'] = children[0]
  else if (children.length > 1) p['children'] = children
  return { type, props: p }
}

const isEl = (v: unknown): v is El => typeof v === 'object' && v !== null && 'type' in v && 'props' in v

/** Finds the components with an id that `involves` accepts, each with its nearest such ancestor. */
export function scanJson(
  value: unknown,
  parent: string | null,
  involves: (id: string) => boolean
): ComponentRecord[] {
  const out: ComponentRecord[] = []
  const walk = (v: unknown, at: string | null) => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, at))
    if (!isEl(v)) return
    const id = v.props['id']
    let here = at
    if (typeof id === 'string' && involves(id)) {
      out.push({ id, kind: v.type, props: { ...v.props }, parent: at })
      here = id
    }
    walk(v.props['children'], here)
  }
  walk(value, parent)
  return out
}

/** A promise opened by hand: lets a test order async callbacks without timers. */
export function gate<T = void>() {
  let open!: (v: T) => void
  const promise = new Promise<T>((resolve) => (open = resolve))
  return { promise, open }
}

type Fn = (...args: never[]) => unknown
type Many<T> = T | readonly T[]

/** One app under test: its graph, call counts, call order and the context of every call. */
export class TestApp {
  readonly graph = new Graph()
  readonly calls: Record<string, number> = {}
  /** Callback names in the order their functions were entered. */
  readonly log: string[] = []
  readonly contexts: Record<string, CallbackContext[]> = {}
  readonly prevent: PreventInitial

  constructor(opts: { preventInitialCallbacks?: boolean } = {}) {
    this.prevent = resolvePreventInitial(opts.preventInitialCallbacks ?? false)
  }

  /** Registers a callback named `name`; its function is counted and its context kept. */
  callback(
    name: string,
    outputs: Many<OutputDep>,
    inputs: Many<InputDep>,
    states: readonly StateDep[],
    fn: Fn,
    options: Omit<CallbackOptions, 'name'> = {}
  ): CallbackSpec {
    const counted = (...args: unknown[]) => {
      this.calls[name] = (this.calls[name] ?? 0) + 1
      this.log.push(name)
      ;(this.contexts[name] ??= []).push(args[args.length - 1] as CallbackContext)
      return (fn as (...a: unknown[]) => unknown)(...args)
    }
    const spec = createCallbackSpec(this.graph.callbacks.length, outputs, inputs, states, counted, {
      ...options,
      name,
    })
    this.graph.add(spec)
    return spec
  }

  count(name: string): number {
    return this.calls[name] ?? 0
  }

  /** The `triggered` prop ids of every call of `name`, call by call. */
  triggered(name: string): string[][] {
    return (this.contexts[name] ?? []).map((c) => c.triggered.map((t) => t.prop_id))
  }

  scanner = (value: unknown, parent: string) => scanJson(value, parent, (id) => this.graph.involves(id))

  /** Builds the page of a layout, as the page route does. */
  page(layout: unknown): PageState {
    return new PageState(scanJson(layout, null, (id) => this.graph.involves(id)))
  }

  /** Page load: plans the initial calls and runs them in one group (R6–R8, R17, R25). */
  async load(layout: unknown, extra: Extra = {}): Promise<Loaded> {
    const page = this.page(layout)
    const initial = planInitial(this.graph, page, this.prevent)
    const outcome = await drive({
      graph: this.graph,
      page,
      start: initial.map((c) => ({ cb: c.cb, match: c.match, changed: [], initial: true })),
      startGroup: newGroup(),
      prevent: this.prevent,
      scan: this.scanner,
      ...extra,
    })
    return { page, outcome }
  }

  /**
   * A user event: writes `changes` into the page and runs every consumer of the changed props in one
   * wave, as the update route does.
   */
  async event(page: PageState, changes: Record<PropKey, unknown>, extra: Extra = {}) {
    const start = new Map<CallbackSpec, PropKey[]>()
    for (const [key, value] of Object.entries(changes)) {
      if (!page.set(key, value)) throw new Error(`test bug: ${key} is not on the page`)
      for (const cb of this.graph.consumers(key)) {
        const list = start.get(cb) ?? []
        list.push(key)
        start.set(cb, list)
      }
    }
    return drive({
      graph: this.graph,
      page,
      start: [...start].map(([cb, changed]) => ({ cb, changed })),
      prevent: this.prevent,
      scan: this.scanner,
      ...extra,
    })
  }

  /** A click: `n_clicks` goes from unset to 1, then 2, … */
  click(page: PageState, id: string, extra: Extra = {}) {
    const n = page.value(`${id}.n_clicks`)
    return this.event(page, { [`${id}.n_clicks`]: typeof n === 'number' ? n + 1 : 1 }, extra)
  }

  /** Types `text` one key at a time into `id.value`, one event per key. */
  async type(page: PageState, id: string, text: string) {
    for (const ch of text)
      await this.event(page, { [`${id}.value`]: `${page.value(`${id}.value`) ?? ''}${ch}` })
  }
}

export interface Loaded {
  page: PageState
  outcome: WaveOutcome
}

/** `[name, status]` for every result of a wave, in completion order. */
export const statuses = (o: WaveOutcome) => o.results.map((r: CallbackResult) => [r.cb.name, r.status])
