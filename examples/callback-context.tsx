/**
 * Seed: "Determining which Input Has Fired with callback_context". Three buttons; the container
 * shows their click counts, the most recent one, and the whole context as JSON.
 */
import { createApp, ctx, Input, isMain, Output } from '../src/index.ts'

export const app = createApp({
  title: 'Callback context',
  layout: (
    <div>
      <button id="btn-1" n_clicks={0}>
        Button 1
      </button>
      <button id="btn-2" n_clicks={0}>
        Button 2
      </button>
      <button id="btn-3" n_clicks={0}>
        Button 3
      </button>
      <div id="container" />
    </div>
  ),
})

app.callback(
  Output('container', 'children'),
  [Input('btn-1', 'n_clicks'), Input('btn-2', 'n_clicks'), Input('btn-3', 'n_clicks')],
  function display(input1, input2, input3) {
    const mostRecentClick = ctx.triggered[0]!.value
      ? ctx.triggered[0]!.prop_id.split('.')[0]
      : 'No clicks yet'
    return (
      <div>
        <table>
          <tr>
            <th>Button 1</th>
            <th>Button 2</th>
            <th>Button 3</th>
            <th>Most Recent Click</th>
          </tr>
          <tr>
            <td>{String(input1)}</td>
            <td>{String(input2)}</td>
            <td>{String(input3)}</td>
            <td>{mostRecentClick}</td>
          </tr>
        </table>
        <pre>{JSON.stringify(ctx, null, 2)}</pre>
      </div>
    )
  }
)

if (isMain(import.meta)) app.listen()
