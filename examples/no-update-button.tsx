/**
 * Seed: "Catching Errors with dashNoUpdate". The first click reveals the secret; before that the
 * callback returns `noUpdate`, so the div stays empty.
 */
import { createApp, Input, isMain, noUpdate, Output } from '../src/index.ts'

export const app = createApp({
  title: 'noUpdate: show a secret',
  layout: (
    <div>
      <button id="show-secret">Click here to see the content</button>
      <div id="body-div" />
    </div>
  ),
})

app.callback(
  Output('body-div', 'children'),
  [Input('show-secret', 'n_clicks')],
  function update_output(n_clicks) {
    if (n_clicks == null) return noUpdate
    return "Elephants are the only animal that can't jump"
  }
)

if (isMain(import.meta)) app.listen()
