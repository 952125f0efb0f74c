/**
 * @module page-route
 * GET: renders the layout with every initial call already applied (DESIGN.md §1.4, R6–R11, R25).
 * The document streams: its head at once, the app root when the initial calls are done or after
 * `initialBudgetMs`, then the late ones' results in the same response as they finish (each initial
 * call runs once; the browser never asks for one again).
 */
import type { Context } from 'hono'
import { PageState, type ComponentRecord } from '../core/page.ts'
import { isWildcard } from '../core/wildcards.ts'
import type { ValidatedUpdate } from '../protocol/validate.ts'
import { newGroup, planInitial } from '../core/plan.ts'
import { startWave, type CallbackResult, type WaveOutcome } from '../core/run.ts'
import { raw } from 'hono/html'
import { hasBackground } from './jobs/runner.ts'
import { AppRoot, Assets, Document, type TagAttrs } from '../../views/document.tsx'
import { DevScript } from '../../views/dev/assets.tsx'
import { ASSETS_PATH, listAssets } from './assets.ts'
import { fileHash, staticFiles, staticHref } from './static-files.ts'
import { CallbackErrorView } from '../../views/errors.tsx'
import { renderTree, toHtml } from '../../views/render.ts'
import { LateResults, NoScriptRoot } from '../../views/late.tsx'
import { renderDeferred, renderResults } from '../../views/results.tsx'
import { expand, layoutKinds, scan } from '../../views/tree.ts'
import { PageHead } from '../../views/pages.tsx'
import { ClientsideManifest } from '../../views/oob.tsx'
import { ConfigError } from '../core/errors.ts'
import { withBasePath } from './base-path.ts'
import { clientsideCallbacks, clientsideManifest } from './clientside.ts'
import { PAGE_IDS } from './pages.ts'
import type { AppContext } from './context.ts'
import { createEngine, finish, scanContext, type Engine } from './engine.ts'
import { requestId } from './request-id.ts'
import { warnDeadInputs } from './check-inputs.ts'
import { formState } from './form-state.ts'

/** dcc.Location starts from the request URL (the hash never reaches the server). */
function initLocations(records: ComponentRecord[], url: URL) {
  for (const r of records) {
    if (r.kind !== 'dcc.Location') continue
    r.props = { pathname: url.pathname, search: url.search, hash: '', href: url.href, ...r.props }
  }
}

const warned = new WeakSet<object>()
/** R44: in development, name the callback ids that are not in the initial layout (once per app). */
function warnMissingIds(app: AppContext, page: PageState) {
  if (warned.has(app.graph) || !app.dev || app.options.suppressCallbackExceptions) return
  // The ids of a page whose layout is a function are known once it runs (Dash calls it without
  // arguments to find them, which fails for layouts that need them).
  if (app.pages.hasLayoutFunctions()) return
  warned.add(app.graph)
  const inPages = new Map<string, string>()
  for (const l of app.pages.staticLayouts()) layoutKinds(l, app.components, inPages)
  const missing = new Set<string>()
  for (const cb of app.graph.callbacks) {
    for (const d of [...cb.outputs, ...cb.inputs, ...cb.states]) {
      // A pattern names every matching component, maybe none yet: not a missing id.
      if (d.pattern && Object.values(d.pattern).some(isWildcard)) continue
      if (!page.has(d.id) && !inPages.has(d.id)) missing.add(d.id)
    }
  }
  if (missing.size) {
    app.logger.warn(
      `hyperdash: ID not found in layout: ${[...missing].map((m) => `'${m}'`).join(', ')}. If these components ` +
        'are inserted later by callbacks, pass `suppressCallbackExceptions: true` to createApp.'
    )
  }
}

/** One page render: the request's id and arrival time, and the app's engine (built when not given). */
export interface PageRenderOptions {
  requestId?: string
  startedAt?: number
  engine?: Engine
  /** How long initial calls may hold the root back (ms); the rest streams after it. Default: all of them. */
  budgetMs?: number
  /**
   * A page posted by its own form (form-route.ts): the page's state and the callbacks the post
   * starts, instead of the layout's records and its initial calls.
   */
  seed?: PageSeed
  /** Where the root's form posts (without JavaScript). Default: the page's own path and query. */
  formAction?: string
}

