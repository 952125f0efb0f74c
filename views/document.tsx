/**
 * @module document
 * The HTML document shell: htmx, its SSE extension and ours, the stylesheet, the app root and its
 * error area.
 */
import { raw } from 'hono/html'
import { ERRORS_ID } from './errors.tsx'
import { FORM_CLASS, FORM_STATE_FIELD, FORM_SUBMIT_FIELD } from '../src/protocol/constants.ts'

export interface DocumentProps {
  title: string
  /** The head's script and style tags (see {@link Assets}). */
  assets: unknown
  /** True when the assets carry an icon (else an empty one keeps browsers from asking for /favicon.ico). */
  hasIcon?: boolean
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
  /**
   * The form the page is without JavaScript: its id (each control it carries names it with `form`),
   * where it posts, its signed state (`hd:state`), and whether it sends files (multipart).
   */
  form?: PageFormProps
}

export interface PageFormProps {
  id: string
  action: string
  state: string
  multipart?: boolean
}

/**
 * The page as a form, for browsers without JavaScript (src/protocol/form.ts): an empty `<form>`
 * before the layout, never around it, so a `<form>` of the app's own layout does not nest in it
 * (the HTML parser would drop the inner one); each control it carries names it with `form`. Its
 * hidden submit button is the first of the form, so it is the one Enter presses (implicit
 * submission); it names itself `hd:submit`, so the server counts an Input's `n_submit`. The
 * extension stops its native submission.
 */
const PageForm = (p: PageFormProps) => (
  <form
    id={p.id}
    class={FORM_CLASS}
    method="post"
    action={p.action}
    enctype={p.multipart ? 'multipart/form-data' : undefined}
  >
    <button type="submit" class="hd-form-default" hidden tabindex={-1} name={FORM_SUBMIT_FIELD} value="1" />
    <input type="hidden" name={FORM_STATE_FIELD} value={p.state} />
  </form>
)

/** Shown only without JavaScript (`.hd-js` hides it): submits what sliders and checkboxes changed. */
const PageFormSubmit = (p: { form: string }) => (
  <button type="submit" class="hd-form-submit" form={p.form}>
    Update
  </button>
)

/** The app root: what `app.renderRoot()` embeds into another page, and what the full document wraps. */
export const AppRoot = (p: AppRootProps) => (
  <div id={p.ids?.root ?? 'hd-app'} class="hd-app" data-hd-url={p.updateUrl}>
    {p.form ? <PageForm {...p.form} /> : null}
    {p.children as never}
    {p.form ? <PageFormSubmit form={p.form.id} /> : null}
    {/* meta is HTML already rendered by views/oob.tsx (Meta), escaped there. */}
    {p.meta ? raw(p.meta) : null}
    <div id={p.ids?.errors ?? ERRORS_ID} class="hd-errors" aria-live="assertive">
      {p.errors as never}
    </div>
  </div>
)

/** The attributes of one `<link rel="stylesheet">` or `<script>`. */
export type TagAttrs = Record<string, string | boolean>

export interface AssetsProps {
  /** hyperdash's stylesheets (functional, then the default theme unless the app opted out). */
  styles: readonly string[]
  /** htmx, its SSE extension, hyperdash's extension. */
  scripts: readonly string[]
  /** The app's stylesheets: external ones, then its assets folder's `.css` files. */
  appStyles?: readonly TagAttrs[]
  /** Stylesheets of the components the app knows. */
  componentStyles?: readonly string[]
  /** Modules of the components the app knows (their readers). */
  componentScripts?: readonly string[]
  /** The app's scripts: its assets folder's `.js` files, then external ones (all deferred). */
  appScripts?: readonly TagAttrs[]
  /** `favicon.ico` of the assets folder, if any. */
  icon?: string
  /** The dev script (development only). */
  dev?: unknown
}

/** Script and style tags for the head; an embedding page includes these once. */
export const Assets = (p: AssetsProps) => (
  <>
    {p.icon && <link rel="icon" href={p.icon} />}
    {p.styles.map((href) => (
      <link rel="stylesheet" href={href} />
    ))}
    {p.componentStyles?.map((href) => (
      <link rel="stylesheet" href={href} />
    ))}
    {p.appStyles?.map((a) => (
      <link rel="stylesheet" {...a} />
    ))}
    {p.scripts.map((src) => (
      <script src={src} />
    ))}
    {/* Components' own modules (readers): deferred, so they run after hyperdash.js defines `window.hyperdash`. */}
    {p.componentScripts?.map((src) => (
      <script type="module" src={src} />
    ))}
    {p.appScripts?.map((a) => (
      <script {...a} />
    ))}
    {p.dev as never}
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
        <title>{p.title}</title>
        {p.assets as never}
        {!p.hasIcon && <link rel="icon" href="data:," />}
        {p.head as never}
      </head>
      <body>{p.children as never}</body>
    </html>
  </>
)
