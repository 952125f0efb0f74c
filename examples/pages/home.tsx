/**
 * The home page of examples/pages: `/` (and `/home`, which redirects there).
 */
import { getRelativePath, type HyperApp } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'

export function register(app: HyperApp) {
  app.registerPage({
    path: '/',
    name: 'Home',
    title: 'Home · hyperdash pages',
    description: 'A multi-page hyperdash app.',
    redirectFrom: ['/home'],
    layout: () => (
      <section id="home">
        <h1>Home</h1>
        <p>
          Every page is resolved on the server: this HTML already holds it. Try the{' '}
          <dcc.Link href={getRelativePath('/analytics')}>analytics</dcc.Link> page or{' '}
          <dcc.Link id="report-link" href={getRelativePath('/report/42?view=detail')}>
            report 42
          </dcc.Link>
          .
        </p>
      </section>
    ),
  })
}
