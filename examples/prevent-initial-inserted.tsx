/**
 * Seed: prevent_initial_call and components inserted by a callback (R21). `display_page` inserts an
 * input and an output. `update_output` does not fire (its output came in with its input);
 * `update_layout_div` does fire (its output was already on the page).
 */
import { createApp, Input, isMain, Output } from '../src/index.ts'
import { dcc } from '../views/components/index.ts'

export const app = createApp({
  title: 'prevent_initial_call and inserted components',
  suppressCallbackExceptions: true,
  // dcc.Location routes on the path: every path answers with the page, as in Dash.
  paths: ['/*'],
  layout: (
    <div>
      <dcc.Location id="url" />
      <div id="layout-div" />
      <div id="content" />
    </div>
  ),
})

app.callback(Output('content', 'children'), [Input('url', 'pathname')], function display_page() {
  return (
    <div>
      <dcc.Input id="input" value="hello world" />
      <div id="output" />
    </div>
  )
})

app.callback(
  Output('output', 'children'),
  [Input('input', 'value')],
  function update_output(value) {
    console.log('>>> update_output')
    return value
  },
  { preventInitialCall: true }
)

app.callback(
  Output('layout-div', 'children'),
  [Input('input', 'value')],
  function update_layout_div(value) {
    console.log('>>> update_layout_div')
    return value
  },
  { preventInitialCall: true }
)

if (isMain(import.meta)) app.listen()
