/**
 * @module callbacks.test
 * Type tests: `app.callback()` checks a callback's parameters against its Inputs and States and its
 * return value against its Outputs (one value, a tuple for a list, `noUpdate` per position). Each
 * rejected case is a `@ts-expect-error` line: `tsc --noEmit` (part of `npm test`) fails if one of them
 * starts to compile. The runtime checks show the typed callbacks also register and run.
 */
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  createApp,
  Input,
  noUpdate,
  Output,
  PreventUpdate,
  ref,
  State,
  type CallbackArgs,
  type CallbackContext,
  type CallbackReturn,
  type HyperApp,
  type NoUpdate,
  type OutputDep,
} from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'

const num = ref(dcc.Input, 'num')
const slider = ref(dcc.Slider, 'slider')
const cities = ref(dcc.Checklist, 'cities')
const btn = ref('button', 'btn')
const out = ref('div', 'out')
const err = ref('p', 'err')

const newApp = () => createApp({ layout: null, secret: 'a-fixed-test-secret-0123456789' })

/** Apps made by {@link fresh}: one per callback, since these tests reuse the same outputs. */
let made: HyperApp[] = []
function fresh(): HyperApp {
  const app = newApp()
  made.push(app)
  return app
}
/** How many callbacks each app made since the last call registered. */
function registered(): number[] {
  const counts = made.map((a) => a.graph.callbacks.length)
  made = []
  return counts
}

describe('parameters', () => {
  it('are the Inputs then the States, each the prop type or null, then the context', () => {
    const app = newApp()
    const fn = app.callback(
      Output(out, 'children'),
      [Input(num, 'value'), Input(btn, 'n_clicks')],
      [State(slider, 'value'), State(cities, 'value'), State('raw', 'value')],
      (value, clicks, level, picked, raw, context) => {
        expectTypeOf(value).toEqualTypeOf<string | number | null>()
        expectTypeOf(clicks).toEqualTypeOf<number | null>()
        expectTypeOf(level).toEqualTypeOf<number | null>()
        expectTypeOf(picked).toEqualTypeOf<(string | number)[] | null>()
        expectTypeOf(raw).toEqualTypeOf<unknown>()
        expectTypeOf(context).toEqualTypeOf<CallbackContext>()
        return `${value}`
      }
    )
    expect(app.graph.callbacks).toHaveLength(1)
    expect(typeof fn).toBe('function')
  })

  it('take one Input given without a list', () => {
    type Args = CallbackArgs<ReturnType<typeof Input<typeof num, 'value'>>, []>
    expectTypeOf<Args>().toEqualTypeOf<[string | number | null, CallbackContext]>()
  })

  it('reject a parameter declared with a type the prop does not have', () => {
    // @ts-expect-error value is string | number | null, not number
    fresh().callback(Output(out, 'children'), [Input(num, 'value')], (v: number) => v)
    // @ts-expect-error n_clicks may be null before the first click (R9)
    fresh().callback(Output(out, 'children'), [Input(btn, 'n_clicks')], (n: number) => n)
    fresh().callback(Output(out, 'children'), [Input(btn, 'n_clicks')], (n) => {
      // @ts-expect-error n is number | null
      const count: number = n
      return count
    })
    expect(registered()).toEqual([1, 1, 1])
  })

  it('are unknown for plain string ids, as in the seed examples', () => {
    const app = newApp()
    app.callback(Output('out', 'children'), [Input('num', 'value')], [State('s', 'value')], (a, b) => {
      expectTypeOf(a).toEqualTypeOf<unknown>()
      expectTypeOf(b).toEqualTypeOf<unknown>()
      return String(a)
    })
    expect(app.graph.callbacks).toHaveLength(1)
  })
})

