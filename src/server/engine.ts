/**
 * @module engine
 * Wires the pure engine to the views, once per app (when its routes are built): the scanner, the value check and the expansion
 * that a wave needs, the render options and the app's URLs and ids. And the end of every request's
 * wave: failed callbacks logged, observers told.
 */
import type { WaveOptions, WaveOutcome } from '../core/run.ts'
import { UPDATE_PATH, STATIC_PREFIX } from '../protocol/constants.ts'
import type { RenderOptions } from '../../views/render.ts'
import { checkRenderable, expand, fromJson, isElementData, scan, toJson } from '../../views/tree.ts'
import { hasProp, propProblem } from '../protocol/prop-check.ts'
import { unseenWriteProblem } from '../protocol/unseen-write.ts'
import type { AppContext, UpdateEvent } from './context.ts'

/** What every request of one app needs: built once, when its routes are (per app and mount point). */
export interface Engine {
  /** The parts of a wave's options that come from the app. */
  readonly wave: Pick<
    WaveOptions,
    | 'graph'
    | 'prevent'
    | 'scan'
    | 'check'
    | 'checkProp'
    | 'hasProp'
    | 'shownKind'
    | 'unseenWrite'
    | 'forms'
    | 'onError'
    | 'expand'
    | 'timeoutMs'
  >
  /** The render options but the page. */
  readonly render: Omit<RenderOptions, 'page'>
  /** The ids of the app's root, of its error area and of its page's form. */
  readonly ids: { readonly root: string; readonly errors: string; readonly form: string }
  readonly updateUrl: string
  readonly staticUrl: string
}

/** Builds the engine of an app's routes. */
export function createEngine(app: AppContext): Engine {
  const updateUrl = `${app.basePath}${UPDATE_PATH}`
  const ids = rootIds(app.basePath)
  return {
    wave: {
      graph: app.graph,
      prevent: app.prevent,
      scan: (value: unknown, parent: string) => scan(value, parent, scanContext(app)),
      check: checkRenderable,
      checkProp: (kind, prop, value) => propProblem(app.components, kind, prop, value),
      hasProp: (kind, prop) => hasProp(app.components, kind, prop),
      shownKind: (id) => app.layoutKinds?.get(id),
      unseenWrite: (id, kind, props) => unseenWriteProblem(app.components, app.graph, id, kind, props),
      forms: {
        toData: toJson,
        fromData: (v) => fromJson(v, app.components),
        single: isElementData,
        editable: (kind, prop) => prop === 'children' && !app.components.lookup(kind)?.rerender,
      },
      onError: app.options.onError,
      expand,
      timeoutMs: app.options.callbackTimeoutMs,
    },
    render: {
      graph: app.graph,
      signer: app.signer,
      updateUrl,
      toJson,
      components: app.components,
      formId: ids.form,
    },
    ids,
    updateUrl,
    staticUrl: `${app.basePath}${STATIC_PREFIX}`,
  }
}

/** What a layout scan needs: the graph's ids, and the app's components to record the kinds it meets. */
export const scanContext = (app: AppContext) => ({
  involves: (id: string) => app.graph.involves(id),
  components: app.components,
})

/**
 * The ids of the app's root, error area and form: `hd-app` / `hd-errors` / `hd-app-form` at the top,
 * suffixed by the base path when mounted (`/dash` → `hd-app-dash`, `hd-app-dash-form`), so two apps
 * can share one page.
 */
function rootIds(basePath: string): Engine['ids'] {
  const slug = basePath.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '')
  const root = slug ? `hd-app-${slug}` : 'hd-app'
  return { root, errors: slug ? `hd-errors-${slug}` : 'hd-errors', form: `${root}-form` }
}

/** One request, as its end is reported. */
export interface RequestInfo {
  readonly kind: UpdateEvent['kind']
  readonly requestId: string
  /** `performance.now()` when it arrived. */
  readonly startedAt: number
}

/**
 * The end of a request's wave: logs the failed callbacks with the request id (the client sees details
 * only in development), then tells the app's observers what ran; an observer that throws is logged.
 */
export function finish(
  app: AppContext,
  req: RequestInfo,
  outcome: Pick<WaveOutcome, 'results' | 'deferred'>,
  status: number
): void {
  for (const r of outcome.results) {
    if (r.status === 'error' && r.error) {
      app.logger.error(`hyperdash [${req.requestId}] callback ${r.cb.name} failed:`, r.error.cause ?? r.error)
    }
  }
  const event: UpdateEvent = {
    kind: req.kind,
    requestId: req.requestId,
    at: Date.now(),
    ms: performance.now() - req.startedAt,
    results: outcome.results,
    deferred: outcome.deferred,
    status,
  }
  for (const o of app.observers) {
    try {
      o(event)
    } catch (err) {
      app.logger.error('hyperdash: an update observer failed:', err)
    }
  }
}
