/**
 * Callbacks passed with options keep their typing (one signature instead of overloads).
 */
import { expectTypeOf, it } from 'vitest'
import { createApp, Input, Output, ref, State } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'

const app = createApp({ layout: null, secret: 'types-only-secret-0000' })
const num = ref(dcc.Input, 'num')
const other = ref(dcc.Input, 'other')
const third = ref(dcc.Input, 'third')

it('accepts a typed multi-output callback with options and no parameters', () => {
  const fn = app.callback(
    [Output('c', 'children'), Output(num, 'disabled')],
    [Input('b', 'n_clicks')],
    function g() {
      return ['x', true]
    },
    { name: 'g' }
  )
  expectTypeOf(fn).toBeFunction()
})

it('accepts States then options, and checks the return against the outputs', () => {
  app.callback(
    Output(other, 'disabled'),
    [Input('b2', 'n_clicks')],
    [State(num, 'value')],
    (_n, value) => value === null,
    { preventInitialCall: true }
  )
  app.callback(
    Output(third, 'disabled'),
    [Input('b3', 'n_clicks')],
    // @ts-expect-error disabled is a boolean, not a string
    () => 'yes',
    { name: 'wrong' }
  )
})