describe('a single Output', () => {
  it('takes the prop type, null, or noUpdate', () => {
    type R = CallbackReturn<ReturnType<typeof Output<typeof num, 'value'>>>
    expectTypeOf<R>().toEqualTypeOf<string | number | null | NoUpdate>()
    fresh().callback(Output(num, 'value'), [Input(slider, 'value')], (v) => (v == null ? noUpdate : v))
    fresh().callback(Output(slider, 'value'), [Input(btn, 'n_clicks')], () => null)
    fresh().callback(Output(out, 'children'), [Input(btn, 'n_clicks')], (n) => {
      if (!n) throw new PreventUpdate()
      return { type: 'b', props: { children: 'any renderable value' } }
    })
    fresh().callback(Output(err, 'style'), [Input(btn, 'n_clicks')], (n) =>
      n ? { color: 'red' } : 'color:gray'
    )
    fresh().callback(Output(err, 'hidden'), [Input(num, 'value')], async (v) => v === '')
    expect(registered()).toEqual([1, 1, 1, 1, 1])
  })

  it('rejects a value of another type', () => {
    // @ts-expect-error a Slider's value is a number
    fresh().callback(Output(slider, 'value'), [Input(num, 'value')], (v) => String(v))
    // @ts-expect-error hidden is a boolean
    fresh().callback(Output(err, 'hidden'), [Input(num, 'value')], () => 'yes')
    // @ts-expect-error an async callback is checked the same way
    fresh().callback(Output(slider, 'value'), [Input(btn, 'n_clicks')], async () => 'x')
    // @ts-expect-error a Checklist's value is a list
    fresh().callback(Output(cities, 'value'), [Input(btn, 'n_clicks')], () => 'Montréal')
    // @ts-expect-error a single Output takes a value, not a list of one
    fresh().callback(Output(slider, 'value'), [Input(btn, 'n_clicks')], () => [3])
    expect(registered()).toEqual([1, 1, 1, 1, 1])
  })
})

describe('a list of Outputs', () => {
  it('takes a tuple with a value or noUpdate per position, or noUpdate alone', () => {
    type R = CallbackReturn<readonly [OutputDep<string | number>, OutputDep<unknown>]>
    expectTypeOf<R>().toEqualTypeOf<readonly [string | number | NoUpdate | null, unknown] | NoUpdate>()
    fresh().callback([Output(out, 'children'), Output(err, 'children')], [Input(num, 'value')], (v) => {
      if (v == null) return noUpdate
      if (v === 7) return [noUpdate, `${v} is prime!`]
      return [`${v} = ...`, '']
    })
    const both = [Input(num, 'value'), Input(slider, 'value')] as const
    fresh().callback([Output(num, 'value'), Output(slider, 'value')], both, (a, b) => {
      const v = typeof a === 'number' ? a : b
      return [v, v]
    })
    fresh().callback([Output(slider, 'value')], [Input(btn, 'n_clicks')], (n) => [n])
    expect(registered()).toEqual([1, 1, 1])
  })

  it('rejects a wrong length or a wrong type at a position', () => {
    const two = [Output(num, 'value'), Output(slider, 'value')] as const
    // @ts-expect-error two Outputs, one value
    fresh().callback(two, [Input(btn, 'n_clicks')], (n) => [n])
    // @ts-expect-error three values for two Outputs
    fresh().callback(two, [Input(btn, 'n_clicks')], () => [1, 2, 3])
    // @ts-expect-error position 1 is a Slider's value: a number
    fresh().callback(two, [Input(num, 'value')], (v) => [v, 'x'])
    // @ts-expect-error a list of one Output takes a list of one value
    fresh().callback([Output(slider, 'value')], [Input(btn, 'n_clicks')], (n) => n)
    expect(registered()).toEqual([1, 1, 1, 1])
  })

  it('of plain string ids takes any list: its length is checked when the callback returns (R31)', () => {
    type R = CallbackReturn<readonly [OutputDep<unknown>, OutputDep<unknown>]>
    expectTypeOf<R>().toEqualTypeOf<readonly unknown[] | NoUpdate>()
    fresh().callback([Output('a', 'children'), Output('b', 'children')], [Input('c', 'value')], () => ['x'])
    // @ts-expect-error still a list
    fresh().callback([Output('a', 'children'), Output('b', 'children')], [Input('c', 'value')], () => 'x')
    expect(registered()).toEqual([1, 1])
  })
})

describe('dependencies in the wrong place', () => {
  it('are rejected: Outputs first, then Inputs, then States (R1)', () => {
    const app = newApp()
    // @ts-expect-error an Input where the Outputs go
    const inputAsOutput = () => app.callback(Input(num, 'value'), [Input(btn, 'n_clicks')], () => 1)
    // @ts-expect-error a State among the Inputs
    const stateAsInput = () => app.callback(Output(out, 'children'), [State(num, 'value')], () => 1)
    expect(inputAsOutput).toThrow(
      /argument 1 \(outputs\), item 0 is Input\("num", "value"\), but an Output was expected/
    )
    expect(stateAsInput).toThrow(
      /argument 2 \(inputs\), item 0 is State\("num", "value"\), but an Input was expected/
    )
  })
})
