/**
 * Seed: "Displaying Errors with dashNoUpdate". Shows the prime factors of a composite number, or an
 * error (keeping the last result) when the number is prime; `noUpdate` for both when empty.
 */
import { createApp, Input, isMain, noUpdate, Output } from '../src/index.ts'
import { dcc } from '../views/components/index.ts'

export function primeFactors(num: number): number[] {
  let n = num
  let i = 2
  const out: number[] = []
  while (i * i <= n) {
    if (n % i === 0) {
      n = Math.trunc(n / i)
      out.push(i)
    } else i = i === 2 ? i + 1 : i + 2
  }
  out.push(n)
  return out
}

export const app = createApp({
  title: 'noUpdate: prime factors',
  layout: (
    <div>
      <p>Enter a composite number to see its prime factors</p>
      <dcc.Input id="num" type="number" debounce min={1} step={1} />
      <p id="err" style={{ color: 'red' }} />
      <p id="out" />
    </div>
  ),
})

app.callback(
  [Output('out', 'children'), Output('err', 'children')],
  [Input('num', 'value')],
  function show_factors(num) {
    // It can be used to prevent ALL outputs updating
    if (num == null) return noUpdate
    const factors = primeFactors(Number(num))
    if (factors.length === 1) return [noUpdate, `${num} is prime!`]
    return [`${num} is ${factors.join(' * ')}`, '']
  }
)

if (isMain(import.meta)) app.listen()
