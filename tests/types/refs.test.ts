/**
 * @module refs.test
 * Type tests: `ref()` and the dependencies made from it know each prop's type; a plain string id
 * stays untyped. Rejected cases are `@ts-expect-error` lines, so `tsc --noEmit` fails if one of them
 * starts to compile. The runtime checks show a ref is only its id.
 */
import { describe, expect, expectTypeOf, it } from 'vitest'
import { Input, Output, ref, State, type ComponentRef } from '../../src/index.ts'
import type { InputDep, OutputDep, StateDep } from '../../src/index.ts'
import type { ElementProps } from '../../src/core/dependency.ts'
import { dcc, type InputProps, type Option } from '../../views/components/index.ts'

describe('ref(component, id)', () => {
  it('knows the props of a dcc component', () => {
    const num = ref(dcc.Input, 'num')
    expect(num).toEqual({ id: 'num' })
    expect(Object.isFrozen(num)).toBe(true)
    expectTypeOf(Input(num, 'value')).toEqualTypeOf<InputDep<string | number>>()
    expectTypeOf(State(num, 'n_submit')).toEqualTypeOf<StateDep<number>>()
    expectTypeOf(Output(num, 'disabled')).toEqualTypeOf<OutputDep<boolean>>()
    expectTypeOf(Input(ref(dcc.Slider, 's'), 'value')).toEqualTypeOf<InputDep<number>>()
    expectTypeOf(Input(ref(dcc.Checklist, 'c'), 'value')).toEqualTypeOf<InputDep<(string | number)[]>>()
    expectTypeOf(State(ref(dcc.Checklist, 'c'), 'options')).toEqualTypeOf<StateDep<Option[]>>()
    expectTypeOf(Input(ref(dcc.Location, 'url'), 'pathname')).toEqualTypeOf<InputDep<string>>()
  })

  it('builds the same plain dependency as the string id', () => {
    const num = ref(dcc.Input, 'num')
    expect(Input(num, 'value')).toEqual(Input('num', 'value'))
    expect(Output(num, 'value')).toEqual({ kind: 'output', id: 'num', prop: 'value', key: 'num.value' })
  })

  it('rejects a prop the component does not have', () => {
    const num = ref(dcc.Input, 'num')
    // @ts-expect-error misspelled prop
    expect(() => Input(num, 'valeu')).not.toThrow()
    // @ts-expect-error `children` is not a prop of dcc.Input
    Output(num, 'children')
    // @ts-expect-error `hd` (the live attributes) is the renderer's, not a prop
    Input(num, 'hd')
  })

  it('checks its id at run time like any id (R4)', () => {
    expect(() => ref(dcc.Input, 'a.b')).toThrow(/ref\(\): component id 'a.b' contains '.' or '{'/)
  })
})

describe('ref(tag, id)', () => {
  it('knows the props of an HTML element', () => {
    const btn = ref('button', 'btn')
    expect(btn).toEqual({ id: 'btn' })
    expectTypeOf(btn).toEqualTypeOf<ComponentRef<ElementProps>>()
    expectTypeOf(Input(btn, 'n_clicks')).toEqualTypeOf<InputDep<number>>()
    expectTypeOf(Input(btn, 'n_clicks_timestamp')).toEqualTypeOf<InputDep<number>>()
    expectTypeOf(Output(btn, 'children')).toEqualTypeOf<OutputDep<unknown>>()
    expectTypeOf(Output(btn, 'className')).toEqualTypeOf<OutputDep<string>>()
    expectTypeOf(Output(btn, 'style')).toEqualTypeOf<OutputDep<Record<string, string | number> | string>>()
    expectTypeOf(Output(btn, 'hidden')).toEqualTypeOf<OutputDep<boolean>>()
    expectTypeOf(Output(btn, 'data-state')).toEqualTypeOf<OutputDep<string>>()
    expectTypeOf(Output(btn, 'aria-label')).toEqualTypeOf<OutputDep<string>>()
  })

  it('rejects a prop elements do not have', () => {
    const btn = ref('button', 'btn')
    // @ts-expect-error misspelled n_clicks
    expect(Input(btn, 'nclicks')).toEqual(Input('btn', 'nclicks'))
    // @ts-expect-error Dash spells it className
    Output(btn, 'class')
  })
})

