/**
 * Dash's "Basic Callbacks": chained callbacks. The country picks the cities offered; the offered
 * cities pick the first one; both make the sentence. One click runs the whole chain in one request.
 */
import { createApp, Input, isMain, Output } from '../src/index.ts'
import { dcc } from '../views/components/index.ts'

const all_options: Record<string, string[]> = {
  America: ['New York City', 'San Francisco', 'Cincinnati'],
  Canada: ['Montréal', 'Toronto', 'Ottawa'],
}

export const app = createApp({
  title: 'Basic callbacks: chained',
  layout: (
    <div>
      <dcc.RadioItems id="countries-radio" options={Object.keys(all_options)} value="America" />
      <hr />
      <dcc.RadioItems id="cities-radio" />
      <hr />
      <div id="display-selected-values" />
    </div>
  ),
})

app.callback(
  Output('cities-radio', 'options'),
  [Input('countries-radio', 'value')],
  function set_cities_options(selected_country) {
    return (all_options[String(selected_country)] ?? []).map((i) => ({ label: i, value: i }))
  }
)

app.callback(
  Output('cities-radio', 'value'),
  [Input('cities-radio', 'options')],
  function set_cities_value(available_options) {
    const first = (available_options as { value: string }[] | null)?.[0]
    return first ? first.value : null
  }
)

app.callback(
  Output('display-selected-values', 'children'),
  [Input('countries-radio', 'value'), Input('cities-radio', 'value')],
  function set_display_children(selected_country, selected_city) {
    return `${selected_city} is a city in ${selected_country}`
  }
)

if (isMain(import.meta)) app.listen()
