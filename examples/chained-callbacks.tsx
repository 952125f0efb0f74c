/**
 * Seed: "As an Indirect Result of User Interaction". Click the slow button, then the fast one: the
 * fast output appears at once; the third callback waits for the slow one, then runs once.
 * `SLOW_MS` sets the slow callback's sleep (default 5000 ms).
 */
import { createApp, Input, isMain, Output } from '../src/index.ts'

const SLOW_MS = Number(process.env['SLOW_MS'] ?? 5000)
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true })
  })
const now = () => new Date().toISOString().replace('T', ' ').slice(0, 23)

export const app = createApp({
  title: 'Chained callbacks',
  layout: (
    <div>
      <button id="button_3">execute fast callback</button>
      <button id="button_4">execute slow callback</button>
      <div id="first_output_3">callback not executed</div>
      <div id="second_output_3">callback not executed</div>
      <div id="third_output_3">callback not executed</div>
    </div>
  ),
})

app.callback([Output('first_output_3', 'children')], [Input('button_3', 'n_clicks')], function fast() {
  return [`in the fast callback it is ${now()}`]
})

app.callback(
  [Output('second_output_3', 'children')],
  [Input('button_4', 'n_clicks')],
  async function slow(_n, ctx) {
    await sleep(SLOW_MS, ctx.signal)
    return [`in the slow callback it is ${now()}`]
  }
)

app.callback(
  [Output('third_output_3', 'children')],
  [Input('first_output_3', 'children'), Input('second_output_3', 'children')],
  function third() {
    return [`in the third callback it is ${now()}`]
  }
)

if (isMain(import.meta)) app.listen()
