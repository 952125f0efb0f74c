/**
 * A multi-page app (Dash pages): a navigation menu built from `app.pageRegistry` with `dcc.Link`s,
 * and the page container `#page-content`. Each page is a module of this folder registering itself
 * (`register(app)`): `/` (home), `/analytics` (a page with a callback), `/report/<id>` (a path
 * template and a query parameter) and the 404 page. The first HTML holds the page; a link click
 * loads the next page in one request.
 */
import { createApp, isMain } from '../../src/index.ts'
import { dcc, PageContainer } from '../../views/components/index.ts'
import * as analytics from './analytics.tsx'
import * as home from './home.tsx'
import * as notFound from './not-found.tsx'
import * as report from './report.tsx'

export const app = createApp({
  // A function: the menu's links are below the base path of each request (mounted at /pages/ in the gallery).
  layout: () => (
    <div class="pages-app">
      <nav id="nav" aria-label="Pages">
        <ul>
          {app.pageRegistry
            .filter((page) => page.pathTemplate === null)
            .map((page) => (
              <li>
                <dcc.Link href={page.relativePath}>{page.name}</dcc.Link>
              </li>
            ))}
        </ul>
      </nav>
      <PageContainer id="page-content" />
    </div>
  ),
})

for (const page of [home, analytics, report, notFound]) page.register(app)

if (isMain(import.meta)) app.listen()
