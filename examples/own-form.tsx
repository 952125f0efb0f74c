/**
 * An app whose layout has a `<form>` of its own: a library page with a catalogue search that posts
 * to the site's own Hono route (`POST /search`), beside hyperdash controls. The page's hyperdash
 * form is an empty `<form>` next to the layout, and each hyperdash control names it with `form`
 * (docs/pages.md, "Without JavaScript"), so the two never nest: with or without JavaScript, Search
 * posts `q` to /search, and the "Suggest" button inside the search form stays a hyperdash button.
 * The reading list counts Enter in its field (`n_submit`), which works without JavaScript too.
 *
 * Run: `npx tsx examples/own-form.tsx`, then open http://127.0.0.1:8050/ (scripts on or off).
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createApp, ctx, getRelativePath, Input, isMain, Output, State } from '../src/index.ts'
import { dcc } from '../views/components/index.ts'

export const BOOKS = ['Dune', 'Emma', 'Middlemarch', 'Dracula', 'Beloved', 'Dubliners']

export const app = createApp({
  title: 'Library',
  // A function: the search form's action is below the base path the app is mounted at.
  layout: () => (
    <main>
      <h1>Library</h1>
      <form id="search" role="search" method="post" action={getRelativePath('/search')}>
        <label>
          Search the catalogue <input id="q" name="q" type="search" />
        </label>{' '}
        <button id="search-go" type="submit">
          Search
        </button>{' '}
        {/* A hyperdash button inside the app's own form: it counts its clicks, never submits the search. */}
        <button id="suggest" type="submit">
          Suggest a title
        </button>
      </form>
      <p id="suggestion">No suggestion yet</p>
      <section>
        <h2>Reading list</h2>
        <label>
          Add a title (Enter) <dcc.Input id="title" value="" debounce />
        </label>
        <p id="added">Nothing added yet</p>
      </section>
    </main>
  ),
})

app.callback(Output('suggestion', 'children'), [Input('suggest', 'n_clicks')], (n) => {
  if (!n) return 'No suggestion yet'
  return `Try “${BOOKS[(Number(n) - 1) % BOOKS.length]}” (suggestion ${n})`
})

app.callback(
  Output('added', 'children'),
  [Input('title', 'n_submit')],
  [State('title', 'value')],
  (n, title) =>
    n ? `Added “${title}” (Enter pressed ${n} times, by ${ctx.triggeredId})` : 'Nothing added yet'
)

/** The site's own route the search form posts to: ordinary HTML, no hyperdash. */
export const searchRoutes = new Hono().post('/search', async (c) => {
  const q = String((await c.req.parseBody())['q'] ?? '').trim()
  const found = BOOKS.filter((b) => q && b.toLowerCase().includes(q.toLowerCase()))
  return c.html(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>Search · Library</title>
        <link rel="icon" href="data:," />
      </head>
      <body>
        <h1>Search</h1>
        <p id="search-results">
          {found.length} {found.length === 1 ? 'book matches' : 'books match'} “{q}”
          {found.length ? `: ${found.join(', ')}` : ''}
        </p>
        <a href="./">Back to the library</a>
      </body>
    </html>
  )
})

/** The whole site: the search route, then the app. */
export const site = new Hono().route('/', searchRoutes).route('/', app.hono)

if (isMain(import.meta)) {
  serve({ fetch: site.fetch, port: Number(process.env['PORT'] ?? 8050), hostname: '127.0.0.1' })
}
