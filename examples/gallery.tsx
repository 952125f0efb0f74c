/**
 * The example gallery: every example mounted under `/<slug>/` of one server, and an index page
 * linking them. `npm start` runs it on http://127.0.0.1:8050 (`PORT`, `HOST` to change).
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { raw } from 'hono/html'
import type { HyperApp } from '../src/index.ts'
import { gracefulShutdown, isMain } from '../src/index.ts'
import { app as basicChained } from './basic-chained.tsx'
import { app as basicMultipleInputs } from './basic-multiple-inputs.tsx'
import { app as basicState } from './basic-state.tsx'
import { app as callbackContext } from './callback-context.tsx'
import { app as chainedCallbacks } from './chained-callbacks.tsx'
import { app as formControls } from './form-controls.tsx'
import { app as circularChecklists } from './circular-checklists.tsx'
import { app as circularSlider } from './circular-slider.tsx'
import { app as circularTemperature } from './circular-temperature.tsx'
import { app as dashboard } from './dashboard.tsx'
import { app as componentsContent } from './components-content.tsx'
import { app as graphCrossfilter } from './graph-crossfilter.tsx'
import { app as initialCall } from './initial-call.tsx'
import { app as noUpdateButton } from './no-update-button.tsx'
import { app as preventInitialCall } from './prevent-initial-call.tsx'
import { app as preventInitialInserted } from './prevent-initial-inserted.tsx'
import { app as primeFactors } from './prime-factors.tsx'
import { app as todo } from './todo.tsx'
import { app as dynamicFilters } from './dynamic-filters.tsx'
import { app as pages } from './pages/app.tsx'
import { app as tablePaging } from './table-paging.tsx'
import { app as setProps } from './set-props.tsx'
import { app as patchList } from './patch-list.tsx'
import { app as running } from './running.tsx'
import { app as clientside } from './clientside.tsx'
import { app as components } from './components.tsx'
import { app as backgroundProgress } from './background-progress.tsx'
import { app as ownForm, searchRoutes } from './own-form.tsx'

export const examples: [slug: string, title: string, app: HyperApp][] = [
  ['no-update-button', 'Catching errors with noUpdate', noUpdateButton],
  ['prime-factors', 'Displaying errors with noUpdate (prime factors)', primeFactors],
  ['callback-context', 'Which input fired: the callback context', callbackContext],
  ['initial-call', 'When an app first loads: the initial call', initialCall],
  ['chained-callbacks', 'As an indirect result of user interaction: chained callbacks', chainedCallbacks],
  ['prevent-initial-call', 'preventInitialCall', preventInitialCall],
  ['prevent-initial-inserted', 'preventInitialCall and inserted components', preventInitialInserted],
  ['circular-slider', 'Circular: a slider synchronised with an input', circularSlider],
  ['circular-temperature', 'Circular: two inputs with different units', circularTemperature],
  ['circular-checklists', 'Circular: two synchronised checklists', circularChecklists],
  ['form-controls', 'Form controls: textarea, dates, constrained number, sliders', formControls],
  ['components-content', 'Components: Markdown, ConfirmDialog, Loading, Upload', componentsContent],
  [
    'basic-multiple-inputs',
    'Basic callbacks: multiple inputs (dropdowns, radios, a slider)',
    basicMultipleInputs,
  ],
  ['basic-chained', 'Basic callbacks: chained country and city radios', basicChained],
  ['basic-state', 'Basic callbacks: State and a submit button', basicState],
  ['todo', 'Pattern matching: a todo list (MATCH, ALLSMALLER, ALL)', todo],
  ['dynamic-filters', 'Pattern matching: dynamic filters (MATCH, ALL)', dynamicFilters],
  ['dashboard', 'A live dashboard: Interval, Store and Tabs', dashboard],
  ['pages', 'A multi-page app: dcc.Link, pages resolved on the server', pages],
  ['graph-crossfilter', 'Graphs: a crossfilter (clickData, a slider, Plotly.react)', graphCrossfilter],
  ['table-paging', 'DataTable: 100,000 rows paged, sorted and filtered by the server', tablePaging],
  ['set-props', 'Side updates: setProps', setProps],
  ['patch-list', 'Partial updates: Patch', patchList],
  ['running', 'While a callback runs: running', running],
  ['clientside', 'Client-side callbacks', clientside],
  ['components', 'Every component on one page, each wired to a callback', components],
  ['background-progress', 'Background callbacks: progress, cancel, re-attach', backgroundProgress],
  ['own-form', 'An app with a <form> of its own (works without JavaScript)', ownForm],
]

export const gallery = new Hono()
// The index page uses the first example's assets (its stylesheets: the default theme).
const [firstSlug, , firstApp] = examples[0]!
gallery.get('/', async (c) =>
  c.html(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>hyperdash examples</title>
        {raw(await firstApp.assets({ basePath: `/${firstSlug}` }))}
      </head>
      <body>
        <h1>hyperdash examples</h1>
        <p>Dash's "Advanced Callbacks", ported: each example is one file in examples/.</p>
        <ul id="examples">
          {examples.map(([slug, title]) => (
            <li>
              <a href={`/${slug}/`}>{title}</a>{' '}
              <code>examples/{slug === 'pages' ? 'pages/' : `${slug}.tsx`}</code>
            </li>
          ))}
        </ul>
      </body>
    </html>
  )
)
// The own-form example's search form posts to a route of the site, beside the app.
gallery.route('/own-form', searchRoutes)
for (const [slug, , app] of examples) gallery.route(`/${slug}`, app.mountAt(`/${slug}`))

if (isMain(import.meta)) {
  const port = Number(process.env['PORT'] ?? 8050)
  const hostname = process.env['HOST'] ?? '127.0.0.1'
  const server = serve({ fetch: gallery.fetch, port, hostname }, (info) => {
    console.log(`hyperdash example gallery on http://${hostname}:${info.port}/`)
  })
  // SIGTERM / SIGINT: stop accepting, let requests in flight finish, exit.
  gracefulShutdown(server as import('node:http').Server)
}