/** A posted page: its components (as the post left them) and what the post changed. */
export type PageSeed = Pick<ValidatedUpdate, 'page' | 'start' | 'external'>

/**
 * The app root for `url` with the initial calls that finished within the budget applied, and the rest
 * as they finish: each batch of late results as `<template hd-late>` (the extension applies its swaps,
 * as an update response's), then, for a browser without JavaScript, the finished root inside
 * `<noscript>`. Every initial call runs once: nothing is left for the browser to ask for again.
 */
export async function startRoot(
  app: AppContext,
  url: URL,
  {
    requestId: id = requestId(),
    startedAt = performance.now(),
    engine: e = createEngine(app),
    budgetMs = Infinity,
    seed,
    formAction = url.pathname + url.search,
  }: PageRenderOptions = {}
): Promise<() => Promise<{ root: unknown; late: AsyncGenerator<string> | null }>> {
  const layout = app.options.layout
  const tree = await expand(typeof layout === 'function' ? await (layout as () => unknown)() : layout)
  const records = scan(tree, null, scanContext(app))
  initLocations(records, url)
  for (const r of records) {
    const fromUrl = app.components.get(r.kind)?.fromUrl
    if (fromUrl) r.props = fromUrl(r.props, url, r.id)
  }
  warnDeadInputs(app, records)
  const page = seed?.page ?? new PageState(records)
  if (app.pages.size && !page.has(PAGE_IDS.content)) {
    throw new ConfigError(
      'This app registers pages but its layout has no page container: put <PageContainer /> ' +
        "(from 'hyperdash/components') in the layout, where the pages go."
    )
  }
  warnMissingIds(app, page)
  const wave = startWave({
    ...e.wave,
    page,
    start:
      seed?.start ??
      planInitial(app.graph, page, app.prevent).map((c) => ({
        cb: c.cb,
        match: c.match,
        changed: [],
        initial: true,
      })),
    external: seed?.external,
    startGroup: seed ? null : newGroup(),
  })
  // Returned once the wave has started: what is left can no longer fail before the first byte.
  return async () => {
    const first = await wave.results.readFor(budgetMs)
    const errorViews = (results: readonly CallbackResult[]) =>
      results
        .filter((r) => r.status === 'error' && r.error)
        .map((r) => CallbackErrorView({ error: r.error!, dev: app.dev, requestId: id }))
    // Client-side callbacks: what the page runs (static/hyperdash-clientside.js), in every root.
    const manifest = clientsideManifest(app)
    const manifestHtml = manifest ? await toHtml(ClientsideManifest({ manifest })) : ''
    const root = async (meta: string, results: readonly CallbackResult[]) =>
      AppRoot({
        updateUrl: e.updateUrl,
        ids: e.ids,
        errors: errorViews(results),
        meta: meta + manifestHtml,
        children: renderTree(tree, { ...e.render, page }),
        form: { action: formAction, state: await formState(page, e.render) },
      })
    const end = (outcome: WaveOutcome) =>
      finish(app, { kind: 'page', requestId: id, startedAt }, outcome, 200)
    if (first.done) {
      const outcome = await wave.outcome
      end(outcome)
      const meta = await renderDeferred(outcome.deferred, outcome.clientside)
      return { root: await root(meta, outcome.results), late: null }
    }
    const shown = await root('', first.items)
    const opts = { ...e.render, page, dev: app.dev, requestId: id, errorsId: e.ids.errors }
    async function* late(): AsyncGenerator<string> {
      for await (const batch of wave.results) {
        const html = await renderResults(batch, opts)
        if (html) yield toHtml(LateResults({ children: raw(html) }))
      }
      const outcome = await wave.outcome
      const meta = await renderDeferred(outcome.deferred, outcome.clientside)
      if (meta) yield toHtml(LateResults({ children: raw(meta) }))
      end(outcome)
      yield toHtml(
        NoScriptRoot({
          stylesheet: staticHref(e.staticUrl, 'hyperdash-nojs.css'),
          children: await root(meta, outcome.results),
        })
      )
    }
    return { root: shown, late: late() }
  }
}

