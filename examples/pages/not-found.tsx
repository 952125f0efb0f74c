/**
 * The 404 page of examples/pages: shown, with status 404, for any path no page matches.
 */
import { getRelativePath, type HyperApp } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'

export function register(app: HyperApp) {
  app.registerPage({
    notFound: true,
    title: 'Not found · hyperdash pages',
    layout: () => (
      <section id="not-found">
        <h1>Page not found</h1>
        <p>
          No page here. <dcc.Link href={getRelativePath('/')}>Back home</dcc.Link>
        </p>
      </section>
    ),
  })
}
