/**
 * The analytics page of examples/pages: a page with its own callback, registered app-wide.
 */
import { Input, Output, type HyperApp } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'

export function register(app: HyperApp) {
  app.registerPage({
    path: '/analytics',
    name: 'Analytics',
    title: 'Analytics · hyperdash pages',
    description: 'Type a metric; the server answers.',
    image: 'analytics.png',
    layout: (
      <section>
        <h1>Analytics</h1>
        <label>
          Metric <dcc.Input id="analytics-input" value="visits" />
        </label>
        <p id="analytics-output" />
      </section>
    ),
  })

  app.callback(Output('analytics-output', 'children'), [Input('analytics-input', 'value')], (value) =>
    value ? `Showing ${value}` : 'Pick a metric'
  )
}
