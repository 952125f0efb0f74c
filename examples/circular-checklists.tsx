/**
 * Seed: "Synchronizing Two Checklists". "All" checks every city; checking every city checks "All".
 */
import { createApp, ctx, Input, isMain, Output } from '../src/index.ts'
import { dcc } from '../views/components/index.ts'

const options = ['New York City', 'Montréal', 'San Francisco']

export const app = createApp({
  title: 'Circular: checklists',
  layout: (
    <div>
      <dcc.Checklist options={['All']} value={[]} id="all-checklist" inline />
      <dcc.Checklist options={options} value={[]} id="city-checklist" inline />
    </div>
  ),
})

app.callback(
  [Output('city-checklist', 'value'), Output('all-checklist', 'value')],
  [Input('city-checklist', 'value'), Input('all-checklist', 'value')],
  function sync_checklists(cities_selected, all_selected) {
    const input_id = ctx.triggered[0]!.prop_id.split('.')[0]
    const cities = (cities_selected ?? []) as string[]
    let all = (all_selected ?? []) as string[]
    let selected = cities
    if (input_id === 'city-checklist') {
      all = new Set(cities).size === options.length && options.every((o) => cities.includes(o)) ? ['All'] : []
    } else {
      selected = all.length ? options : []
    }
    return [selected, all]
  }
)

if (isMain(import.meta)) app.listen()
