/**
 * Screenshots of the example gallery and a few examples with the default theme, for the README:
 * `npx tsx tests/screenshots.ts [outDir]` (default docs/screenshots/). Not a vitest test.
 *
 * Serves the gallery on 127.0.0.1 behind a small wrapper. When a page does not link
 * `hyperdash-theme.css` yet (the gallery index, or apps before the theme is wired in), the wrapper adds
 * the link and serves static/hyperdash-theme.css itself; a page that links it is left as it is.
 */
import { readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { isMain } from '../src/index.ts'
import { launch, serveFetch } from './browser/harness.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const THEME_URL = '/__screenshots/hyperdash-theme.css'
const VIEWPORT = { width: 1000, height: 700 }
const MIN_HEIGHT = 300

type Fetch = (req: Request) => Response | Promise<Response>

/** The handler, with the theme linked into HTML pages that do not link it already. */
export function withTheme(fetch: Fetch): Fetch {
  return async (req) => {
    if (new URL(req.url).pathname === THEME_URL) {
      const css = readFileSync(join(ROOT, 'static/hyperdash-theme.css'), 'utf8')
      return new Response(css, { headers: { 'content-type': 'text/css; charset=utf-8' } })
    }
    const res = await fetch(req)
    if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) return res
    const html = await res.text()
    if (html.includes('hyperdash-theme.css')) return new Response(html, res)
    const headers = new Headers(res.headers)
    headers.delete('content-length')
    const link = `<link rel="stylesheet" href="${THEME_URL}">`
    const body = html.includes('</head>') ? html.replace('</head>', `${link}</head>`) : link + html
    return new Response(body, { status: res.status, headers })
  }
}

interface Shot {
  file: string
  path: string
  dark?: boolean
  /** What to do on the page before the picture. */
  act?: (page: Page) => Promise<void>
}

const SHOTS: Shot[] = [
  { file: 'gallery.png', path: '/' },
  {
    file: 'callback-context.png',
    path: '/callback-context/',
    act: async (page) => {
      await page.click('#btn-2')
      await page.waitForFunction(() => document.getElementById('container')!.textContent!.includes('btn-2'))
      // A keyboard focus ring on the button, the pointer elsewhere.
      await page.mouse.move(0, 0)
      await page.focus('#btn-2')
      await page.keyboard.press('Shift+Tab')
      await page.keyboard.press('Tab')
    },
  },
  {
    file: 'circular-slider.png',
    path: '/circular-slider/',
    act: async (page) => {
      await page.fill('#input-circular', '12')
      await page.press('#input-circular', 'Enter')
      await page.waitForFunction(
        () => (document.querySelector('#slider-circular input') as HTMLInputElement).value === '12'
      )
    },
  },
  {
    // The slow callback still running: its output dimmed, with the busy spinner.
    file: 'chained-callbacks-dark.png',
    path: '/chained-callbacks/',
    dark: true,
    act: async (page) => {
      await page.click('#button_3')
      await page.waitForFunction(() =>
        document.getElementById('first_output_3')!.textContent!.includes('fast')
      )
      await page.click('#button_4')
      await page.mouse.move(0, 0)
      await page.waitForTimeout(900)
    },
  },
]

async function main(outDir: string): Promise<void> {
  process.env['SLOW_MS'] ??= '5000'
  const { gallery } = await import('../examples/gallery.tsx')
  const served = await serveFetch(withTheme(gallery.fetch))
  const browser = await launch()
  await mkdir(outDir, { recursive: true })
  try {
    for (const shot of SHOTS) {
      const page = await browser.newPage({ viewport: VIEWPORT })
      // Page errors and console errors (a CSP refusal shows there) fail the run.
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(String(e)))
      page.on('console', (m) => {
        // The gallery index has no icon: the browser's favicon.ico request is not the page's fault.
        if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(m.text())
      })
      await page.emulateMedia({ colorScheme: shot.dark ? 'dark' : 'light' })
      await page.goto(served.url + shot.path)
      if (shot.path !== '/') await page.waitForFunction(() => 'htmx' in window)
      await shot.act?.(page)
      // Short pages are cut below their content (the body's padding kept), long ones at the viewport.
      const bottom = await page.evaluate(() => Math.ceil(document.body.getBoundingClientRect().bottom))
      const height = Math.min(VIEWPORT.height, Math.max(MIN_HEIGHT, bottom))
      await page.screenshot({
        path: join(outDir, shot.file),
        clip: { x: 0, y: 0, width: VIEWPORT.width, height },
      })
      await page.close()
      if (errors.length) throw new Error(`${shot.path}: ${errors.join('; ')}`)
      console.log(join(outDir, shot.file))
    }
  } finally {
    await browser.close()
    await served.close()
  }
}

if (isMain(import.meta)) await main(process.argv[2] ?? join(ROOT, 'docs/screenshots'))
