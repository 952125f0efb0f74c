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
  /** The head's script and style tags (see {@link Assets}). */
  assets: unknown
  /** Extra elements for `<head>` (stylesheets, meta). */
  head?: unknown
  /** The app root (see {@link AppRoot}). */
  children?: unknown
}

export interface AppRootProps {
  children?: unknown
  errors?: unknown
  updateUrl: string
  meta?: string
  /** The root's id and its error area's id: distinct per app, so two apps can share a page. */
  ids?: { root: string; errors: string }
}

/** The app root: what `app.renderRoot()` embeds into another page, and what the full document wraps. */
export const AppRoot = (p: AppRootProps) => (
  <div id={p.ids?.root ?? 'hd-app'} class="hd-app" data-hd-url={p.updateUrl}>
    {p.children as never}
    {/* meta is HTML already rendered by views/oob.tsx (Meta), escaped there. */}
    {p.meta ? raw(p.meta) : null}
    <div id={p.ids?.errors ?? ERRORS_ID} class="hd-errors" aria-live="assertive">
      {p.errors as never}
    </div>
  </div>
)

/** Script and style tags for the head; an embedding page includes these once. */
export const Assets = (p: { staticUrl: string; dev?: boolean; scripts?: readonly string[] }) => (
  <>
    <link rel="stylesheet" href={`${p.staticUrl}/hyperdash.css`} />
    <script src={`${p.staticUrl}/htmx.min.js`} />
    <script src={`${p.staticUrl}/hx-sse.min.js`} />
    <script src={`${p.staticUrl}/hyperdash.js`} />
    {p.dev && <DevScript staticUrl={p.staticUrl} />}
    {/* Components' own modules (readers): deferred, so they run after hyperdash.js defines `window.hyperdash`. */}
    {(p.scripts ?? []).map((src) => (
      <script type="module" src={src} />
    ))}
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
        {p.assets as never}
        {p.head as never}
      </head>
      <body>{p.children as never}</body>
    </html>
  </>
)
