/**
 * @module page-route
 * GET: renders the layout with every initial call already applied (DESIGN.md §1.4, R6–R11, R25).
 * Initial calls still running after `initialBudgetMs` are left out: the page lists them, and the
 * browser asks for them at once.
 */
import type { Context } from 'hono'
import { PageState, type ComponentRecord } from '../core/page.ts'
import { newGroup, planInitial } from '../core/plan.ts'
import { startWave } from '../core/run.ts'
import { AppRoot, Assets, Document, type TagAttrs } from '../../views/document.tsx'
import { DevScript } from '../../views/dev/assets.tsx'
import { ASSETS_PATH, listAssets } from './assets.ts'
import { fileHash, staticFiles, staticHref } from './static-files.ts'
import { CallbackErrorView } from '../../views/errors.tsx'
import { renderTree, toHtml } from '../../views/render.ts'
import { renderDeferred } from '../../views/results.tsx'
import { expand, scan } from '../../views/tree.ts'
import { ClientsideManifest } from '../../views/oob.tsx'
import { clientsideCallbacks, clientsideManifest } from './clientside.ts'
import type { AppContext } from './context.ts'
import { createEngine, finish, scanContext, type Engine } from './engine.ts'
import { requestId } from './request-id.ts'
import { warnDeadInputs } from './check-inputs.ts'

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
  warned.add(app.graph)
  const missing = new Set<string>()
  for (const cb of app.graph.callbacks) {
    for (const d of [...cb.outputs, ...cb.inputs, ...cb.states]) if (!page.has(d.id)) missing.add(d.id)
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
}

/** The app root for `url`, with every initial call applied (or listed, past the budget). */
export async function renderRoot(
  app: AppContext,
  url: URL,
  {
    requestId: id = requestId(),
    startedAt = performance.now(),
    engine: e = createEngine(app),
  }: PageRenderOptions = {}
): Promise<unknown> {
  const layout = app.options.layout
  const tree = await expand(typeof layout === 'function' ? await (layout as () => unknown)() : layout)
  const records = scan(tree, null, scanContext(app))
  initLocations(records, url)
  warnDeadInputs(app, records)
  const page = new PageState(records)
  warnMissingIds(app, page)
  const budget = new AbortController()
  const wave = startWave({
    ...e.wave,
    page,
    start: planInitial(app.graph, page, app.prevent).map((cb) => ({ cb, changed: [], initial: true })),
    startGroup: newGroup(),
    signal: budget.signal,
  })
  if (!(await wave.results.readFor(app.options.initialBudgetMs)).done) budget.abort()
  const outcome = await wave.outcome
  const left = [...outcome.deferred, ...outcome.unfinished]
  const manifest = clientsideManifest(app)
  finish(app, { kind: 'page', requestId: id, startedAt }, { results: outcome.results, deferred: left }, 200)
  return AppRoot({
    updateUrl: e.updateUrl,
    ids: e.ids,
    errors: outcome.results
      .filter((r) => r.status === 'error' && r.error)
      .map((r) => CallbackErrorView({ error: r.error!, dev: app.dev, requestId: id })),
    meta:
      (await renderDeferred(left, outcome.clientside)) +
      (manifest ? await toHtml(ClientsideManifest({ manifest })) : ''),
    children: renderTree(tree, { ...e.render, page }),
  })
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
    componentStyles: componentFiles(app, app.components.styles()),
    componentScripts: componentFiles(app, app.components.scripts()),
    icon: icon ? local(icon.path, icon.hash) : undefined,
    dev: app.dev ? DevScript({ staticUrl: url }) : null,
  })
}

/** Renders the whole page for `url`. */
export async function renderPage(app: AppContext, url: URL, o: PageRenderOptions = {}): Promise<string> {
  const e = o.engine ?? createEngine(app)
  const root = await renderRoot(app, url, { ...o, engine: e })
  const { title, head } = app.options
  return toHtml(
    Document({
      title,
      head,
      assets: renderAssets(app, e),
      hasIcon: assetFiles(app).some((f) => f.path === 'favicon.ico'),
      children: root,
    })
  )
}

export function createPageHandler(app: AppContext) {
  const engine = createEngine(app)
  return async function pageRoute(c: Context) {
    const { requestId, startedAt } = c.var
    return c.html(await renderPage(app, new URL(c.req.url), { requestId, startedAt, engine }))
  }
}
