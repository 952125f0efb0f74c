/**
 * The report page of examples/pages: a path template (`/report/<id>`) and a query parameter
 * (`?view=detail`), both passed to the layout function as Dash passes them.
 */
import type { HyperApp } from '../../src/index.ts'

export function register(app: HyperApp) {
  app.registerPage({
    pathTemplate: '/report/<id>',
    name: 'Report',
    title: ({ id }) => `Report ${id} · hyperdash pages`,
    description: ({ id }) => `The report ${id}.`,
    layout: ({ id, view }) => (
      <section>
        <h1>Report</h1>
        <p>
          Report <span id="report-id">{id}</span>, view{' '}
          <span id="report-view">{String(view ?? 'summary')}</span>
        </p>
      </section>
    ),
  })
}
