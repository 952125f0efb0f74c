/**
 * @module context
 * What every route of one app needs, fixed when the app is created, and what one request ran.
 * Its own module so the routes import it without importing the app (no import cycle).
 */
import type { CallbackSpec } from '../core/callback.ts'
import type { Graph } from '../core/graph.ts'
import type { PreventInitial } from '../core/plan.ts'
import type { CallbackResult } from '../core/run.ts'
import type { ComponentRegistry } from '../protocol/components.ts'
import type { Signer } from '../protocol/state.ts'
import type { AppOptions, DEFAULTS } from './options.ts'
import type { Pages } from './pages.ts'

/** Everything the routes need, fixed when the app is created. */
export interface AppContext {
  readonly graph: Graph
  readonly signer: Signer
  /** The component kinds this app knows (src/protocol/components.ts). */
  readonly components: ComponentRegistry
  readonly prevent: PreventInitial
  readonly options: Required<Pick<AppOptions, keyof typeof DEFAULTS>> & AppOptions
  readonly dev: boolean
  /** The absolute assets folder (`assetsFolder`), or null. */
  readonly assetsDir: string | null
  readonly basePath: string
  readonly logger: Pick<Console, 'error' | 'warn' | 'info'>
  /** Kinds of the ids a layout given as JSX shows (empty for a layout function): `setProps` targets. */
  readonly layoutKinds?: ReadonlyMap<string, string>
  /** The app's pages (multi-page apps, `registerPage`); empty for a one-page app. */
  readonly pages: Pages
  /** Called after every update request and page render with what ran (dev tools, metrics). */
  readonly observers: ((event: UpdateEvent) => void)[]
}

/** What one request ran: for the dev tools and metrics. */
export interface UpdateEvent {
  readonly kind: 'page' | 'update'
  readonly requestId: string
  readonly at: number
  readonly ms: number
  readonly results: readonly CallbackResult[]
  readonly deferred: readonly {
    cb: CallbackSpec
    changed: readonly string[]
  }[]
  readonly status: number
}

// Hono's per-request variables, typed for every Context: set by `requestContext` (request-id.ts)
// before any route runs.
declare module 'hono' {
  interface ContextVariableMap {
    /** Ties a client-visible error to the server's log line. */
    requestId: string
    /** `performance.now()` when the request arrived. */
    startedAt: number
    /** The app's security headers, for routes that send them with their answer (security.ts). */
    secureHeaders: Readonly<Record<string, string>>
  }
}