describe('ref<Props>(id)', () => {
  it('takes the props by hand', () => {
    const box = ref<{ value: number; label?: string }>('box')
    expectTypeOf(Input(box, 'value')).toEqualTypeOf<InputDep<number>>()
    expectTypeOf(Input(box, 'label')).toEqualTypeOf<InputDep<string>>()
    // @ts-expect-error not one of the given props
    Input(box, 'other')
  })

  it('takes an existing props interface (no index signature needed)', () => {
    const num = ref<InputProps>('num')
    expectTypeOf(Input(num, 'value')).toEqualTypeOf<InputDep<string | number>>()
  })

  it('is untyped without props', () => {
    const any = ref('anything')
    expectTypeOf(Input(any, 'whatever')).toEqualTypeOf<InputDep<unknown>>()
  })
})

describe('string ids', () => {
  it('stay untyped: any prop name, unknown values', () => {
    expectTypeOf(Input('num', 'value')).toEqualTypeOf<InputDep<unknown>>()
    expectTypeOf(State('x', 'data-anything')).toEqualTypeOf<StateDep<unknown>>()
    expectTypeOf(Output('out', 'children')).toEqualTypeOf<OutputDep<unknown>>()
    expect(Input('num', 'value')).toEqual({ kind: 'input', id: 'num', prop: 'value', key: 'num.value' })
  })

  it('reject what is not a string or a ref', () => {
    // @ts-expect-error an id is a string (dict ids come later, R40)
    expect(() => Input(3, 'value')).toThrow(/component id 3 is not a non-empty string/)
    // @ts-expect-error a prop name is a string
    expect(() => Input('num', 3)).toThrow(/property 3 is not a valid prop name/)
  })
})

describe('wildcard refs (pattern matching)', () => {
  it('ALL/ALLSMALLER give lists; MATCH and concrete dict ids a single value', async () => {
    const { ALL, ALLSMALLER, MATCH } = await import('../../src/index.ts')
    expectTypeOf(Input({ type: 'todo', index: ALL }, 'value')).toEqualTypeOf<
      ReturnType<typeof Input<{ readonly type: 'todo'; readonly index: typeof ALL }, 'value'>>
    >()
    const all = ref(dcc.Checklist, { type: 'done', index: ALL })
    const one = ref(dcc.Checklist, { type: 'done', index: MATCH })
    const app = (await import('../../src/index.ts')).createApp({
      layout: null,
      secret: 'a-fixed-test-secret-0123456789',
    })
    app.callback(
      Output({ type: 'out', index: MATCH }, 'children'),
      [Input(one, 'value'), Input({ type: 'done', index: ALLSMALLER }, 'value')],
      [State(all, 'value'), State({ type: 'raw', index: ALL }, 'value')],
      (mine, before, every, raw) => {
        expectTypeOf(mine).toEqualTypeOf<(string | number)[] | null>()
        expectTypeOf(before).toEqualTypeOf<unknown[]>()
        expectTypeOf(every).toEqualTypeOf<((string | number)[] | null)[]>()
        expectTypeOf(raw).toEqualTypeOf<unknown[]>()
        return 'x'
      }
    )
    app.callback(Output({ type: 'all', index: ALL }, 'children'), [Input('b', 'n_clicks')], () => ['a', 'b'])
    // @ts-expect-error an ALL Output returns a list
    app.callback(Output({ type: 'x', index: ALL }, 'children'), [Input('c', 'n_clicks')], () => 'a')
    expect(app.graph.callbacks).toHaveLength(3)
  })

  it('named arguments in, an object out', async () => {
    const { createApp } = await import('../../src/index.ts')
    const app = createApp({ layout: null, secret: 'a-fixed-test-secret-0123456789' })
    const num = ref(dcc.Input, 'num')
    app.callback(
      { total: Output('total', 'children'), flag: Output(ref('div', 'flag'), 'hidden') },
      { n: Input(num, 'value'), clicks: State(ref('button', 'b'), 'n_clicks') },
      [],
      ({ n, clicks }) => {
        expectTypeOf(n).toEqualTypeOf<string | number | null>()
        expectTypeOf(clicks).toEqualTypeOf<number | null>()
        return { total: `${n}`, flag: true }
      }
    )
    const flagOnly = { flag: Output(ref('div', 'f2'), 'hidden') }
    app.callback(flagOnly, { n: Input(num, 'value') }, [], () => ({
      // @ts-expect-error `flag` must be a boolean
      flag: 'no',
    }))
    expect(app.graph.callbacks).toHaveLength(2)
  })
})
