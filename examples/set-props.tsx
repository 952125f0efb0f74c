/**
 * `setProps` (Dash's `set_props`): a callback with no outputs updates a component as a side effect.
 * `#notify` saves and shows the toast `#toast`, which no callback declares as an Output.
 */
import { createApp, Input, isMain, setProps } from '../src/index.ts'

export const app = createApp({
  title: 'setProps: a toast',
  layout: (
    <div>
      <button id="notify">Save</button>
      <div id="toast" role="status" hidden>
        Not saved yet
      </div>
    </div>
  ),
})

app.callback(
  [],
  [Input('notify', 'n_clicks')],
  function save() {
    setProps('toast', { children: 'Saved', hidden: false })
  },
  { preventInitialCall: true }
)

if (isMain(import.meta)) app.listen()
