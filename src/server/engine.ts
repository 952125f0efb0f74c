/**
 * @module engine
 * Wires the pure engine to the views: the scanner, the value check and the expansion that
 * `runWave` needs, and the render options for a page.
 */
import type { PageState } from '../core/page.ts'
import type { CallbackResult, WaveOptions } from '../core/run.ts'
import { UPDATE_PATH, STATIC_PREFIX } from '../protocol/constants.ts'
import type { RenderOptions } from '../../views/render.ts'
import { checkRenderable, expand, scan, toJson } from '../../views/tree.ts'
import type { AppContext, UpdateEvent } from './context.ts'

export const updateUrl = (app: AppContext) => `${app.basePath}${UPDATE_PATH}`

/**
 * The ids of the app's root and error area: `hd-app` / `hd-errors` at the top, suffixed by the base
 * path when mounted (`/dash` → `hd-app-dash`), so two apps can share one page.
 */
export function rootIds(app: AppContext): { root: string; errors: string } {
  const slug = app.basePath.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '')
  return slug
    ? { root: `hd-app-${slug}`, errors: `hd-errors-${slug}` }
    : { root: 'hd-app', errors: 'hd-errors' }
}
export const staticUrl = (app: AppContext) => `${app.basePath}${STATIC_PREFIX}`

/** The parts of `runWave`'s options that come from the app. */
export function waveOptions(app: AppContext) {
  return {
    graph: app.graph,
    prevent: app.prevent,
    scan: (value: unknown, parent: string) => scan(value, parent, scanContext(app)),
    check: checkRenderable,
    expand,
    timeoutMs: app.options.callbackTimeoutMs,
  } satisfies Partial<WaveOptions>
}

export function renderOptions(app: AppContext, page: PageState): RenderOptions {
  return { graph: app.graph, signer: app.signer, updateUrl: updateUrl(app), toJson, page, components: app.components }
}

/** What a layout scan needs: the graph's ids, and the app's components to record the kinds it meets. */
export const scanContext = (app: AppContext) => ({
  involves: (id: string) => app.graph.involves(id),
  components: app.components,
})

/** Logs failed callbacks with the request id; the client only sees details in development. */
export function logErrors(app: AppContext, results: readonly CallbackResult[], requestId: string) {
  for (const r of results) {
    if (r.status === 'error' && r.error) {
      app.logger.error(`hyperdash [${requestId}] callback ${r.cb.name} failed:`, r.error.cause ?? r.error)
    }
  }
}

/** Tells the app's observers what a request ran; an observer that throws is logged, never fatal. */
export function notify(app: AppContext, event: UpdateEvent) {
  for (const o of app.observers) {
    try {
      o(event)
    } catch (err) {
      app.logger.error('hyperdash: an update observer failed:', err)
    }
  }
}
