/**
 * `Patch` (Dash's `dash.Patch`): `#add` appends one item to `#list` without sending the list again;
 * `#count` reads the list the page holds; `#clear` empties it. On the wire, an append carries the new
 * item, the count and the part of the list's signed state that changed: not the list.
 */
import { createApp, Input, isMain, Output, Patch } from '../src/index.ts'

export const app = createApp({
  title: 'Patch: a growing list',
  layout: (
    <div>
      <button id="add">Add an item</button> <button id="clear">Clear</button>
      <p id="count" />
      <ul id="list" />
    </div>
  ),
})

app.callback(
  Output('list', 'children'),
  [Input('add', 'n_clicks')],
  function add(n) {
    const p = new Patch()
    p.append(<li>Item {n}</li>)
    return p
  },
  { preventInitialCall: true }
)

app.callback(
  Output('list', 'children', { allowDuplicate: true }),
  [Input('clear', 'n_clicks')],
  function clear() {
    return new Patch().clear()
  },
  { preventInitialCall: true }
)

app.callback(Output('count', 'children'), [Input('list', 'children')], function count(items) {
  const n = Array.isArray(items) ? items.length : items == null ? 0 : 1
  return `${n} item${n === 1 ? '' : 's'} on the page`
})

if (isMain(import.meta)) app.listen()
