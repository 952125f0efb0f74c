/**
 * Embedding: a plain Hono site (a bakery: home, menu, contact) with ONE page enhanced by a callback
 * graph, the order page, mounted under `/dash/` with `app.mountAt('/dash')`.
 *
 * - The site's own pages are ordinary server-rendered HTML: no htmx, no hyperdash, a plain form.
 * - The order page shares their layout (header, navigation, footer) through the app's layout, and
 *   their stylesheet through the app's `head`; its requests and static files stay below `/dash/`.
 * - Progressive enhancement: the order page's first HTML is already resolved (the initial calls
 *   ran on the server), so it reads right before any script runs; htmx then makes it live.
 *
 * Run: `npx tsx examples/embedded.tsx`, then open http://127.0.0.1:8050/.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createApp, Input, isMain, Output } from '../src/index.ts'
import { dcc } from '../views/components/index.ts'

const SHOP = 'Crumb & Co.'
const NAV: [href: string, label: string][] = [
  ['/', 'Home'],
  ['/menu', 'Menu'],
  ['/dash/', 'Order'],
  ['/contact', 'Contact'],
]

/** The site's stylesheet, served at /site.css to every page (the order page too). */
const SITE_CSS = `
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #2b2118; background: #fffaf3; }
.site-header { display: flex; gap: 2em; align-items: baseline; padding: 1em 2em; background: #6b3e1f; }
.site-header a { color: #fff; text-decoration: none; } .site-header .brand { font-weight: bold; font-size: 1.2em; }
.site-header nav { display: flex; gap: 1.2em; } .site-header nav a[aria-current=page] { text-decoration: underline; }
main { max-width: 40em; margin: 2em auto; padding: 0 1em; }
footer { text-align: center; color: #8a735f; font-size: 0.9em; padding: 2em; }
.order-lines { padding-left: 1.2em; } .order-total { font-size: 1.3em; font-weight: bold; }
`

/** The site's chrome around any page's content; `current` marks the navigation entry. */
export const SiteLayout = (p: { current: string; children?: unknown }) => (
  <>
    <header class="site-header">
      <a class="brand" href="/">
        {SHOP}
      </a>
      <nav>
        {NAV.map(([href, label]) => (
          <a href={href} aria-current={href === p.current ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
    </header>
    <main>{p.children as never}</main>
    <footer>{SHOP} · 12 Rye Lane · open every day but Monday</footer>
  </>
)

const SitePage = (p: { current: string; title: string; children?: unknown }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${p.title} · ${SHOP}`}</title>
      <link rel="icon" href="data:," />
      <link rel="stylesheet" href="/site.css" />
    </head>
    <body>
      <SiteLayout current={p.current}>{p.children}</SiteLayout>
    </body>
  </html>
)

// ─── the enhanced page: an order form whose price updates as you type ─────────────────────────

export const PRICES = { cookie: 150, box: 300, delivery: 500 } // cents
/** Delivery is free from this many cents of cookies. */
export const FREE_DELIVERY = 3000

export const euros = (cents: number) => `€${(cents / 100).toFixed(2)}`

export const order = createApp({
  title: `Order · ${SHOP}`,
  head: <link rel="stylesheet" href="/site.css" />,
  layout: (
    <SiteLayout current="/dash/">
      <h1>Order cookies</h1>
      <p>Choose how many, add a gift box or delivery; the price follows as you type.</p>
      <label>
        Cookies <dcc.Input id="qty" type="number" min={0} step={1} value={12} />
      </label>
      <dcc.Checklist
        id="extras"
        value={[]}
        options={[
          { label: `Gift box (+${euros(PRICES.box)})`, value: 'box' },
          {
            label: `Delivery (+${euros(PRICES.delivery)}, free from ${euros(FREE_DELIVERY)} of cookies)`,
            value: 'delivery',
          },
        ]}
      />
      <div id="order">
        <ul id="lines" class="order-lines" />
        <p>
          Total: <span id="total" class="order-total" />
        </p>
      </div>
    </SiteLayout>
  ),
})

// One event runs both callbacks, in order, in one request: the lines and the amount, then the total.
order.callback(
  [Output('lines', 'children'), Output('order', 'data-cents')],
  [Input('qty', 'value'), Input('extras', 'value')],
  function price_order(qty, extras) {
    const n = Math.max(0, Math.floor(Number(qty ?? 0)))
    const chosen = (extras ?? []) as string[]
    const lines: [string, number][] = [[`${n} × cookie`, n * PRICES.cookie]]
    if (chosen.includes('box')) lines.push(['Gift box', PRICES.box])
    if (chosen.includes('delivery'))
      lines.push(['Delivery', n * PRICES.cookie >= FREE_DELIVERY ? 0 : PRICES.delivery])
    return [
      lines.map(([what, cents]) => <li>{`${what}: ${cents ? euros(cents) : 'free'}`}</li>),
      lines.reduce((sum, [, cents]) => sum + cents, 0),
    ]
  }
)

order.callback(Output('total', 'children'), [Input('order', 'data-cents')], function show_total(cents) {
  return cents == null ? '' : euros(Number(cents))
})

// ─── the site ────────────────────────────────────────────────────────────────────────────────

export const site = new Hono()
site.get('/site.css', (c) => c.body(SITE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }))
site.get('/', (c) =>
  c.html(
    <SitePage current="/" title="Home">
      <h1>Fresh every morning</h1>
      <p>Butter cookies, rye bread and cinnamon buns, baked on Rye Lane since 1998.</p>
      <p>
        <a href="/dash/">Order cookies online</a> or drop by.
      </p>
    </SitePage>
  )
)
site.get('/menu', (c) =>
  c.html(
    <SitePage current="/menu" title="Menu">
      <h1>Menu</h1>
      <ul id="menu">
        <li>Butter cookie: {euros(PRICES.cookie)}</li>
        <li>Rye loaf: €4.20</li>
        <li>Cinnamon bun: €2.80</li>
      </ul>
    </SitePage>
  )
)
site.get('/contact', (c) =>
  c.html(
    <SitePage current="/contact" title="Contact">
      <h1>Contact</h1>
      <form method="post" action="/contact">
        <label>
          Your message <textarea name="message" />
        </label>
        <button type="submit">Send</button>
      </form>
    </SitePage>
  )
)
site.post('/contact', async (c) => {
  const form = await c.req.parseBody()
  const message = typeof form['message'] === 'string' ? form['message'] : ''
  return c.html(
    <SitePage current="/contact" title="Thank you">
      <h1>Thank you</h1>
      <p id="thanks">{`We got your message (${message.length} characters) and will answer soon.`}</p>
    </SitePage>
  )
})
// The one enhanced page: the app's page, update route and static files, all below /dash.
site.route('/dash', order.mountAt('/dash'))

if (isMain(import.meta)) {
  const port = Number(process.env['PORT'] ?? 8050)
  const hostname = process.env['HOST'] ?? '127.0.0.1'
  serve({ fetch: site.fetch, port, hostname }, (info) => {
    console.log(`${SHOP}'s site on http://${hostname}:${info.port}/ (the order page: /dash/)`)
  })
}
