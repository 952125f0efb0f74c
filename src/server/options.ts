/**
 * @module options
 * App options and their defaults, in one literal.
 */
import type { AssetOptions } from './assets.ts'
import type { SecurityOptions } from './security.ts'
import type { CallbackContext } from '../core/context.ts'

export interface AppOptions extends AssetOptions {
  /** The page: a JSX node, or a function returning one (called per page load). */
  layout: unknown | (() => unknown)
  /** The document title. */
  title?: string
  /** App-wide default of `preventInitialCall` (Dash's `prevent_initial_callbacks`, R25). */
  preventInitialCallbacks?: boolean
  /** Skip the check that every callback's ids exist in the initial layout (R44). */
  suppressCallbackExceptions?: boolean
  /** HMAC secrets for state that travels in the page, newest first. Default: `HYPERDASH_SECRET`. */
  secret?: string | string[]
  /**
   * The app's identity for signed state: keys are derived from the secret, this name and the base
   * path, so apps sharing a secret refuse each other's pages. Default: a fingerprint of the callback
   * graph (a deploy that changes the callbacks then asks open pages to reload). Give each deployment
   * of the same code for different tenants its own name.
   */
  name?: string
  /**
   * Oldest signed page state accepted, in seconds; older → 409 and the page offers a reload.
   * Server-owned props cannot be revoked before this age. Default: 86 400 (24 h); 0: no limit.
   */
  stateMaxAgeSeconds?: number
  /**
   * Development mode: error details and stacks in error fragments, warnings, the `/_hd/dev` pages,
   * reload on restart, `Server-Timing`. Off unless asked for: `dev: true`, or `HYPERDASH_DEV=1` in the
   * environment (`npm run dev` sets it). `NODE_ENV` plays no part: a forgotten variable must not send
   * stack traces to every client.
   */
  dev?: boolean
  /** Default timeout for async callbacks, in ms. Default: 30 000. */
  callbackTimeoutMs?: number
  /** A request whose chain is not done after this many ms streams its outputs (SSE). Default: 30. */
  streamAfterMs?: number
  /**
   * Longest time (ms) initial calls may hold the app root back. The document's head is sent at once;
   * initial calls still running after this arrive later in the same response, as they finish (each
   * runs once: the browser never asks for one again). Default: 200.
   */
  initialBudgetMs?: number
  /**
   * Components the app must know before it meets them in a rendered layout: ones used only in a layout
   * function or inserted by callbacks (every process must accept their values), or whose Inputs should
   * be checked at registration. dcc components are always known. Example: `[StarRating]`.
   */
  components?: readonly unknown[]
  /** Extra elements for the document's `<head>`. */
  head?: unknown
  /** hyperdash's default stylesheet (typography, controls, light and dark). `false` leaves it out. Default: true. */
  theme?: boolean
  /**
   * Paths, besides `/`, that answer with the page (Hono patterns: `'/report/:id'`, `'/docs/*'`), for
   * apps that route on `dcc.Location`. Any other path answers 404, and routes added to `app.hono`
   * after `createApp` answer as registered.
   */
  paths?: readonly string[]
  /** Where errors are logged. Default: `console`. */
  logger?: Pick<Console, 'error' | 'warn' | 'info'>
  /** Largest update request body, in bytes; a larger one gets 413. Default: 1 MB. */
  maxBodyBytes?: number
  /**
   * Largest upload request (dcc.Upload's files, multipart), in bytes, whatever the component's
   * `max_size`; a larger one gets 413. Default: 16 MB.
   */
  maxUploadBytes?: number
  /** CSRF refusal, security headers and the Content-Security-Policy (docs/security.md). */
  security?: SecurityOptions
  /**
   * Most worker threads running callbacks registered with `{ worker: import.meta.url }` at once.
   * Default: the number of CPU cores minus one (at least 1, at most 4).
   */
  workerThreads?: number
  /**
   * Redis for background callbacks (`{ background: true }`): jobs go to BullMQ there and any number
   * of job workers (`npx hyperdash worker app.ts`) run them. Default: `process.env.REDIS_URL`; none:
   * jobs run in this process.
   */
  redisUrl?: string
  /**
   * Most update requests in flight in this process (streams included); more get 503 with
   * `Retry-After`, and the page retries (src/server/limits.ts). Default: 256; 0: no limit.
   */
  maxConcurrentUpdates?: number
  /**
   * Dash's app-wide `on_error`: called with the error and the context when a callback without its own
   * `onError` throws; its return value is used as the outputs (nothing: `noUpdate` for all), and
   * `setProps` works inside it.
   */
  onError?: (error: unknown, ctx: CallbackContext) => unknown
}

export const DEFAULTS = {
  title: 'hyperdash',
  preventInitialCallbacks: false,
  suppressCallbackExceptions: false,
  callbackTimeoutMs: 30_000,
  streamAfterMs: 30,
  initialBudgetMs: 200,
  maxBodyBytes: 1024 * 1024,
  maxUploadBytes: 16 * 1024 * 1024,
  maxConcurrentUpdates: 256,
} as const
