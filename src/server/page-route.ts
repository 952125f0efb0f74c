/**
 * @module page-route
 * GET: renders the layout with every initial call already applied (DESIGN.md §1.4, R6–R11, R25).
 */
import type { Context } from 'hono'
import { jsx } from 'hono/jsx'
import { PageState, type ComponentRecord } from '../core/page.ts'
import { newGroup, planInitial } from '../core/plan.ts'
import { runWave } from '../core/run.ts'
import { AppRoot, Assets, Document } from '../../views/document.tsx'
import { CallbackErrorView } from '../../views/errors.tsx'
import { renderTree, toHtml } from '../../views/render.ts'
import { expand, scan } from '../../views/tree.ts'
import { renderDeferred } from './render-results.ts'
import type { AppContext } from './context.ts'
import {
  logErrors,
  notify,
  renderOptions,
  rootIds,
  scanContext,
  staticUrl,
  updateUrl,
  waveOptions,
} from './engine.ts'
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

/** The app root for `url`, with every initial call applied (or listed, past the budget). */
export async function renderRoot(app: AppContext, url: URL, id = requestId()): Promise<unknown> {
  const t0 = performance.now()
  const layout = app.options.layout
  const tree = await expand(typeof layout === 'function' ? await (layout as () => unknown)() : layout)
  const records = scan(tree, null, scanContext(app))
  initLocations(records, url)
  warnDeadInputs(app, records)
  const page = new PageState(records)
  warnMissingIds(app, page)
  const initial = planInitial(app.graph, page, app.prevent)
  const budget = new AbortController()
  const timer = setTimeout(() => budget.abort(), app.options.initialBudgetMs)
  const outcome = await runWave({
    ...waveOptions(app),
    page,
    start: initial.map((cb) => ({ cb, changed: [], initial: true })),
    startGroup: newGroup(),
    signal: budget.signal,
  }).finally(() => clearTimeout(timer))
  logErrors(app, outcome.results, id)
  const left = [...outcome.deferred, ...outcome.unfinished]
  notify(app, {
    kind: 'page',
    requestId: id,
    at: Date.now(),
    ms: performance.now() - t0,
    results: outcome.results,
    deferred: left,
    status: 200,
  })
  const errors = outcome.results
    .filter((r) => r.status === 'error' && r.error)
    .map((r) => jsx(CallbackErrorView, { error: r.error!, dev: app.dev, requestId: id }))
  return jsx(AppRoot, {
    updateUrl: updateUrl(app),
    ids: rootIds(app),
    errors,
    meta: await renderDeferred(left),
    children: renderTree(tree, renderOptions(app, page)),
  } as never)
}

/** The assets an embedding page puts in its `<head>`, once. */
export const renderAssets = (app: AppContext) =>
  jsx(Assets, {
    staticUrl: staticUrl(app),
    dev: app.dev,
    scripts: [...app.components.scripts().keys()].map((path) => `${app.basePath}${path}`),
  })

/** Renders the whole page for `url`. */
export async function renderPage(app: AppContext, url: URL, id = requestId()): Promise<string> {
  const root = await renderRoot(app, url, id)
  return toHtml(
    jsx(Document, {
      title: app.options.title,
      head: app.options.head,
      assets: renderAssets(app),
      children: root,
    } as never)
  )
}

export function createPageHandler(app: AppContext) {
  return async function pageRoute(c: Context) {
    return c.html(await renderPage(app, new URL(c.req.url)))
  }
}
