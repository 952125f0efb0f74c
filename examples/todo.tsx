/**
 * Dash's pattern-matching todo app (dash-docs "Pattern-Matching Callbacks", test_cbwc001): items are
 * inserted by a callback with dict ids `{ type: 'done', index }` (a Checklist) and `{ type: 'item',
 * index }`; MATCH styles each item, ALLSMALLER counts the done items before it, ALL totals them.
 * Clearing the done items removes components: the totals follow (R22).
 */
import {
  ALL,
  ALLSMALLER,
  createApp,
  ctx,
  dcc,
  html,
  Input,
  isMain,
  MATCH,
  Output,
  State,
} from '../src/index.ts'

const styleTodo = { display: 'inline', margin: '10px' }
const styleDone = { textDecoration: 'line-through', color: '#888', ...styleTodo }

export const app = createApp({
  title: 'Todo (pattern matching)',
  layout: (
    <div>
      <h1>To do</h1>
      <label for="new-item">New item </label>
      <dcc.Input id="new-item" value="" />
      <button id="add">Add</button>
      <button id="clear-done">Clear done</button>
      <div id="list-container" />
      <hr />
      <div id="totals" />
    </div>
  ),
})

/** One row: its checkbox, its text, and the count of done items before it. */
const row = (i: number, text: string, done: (string | number)[]) => (
  <div style={{ clear: 'both' }}>
    <dcc.Checklist
      id={{ type: 'done', index: i }}
      options={[{ label: '', value: 'done' }]}
      value={done}
      inline
    />
    <html.Div id={{ type: 'item', index: i }} style={done.length ? styleDone : styleTodo}>
      {text}
    </html.Div>
    <html.Div id={{ type: 'preceding', index: i }} style={styleTodo} />
  </div>
)

app.callback(
  [Output('list-container', 'children'), Output('new-item', 'value')],
  [Input('add', 'n_clicks'), Input('clear-done', 'n_clicks')],
  [
    State('new-item', 'value'),
    State({ type: 'item', index: ALL }, 'children'),
    State({ type: 'done', index: ALL }, 'value'),
  ],
  function editList(_add, _clear, newItem, items, itemsDone) {
    const triggered = ctx.triggered.map((t) => t.prop_id)
    const adding = triggered.includes('add.n_clicks')
    const clearing = triggered.includes('clear-done.n_clicks')
    const spec = items
      .map((text, i) => [String(text ?? ''), (itemsDone[i] ?? []) as (string | number)[]] as const)
      .filter(([, done]) => !(clearing && done.length))
    if (adding) spec.push([String(newItem ?? ''), []])
    return [spec.map(([text, done], i) => row(i, text, done)), adding ? '' : newItem]
  }
)

app.callback(
  Output({ type: 'item', index: MATCH }, 'style'),
  Input({ type: 'done', index: MATCH }, 'value'),
  function markDone(done) {
    return Array.isArray(done) && done.length ? styleDone : styleTodo
  }
)

app.callback(
  Output({ type: 'preceding', index: MATCH }, 'children'),
  [Input({ type: 'done', index: ALLSMALLER }, 'value'), Input({ type: 'done', index: MATCH }, 'value')],
  function showPreceding(doneBefore, thisDone) {
    if (Array.isArray(thisDone) && thisDone.length) return ''
    const allBefore = doneBefore.length
    const doneCount = doneBefore.filter((d) => Array.isArray(d) && d.length).length
    const out = `${doneCount} of ${allBefore} preceding items are done`
    return allBefore === doneCount ? `${out} DO THIS NEXT!` : out
  }
)

app.callback(
  Output('totals', 'children'),
  Input({ type: 'done', index: ALL }, 'value'),
  function showTotals(done) {
    const all = done.length
    const count = done.filter((d) => Array.isArray(d) && d.length).length
    return `${count} of ${all} items completed${all ? ` - ${Math.round((100 * count) / all)}%` : ''}`
  }
)

if (isMain(import.meta)) app.listen()
