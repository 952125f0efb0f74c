/**
 * @module document
 * The HTML document shell: htmx, its SSE extension and ours, the stylesheet, the app root and its
 * error area.
 */
import { raw } from 'hono/html'
import { DevScript } from './dev/assets.tsx'
import { ERRORS_ID } from './errors.tsx'

export interface DocumentProps {
  title: string
  /** Where htmx, hx-sse, the extension and the CSS are served. */
  staticUrl: string
  /** The update route's URL. */
  updateUrl: string
  /** Extra elements for `<head>` (stylesheets, meta). */
  head?: unknown
  children?: unknown
  /** Error fragments of initial calls that failed. */
  errors?: unknown
  /** Rendered metadata (views/oob.tsx `Meta`): initial calls left for the browser to ask for. */
  meta?: string
  /** Development mode: adds the script that reloads the page when the dev server restarts. */
  dev?: boolean
}

/** The app root: what `mount()` embeds into another page, and what the full document wraps. */
export const AppRoot = (p: { children?: unknown; errors?: unknown; updateUrl: string; meta?: string }) => (
  <div id="hd-app" class="hd-app" data-hd-url={p.updateUrl}>
    {p.children as never}
    {/* meta is HTML already rendered by views/oob.tsx (Meta), escaped there. */}
    {p.meta ? raw(p.meta) : null}
    <div id={ERRORS_ID} class="hd-errors" aria-live="assertive">
      {p.errors as never}
    </div>
  </div>
)

/** Script and style tags for the head; an embedding page includes these once. */
export const Assets = (p: { staticUrl: string; dev?: boolean }) => (
  <>
    <link rel="stylesheet" href={`${p.staticUrl}/hyperdash.css`} />
    <script src={`${p.staticUrl}/htmx.min.js`} />
    <script src={`${p.staticUrl}/hx-sse.min.js`} />
    <script src={`${p.staticUrl}/hyperdash.js`} />
    {p.dev && <DevScript staticUrl={p.staticUrl} />}
  </>
)

export const Document = (p: DocumentProps) => (
  <>
    {/* raw() is needed here only: hono/jsx has no DOCTYPE node, and without it the page runs in quirks mode. */}
    {raw('<!DOCTYPE html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <title>{p.title}</title>
        <Assets staticUrl={p.staticUrl} dev={p.dev} />
        {p.head as never}
      </head>
      <body>
        <AppRoot errors={p.errors} updateUrl={p.updateUrl} meta={p.meta}>{p.children}</AppRoot>
      </body>
    </html>
  </>
)