/** The app root for `url`, with every initial call applied: for embedding in another page. */
export function renderRoot(app: AppContext, url: URL, o: PageRenderOptions = {}): Promise<unknown> {
  // Embedded in another page: its form posts to the app's own page.
  const formAction = `${app.basePath}/`
  // Outside a route (an embedding page): layout functions and callbacks still read the base path.
  return withBasePath(
    app.basePath,
    async () => (await (await startRoot(app, url, { formAction, ...o, budgetMs: Infinity }))()).root
  )
}

/** The app's assets-folder files (listed once; in development on every page, to see new files). */
function assetFiles(app: AppContext) {
  if (app.dev || !assetCache.has(app.options)) {
    assetCache.set(app.options, listAssets(app.assetsDir, app.options.assetsIgnore))
  }
  return assetCache.get(app.options)!
}
const assetCache = new WeakMap<object, ReturnType<typeof listAssets>>()

/** URLs of component files, versioned by their content's hash (cached for an hour, refreshed by a deploy). */
function componentFiles(app: AppContext, files: Map<string, string>): string[] {
  return [...files].map(([path, file]) => `${app.basePath}${path}?v=${fileHash(file)}`)
}

/** The assets an embedding page puts in its `<head>`, once. */
export function renderAssets(app: AppContext, e = createEngine(app)) {
  const url = e.staticUrl
  const files = assetFiles(app)
  const local = (path: string, hash: string) => `${app.basePath}${ASSETS_PATH}/${path}?v=${hash}`
  const icon = files.find((f) => f.path === 'favicon.ico')
  const externalStyles: TagAttrs[] = (app.options.externalStylesheets ?? []).map((s) =>
    typeof s === 'string' ? { href: s } : s
  )
  const externalScripts: TagAttrs[] = (app.options.externalScripts ?? []).map((s) =>
    typeof s === 'string' ? { src: s, defer: true } : { defer: true, ...s }
  )
  return Assets({
    styles: ['hyperdash.css', ...(app.options.theme === false ? [] : ['hyperdash-theme.css'])]
      .filter((name) => staticFiles().has(name))
      .map((name) => staticHref(url, name)),
    scripts: [
      'htmx.min.js',
      'hx-sse.min.js',
      'hyperdash.js',
      ...(clientsideCallbacks(app.graph).length ? ['hyperdash-clientside.js'] : []),
      ...(hasBackground(app.graph) ? ['hyperdash-jobs.js'] : []),
    ].map((name) => staticHref(url, name)),
    appStyles: [
      ...externalStyles,
      ...files.filter((f) => f.path.endsWith('.css')).map((f) => ({ href: local(f.path, f.hash) })),
    ],
    appScripts: [
      ...files
        .filter((f) => /\.m?js$/.test(f.path))
        .map((f): TagAttrs =>
          f.path.endsWith('.mjs')
            ? { type: 'module', src: local(f.path, f.hash) }
            : { src: local(f.path, f.hash), defer: true }
        ),
      ...externalScripts,
    ],
    componentStyles: componentFiles(app, app.components.styles(true)),
    componentScripts: componentFiles(app, app.components.scripts(true)),
    icon: icon ? local(icon.path, icon.hash) : undefined,
    dev: app.dev ? DevScript({ staticUrl: url }) : null,
  })
}

/** What a multi-page app's page puts in the head: its title and meta tags. */
export interface PageHeadInfo {
  title: string
  description: string
  /** The image's URL path or URL, or null. */
  image: string | null
}

/**
 * The whole page for `url`, as chunks: the document up to `<body>` at once, the app root once the
 * initial calls are done or `initialBudgetMs` has passed, then the late results as they finish, then
 * the end of the document.
 */
