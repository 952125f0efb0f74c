/**
 * The README's typed-ref example compiles, and its two mistakes do not.
 */
import { expectTypeOf, it } from 'vitest'
import { createApp, Input, noUpdate, Output, ref } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'

it('type-checks the README example', () => {
  const app = createApp({ layout: null, secret: 'readme-types-secret-00' })
  const num = ref(dcc.Input, 'num')
  const out = ref('p', 'out')
  app.callback([Output(out, 'children'), Output(num, 'disabled')], [Input(num, 'value')], (value) => {
    expectTypeOf(value).toEqualTypeOf<string | number | null>()
    return value == null ? noUpdate : [`got ${value}`, false]
  })
  // @ts-expect-error 'valu' is not a prop of dcc.Input
  Input(num, 'valu')
})