export async function* streamPage(
  app: AppContext,
  url: URL,
  o: PageRenderOptions & { page?: PageHeadInfo } = {}
): AsyncGenerator<string> {
  const e = o.engine ?? createEngine(app)
  const p = o.page
  const title = p ? p.title : app.options.title
  // A multi-page app's page: its description and og/twitter meta tags.
  const meta = p
    ? PageHead({
        title: p.title,
        description: p.description,
        image: p.image ? new URL(p.image, url).href : '',
        url: url.href,
      })
    : null
  // A layout that throws fails here, before the first byte: a proper error page, not half a document.
  const rest = await startRoot(app, url, { budgetMs: app.options.initialBudgetMs, ...o, engine: e })
  const doc = await toHtml(
    Document({
      title,
      head: [meta, app.options.head],
      assets: renderAssets(app, e),
      hasIcon: assetFiles(app).some((f) => f.path === 'favicon.ico'),
      children: raw(BODY_MARK),
    })
  )
  const at = doc.indexOf(BODY_MARK)
  // The head at once: the browser fetches scripts and styles while the initial calls run.
  yield doc.slice(0, at)
  const { root, late } = await rest()
  yield await toHtml(root)
  if (late) {
    // An empty batch at once: the root is complete, and the extension makes it live now.
    yield await toHtml(LateResults({}))
    for await (const chunk of late) yield chunk
  }
  yield doc.slice(at + BODY_MARK.length)
}

const BODY_MARK = '<!--hd-body-->'

/** Renders the whole page for `url` into one string (tests, `app.request`). */
export async function renderPage(
  app: AppContext,
  url: URL,
  o: PageRenderOptions & { page?: PageHeadInfo } = {}
): Promise<string> {
  let html = ''
  for await (const chunk of streamPage(app, url, o)) html += chunk
  return html
}

export function createPageHandler(app: AppContext) {
  const engine = createEngine(app)
  return async function pageRoute(c: Context) {
    const { requestId, startedAt } = c.var
    const url = new URL(c.req.url)
    const d = describePage(app, url)
    if ('redirect' in d) return c.redirect(d.redirect, 308)
    const o = { requestId, startedAt, engine, page: d.page }
    return pageResponse(app, c, streamPage(app, url, o), d.status)
  }
}

/** Answers with a page's chunks as they come (the page route, and the form route's posted pages). */
export async function pageResponse(
  app: AppContext,
  c: Context,
  chunks: AsyncGenerator<string>,
  status: 200 | 404 = 200
) {
  const { requestId } = c.var
  // A layout that throws fails here, before any byte, as a 500 page.
  const head = await chunks.next()
  const encoder = new TextEncoder()
  // Written as the chunks come, whether or not anyone reads yet: the page's work (and its log
  // line) never waits on the reader, and a page is small enough to queue.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!head.done) controller.enqueue(encoder.encode(head.value))
      void (async () => {
        try {
          for (let next = await chunks.next(); !next.done; next = await chunks.next())
            controller.enqueue(encoder.encode(next.value))
          controller.close()
        } catch (err) {
          app.logger.error(`hyperdash [${requestId}] the page failed while streaming:`, err)
          try {
            controller.close()
          } catch {}
        }
      })()
    },
    cancel() {
      void chunks.return(undefined)
    },
  })
  return c.body(body, status, { 'Content-Type': 'text/html; charset=UTF-8' })
}

/**
 * What a URL's page is before it renders: in a multi-page app its status, title and meta tags, or
 * where it redirects (a page's `redirectFrom`); else a plain 200.
 */
export function describePage(
  app: AppContext,
  url: URL
): { redirect: string } | { status: 200 | 404; page?: PageHeadInfo } {
  if (!app.pages.size) return { status: 200 }
  const r = app.pages.resolve(url.pathname, url.search, app.basePath)
  if (r.kind === 'redirect') return { redirect: r.to + url.search }
  const d = app.pages.describe(url.pathname, url.search, app.options.title, app.basePath)
  return { status: d.status, page: d }
}
