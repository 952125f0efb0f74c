/**
 * @module app
 * `createApp()`: the app object users build (layout + callbacks), and the Hono app that serves it.
 */
import { readFileSync, realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { isMainThread } from 'node:worker_threads'
import type { Server } from 'node:http'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { createCallbackSpec, type AnyCallbackFn, type CallbackSpec } from '../core/callback.ts'
import type { InputDep, OutputDep, StateDep } from '../core/dependency.ts'
import { ConfigError } from '../core/errors.ts'
import { RequestError } from '../protocol/errors.ts'
import { Graph } from '../core/graph.ts'
import { resolvePreventInitial } from '../core/plan.ts'
import { STATIC_PREFIX, UPDATE_PATH, UPLOAD_PATH } from '../protocol/constants.ts'
import { COMPONENTS_PREFIX, ComponentRegistry } from '../protocol/components.ts'
import { builtinComponents } from '../../views/components/index.ts'
import { hdSpecOf, layoutKinds } from '../../views/tree.ts'
import { refuseDeadInputs } from './check-inputs.ts'
import { createSigner, randomSecret, secretsFromEnv, stateScope, type Signer } from '../protocol/state.ts'
import { DEFAULTS, type AppOptions } from './options.ts'
import { registerDevRoutes } from './dev-route.ts'
import { createPageHandler, renderAssets, renderRoot } from './page-route.ts'
import { toHtml } from '../../views/render.ts'
import { encodedBody, staticCacheControl, staticFiles } from './static-files.ts'
import { ASSETS_PATH, assetsDir, externalCsp, readAsset } from './assets.ts'
import { requestContext } from './request-id.ts'
import { createUpdateHandler, createUpdateRunner } from './update-route.ts'
import { createUploadHandler } from './upload-route.ts'
import { withBasePath } from './base-path.ts'
import { Pages, routerCallback, type PageEntry, type PageOptions } from './pages.ts'
import { PageMeta } from '../../views/components/page-container.tsx'
import { matchedRoutes } from 'hono/route'
import type { AppContext } from './context.ts'
import { createFormHandler } from './form-route.ts'
import {
  CROSS_ORIGIN_FORM_MESSAGE,
  crossOriginGuard,
  DEFAULT_CSP,
  HostPolicy,
  reloadHint,
  securityHeaders,
  type SecurityOptions,
} from './security.ts'
import { limitConcurrency, UpdateLimiter, type LimitOptions } from './limits.ts'
import { BullJobs } from './jobs/bullmq.ts'
import { appJobKey, createJobs, jobRunner, type JobBackend } from './jobs/index.ts'
import { asList, backgroundCallback, MAX_TIMER_MS } from './jobs/background.ts'
import { cancelCallback } from './jobs/cancel.ts'
import { gracefulShutdown, type ShutdownOptions } from './shutdown.ts'
import {
  defaultThreads,
  inCallbackWorker,
  isolate,
  moduleHref,
  trackGraph,
  WORKER_START_ALLOWANCE_MS,
  WorkerPool,
} from './isolate.ts'
import type { CallbackFn, CallbackOptions, OutputsArg, InputsArg, StatesArg } from './types.ts'
import { isClientsideFunction, type ClientsideFunction } from '../core/clientside.ts'
import { CLIENTSIDE_PREFIX, clientsideFilePath } from './clientside.ts'

/** The options of `app.clientsideCallback()`. */
export interface ClientsideOptions {
  /** Skip the initial call on page load (it runs in the browser otherwise). */
  preventInitialCall?: boolean
  /** A name for error messages. */
  name?: string
}

export interface ListenOptions {
  port?: number
  hostname?: string
  /**
   * On SIGTERM/SIGINT: stop accepting, finish the requests in flight, exit (src/server/shutdown.ts).
   * `false` leaves the signals alone. Default: on.
   */
  gracefulShutdown?: boolean | Omit<ShutdownOptions, 'onClosed'>
}

export class HyperApp {
  readonly graph = new Graph()
  /** The Hono app serving the page, the update route and the static files. Mount it with `route()`. */
  readonly hono: Hono
  readonly context: AppContext
  #pool: WorkerPool | null = null
  readonly #workerModules = new Set<string>()
  /** Kinds of the ids the layout shows as JSX (empty for a layout function): Inputs are checked on them. */
  readonly #layoutKinds: Map<string, string>
  /** The callbacks and pages checked last (`callbacks:pages`). */
  #checked = ''
  /** Signers by base path: keys are derived per app and base path (protocol/state.ts). */
  readonly #signers = new Map<string, Signer>()
  #signerAt: (basePath: string) => Signer
  /** The `Host` check (security.ts), told where `listen()` listens. */
  readonly hosts: HostPolicy
  /** The cap on update requests in flight (`maxConcurrentUpdates`, limits.ts). */
  readonly updates: UpdateLimiter

  constructor(options: AppOptions & { basePath?: string }) {
    const logger = options.logger ?? console
    const dev = options.dev ?? devFromEnv()
    let secrets = typeof options.secret === 'string' ? [options.secret] : (options.secret ?? secretsFromEnv())
    if (!secrets) {
      secrets = [randomSecret()]
      if (!dev && !inCallbackWorker) {
        logger.warn(
          'hyperdash: no HYPERDASH_SECRET set; using a random secret for this process. Pages rendered by ' +
            'another process (a restart, a second worker) will be refused: set HYPERDASH_SECRET to share one.'
        )
      }
    }
    const opts = { ...DEFAULTS, ...options }
    const components = new ComponentRegistry([], builtinComponents)
    for (const c of options.components ?? []) {
      // A tag made of several definitions (dcc.Store, dcc.Tabs) lists them.
      const defs = (c as { definitions?: readonly unknown[] } | null)?.definitions
      for (const d of defs ?? [c]) {
        const spec = hdSpecOf(d)
        if (!spec)
          throw new ConfigError('`components` lists something that is not made by defineComponent().')
        components.add(spec)
      }
    }
    this.#layoutKinds =
      typeof options.layout === 'function' ? new Map() : layoutKinds(options.layout, components)
    const keys = secrets
    this.#signerAt = (base) => {
      let signer = this.#signers.get(base)
      if (!signer) {
        const scope = stateScope(this.graph, options.name, base)
        signer = createSigner(keys, { scope, maxAgeSeconds: options.stateMaxAgeSeconds })
        this.#signers.set(base, signer)
      }
      return signer
    }
    this.hosts = new HostPolicy(opts.security ?? {}, logger)
    this.updates = new UpdateLimiter(opts.maxConcurrentUpdates)
    this.context = {
      graph: this.graph,
      signer: this.#signerAt((options.basePath ?? '').replace(/\/$/, '')),
      components,
      prevent: resolvePreventInitial(opts.preventInitialCallbacks),
      options: opts,
      dev,
      assetsDir: assetsDir(opts),
      basePath: (options.basePath ?? '').replace(/\/$/, ''),
      logger,
      pages: new Pages(options.title),
      observers: [],
      layoutKinds: this.#layoutKinds,
    }
    this.hono = this.#routes()
    trackGraph(this.graph)
  }

  /** The worker threads of callbacks registered with `{ worker }`, started on first use. */
  get workerPool(): WorkerPool {
    this.#pool ??= new WorkerPool(
      this.context.options.workerThreads ?? defaultThreads(),
      this.context.components
    )
    return this.#pool
  }

  /** Stops the app's worker threads and its job backend (the server, if any, is closed by its owner). */
  async close(): Promise<void> {
    await this.#pool?.close()
    this.#pool = null
    const jobs = this.#jobs
    this.#jobs = null
    if (jobs) await (await jobs.catch(() => null))?.close()
  }

  #jobs: Promise<JobBackend> | null = null

  /** The key naming this app's jobs: its `name`, or its callbacks' fingerprint (same code, same key). */
  jobKey(): string {
    return appJobKey(this.graph, this.context.options.name)
  }

  /**
   * The app's job backend (background callbacks): BullMQ on Redis when `redisUrl` or `REDIS_URL` is
   * set, else in this process. Made on first use; a failed connection is tried again next time.
   */
  jobs(): Promise<JobBackend> {
    this.#jobs ??= createJobs(this.#jobApp(), { redisUrl: this.context.options.redisUrl }).catch(
      (e: unknown) => {
        this.#jobs = null // Redis may come back: the next call tries again
        throw e
      }
    )
    return this.#jobs
  }

  #jobApp() {
    return { key: () => this.jobKey(), graph: this.graph, components: this.context.components }
  }

  /**
   * Runs this app's background jobs in this process, taking them from Redis (`REDIS_URL`): what
   * `npx hyperdash worker app.ts` does. Close the returned worker to finish the jobs in hand and stop.
   */
  async startJobWorker({ concurrency = 4 }: { concurrency?: number } = {}): Promise<{
    close(): Promise<void>
  }> {
    const jobs = await this.jobs()
    if (!(jobs instanceof BullJobs))
      throw new ConfigError(
        'A job worker takes jobs from Redis: set REDIS_URL (the same as the web processes).'
      )
    const worker = jobs.startWorker(jobRunner(this.#jobApp()), { concurrency })
    return { close: () => worker.close() }
  }

  /**
   * Registers a callback: `outputs` (one Output, or a list), `inputs`, optional `states`, the function,
   * then options. The function gets the Inputs' then the States' values, then the context.
   * Returns the function, so it stays callable on its own.
   * @example
   * app.callback(Output('out', 'children'), [Input('num', 'value')], [], (num) => `n = ${num}`)
   * @see https://dash.plotly.com/advanced-callbacks
   */
  // One signature, not two overloads: with overloads TypeScript types the function against the
  // first one and keeps that type, which rejected correct callbacks passed with options.
  callback<
    const O extends OutputsArg,
    const I extends InputsArg,
    const A extends StatesArg | CallbackFn<O, I, []>,
  >(
    outputs: O,
    inputs: I,
    statesOrFn: A,
    ...rest: A extends StatesArg
      ? [fn: CallbackFn<O, I, A>, options?: CallbackOptions & LimitOptions]
      : [options?: CallbackOptions & LimitOptions]
  ): A extends StatesArg ? CallbackFn<O, I, A> : A
  callback(outputs: unknown, inputs: unknown, a: unknown, b?: unknown, c?: unknown): unknown {
    const hasStates = typeof a !== 'function'
    const states = (hasStates ? a : []) as StateDep[]
    const given = (hasStates ? b : a) as AnyCallbackFn
    // `worker` (the server's; the engine gets the other options): the registered function sends each
    // call to a worker thread (isolate.ts), which stops it `timeoutMs` after it started there; the
    // engine's own timer only bounds start-up and queueing.
    const {
      worker,
      background,
      progress,
      progressDefault,
      cancel,
      cacheBy,
      cacheExpire,
      interval,
      attempts,
      ...engineOptions
    } = ((hasStates ? c : b) ?? {}) as CallbackOptions & LimitOptions
    let options: typeof engineOptions = engineOptions
    let spec: CallbackSpec | undefined
    let fn = given
    if (background && typeof given === 'function') {
      const o = { progress, progressDefault, cancel, cacheBy, cacheExpire, interval, attempts }
      // `maxConcurrent` bounds the jobs this process runs at once (the wrapper only waits).
      const run = options.maxConcurrent === undefined ? given : limitConcurrency(given, options.maxConcurrent)
      fn = backgroundCallback(run, o, () => spec!, {
        jobs: () => this.jobs(),
        appKey: () => this.jobKey(),
        components: this.context.components,
      })
      // A job takes as long as it takes: no timeout unless one is given; the page hears of it meanwhile.
      options = {
        ...options,
        timeoutMs: options.timeoutMs ?? MAX_TIMER_MS,
        sideOutputs: [...(options.sideOutputs ?? []), ...asList(progress)],
      }
    } else if (progress || cancel || cacheBy) {
      throw new ConfigError(
        '`progress`, `cancel` and `cacheBy` are options of background callbacks: add `background: true`.'
      )
    }
    if (worker && typeof given === 'function') {
      const hard = options.timeoutMs ?? this.context.options.callbackTimeoutMs
      fn = isolate(
        given,
        worker,
        () => spec!,
        () => this.workerPool,
        hard
      )
      options = { ...options, timeoutMs: hard + WORKER_START_ALLOWANCE_MS }
      this.#workerModules.add(moduleHref(worker))
    }
    // `maxConcurrent`: calls beyond it wait their turn (limits.ts). In a worker thread the wrapper
    // above must stay the registered function (isolate.ts finds the original through it).
    if (options.maxConcurrent !== undefined && !inCallbackWorker && !background)
      fn = limitConcurrency(fn, options.maxConcurrent)
    if (hasStates && !Array.isArray(states)) {
      // Keeps R1's message for a State passed where the list of States goes.
      const spec = createCallbackSpec(
        this.graph.callbacks.length,
        outputs as OutputDep,
        inputs as InputDep,
        [states as never],
        fn,
        options
      )
      this.graph.add(spec)
      return fn
    }
    spec = createCallbackSpec(
      this.graph.callbacks.length,
      outputs as OutputDep | OutputDep[],
      inputs as InputDep | InputDep[],
      states,
      fn,
      options
    )
    this.graph.add(spec)
    // Dash's `cancel`: its Inputs stop the job the page holds for this callback.
    if (background && cancel) {
      const target = spec
      this.graph.add(
        createCallbackSpec(
          this.graph.callbacks.length,
          [],
          [...asList(cancel)],
          [],
          cancelCallback(target, () => this.jobs()),
          {
            name: `${target.name} (cancel)`,
            preventInitialCall: true,
          }
        )
      )
    }
    return given
  }

  /**
   * Registers a client-side callback (Dash's `clientside_callback`, R45): `fn` names a function
   * exported by an ES module (`clientside(module, name)`), which the page imports and runs on the
   * events of its Inputs, with no request. It takes part in the graph like any callback: its outputs
   * can feed server callbacks and the other way round. No `eval`, no inline script: the CSP stays.
   * @example
   * app.clientsideCallback(Output('f', 'value'), [Input('c', 'value')], clientside(new URL('./temperature.mjs', import.meta.url), 'toFahrenheit'))
   */
  clientsideCallback(
    outputs: OutputsArg,
    inputs: InputsArg,
    statesOrFn: StatesArg | ClientsideFunction,
    fnOrOptions?: ClientsideFunction | ClientsideOptions,
    maybeOptions?: ClientsideOptions
  ): void {
    const hasStates = Array.isArray(statesOrFn)
    const states = (hasStates ? statesOrFn : []) as StateDep[]
    const fn = (hasStates ? fnOrOptions : statesOrFn) as ClientsideFunction
    const options = ((hasStates ? maybeOptions : fnOrOptions) ?? {}) as ClientsideOptions
    if (!isClientsideFunction(fn)) {
      throw new ConfigError(
        'app.clientsideCallback(): the function must be given as clientside(module, name), e.g. ' +
          "clientside(new URL('./clientside.mjs', import.meta.url), 'toFahrenheit')."
      )
    }
    const stub = () => {
      throw new Error(`The client-side callback ${fn.name} runs in the browser only.`)
    }
    Object.defineProperty(stub, 'name', { value: fn.name })
    const spec = createCallbackSpec(
      this.graph.callbacks.length,
      outputs as OutputDep | OutputDep[],
      inputs as InputDep | InputDep[],
      states,
      stub,
      { ...options, clientside: fn }
    )
    this.graph.add(spec)
  }

  /**
   * Refuses Inputs that can never fire on components the layout shows (check-inputs.ts), once the
   * callbacks are registered: before the app serves its first request, and on `listen()`.
   */
  #checkInputs(): void {
    const state = `${this.graph.callbacks.length}:${this.context.pages.size}`
    if (this.#checked === state) return
    const kinds = new Map(this.#layoutKinds)
    for (const l of this.context.pages.staticLayouts()) layoutKinds(l, this.context.components, kinds)
    refuseDeadInputs(this.context, kinds)
    this.#checked = state
  }

  /**
   * Adds a page to a multi-page app (Dash's `register_page`): its `path` or `pathTemplate`
   * (`'/report/<id>'`), `name`, `title`, `description`, `image`, `order`, `redirectFrom`, and its
   * `layout` (JSX, or a function of the path variables and query parameters). Put a
   * `<PageContainer />` in the app's layout: the page shows there. Each page's callbacks are
   * registered with `app.callback` as usual: they are app-wide. docs/pages.md.
   * @example app.registerPage({ pathTemplate: '/report/<id>', layout: ({ id }) => <h1>Report {id}</h1> })
   */
  registerPage<const T extends string>(page: PageOptions<T>): void {
    const pages = this.context.pages
    if (pages.size === 0) {
      this.context.components.add(hdSpecOf(PageMeta)!)
      const [outputs, inputs, router] = routerCallback(pages, this.context.options.title)
      // The app may prevent initial calls by default: the router must run on first load.
      const register = this.callback.bind(this) as (...args: unknown[]) => unknown
      register(outputs, inputs, router, { preventInitialCall: false })
    }
    pages.add(page as PageOptions<string>)
  }

  /**
   * The registered pages in their `order`, for navigation menus (Dash's `page_registry`); each
   * entry's `relativePath` is its path below the base path of the request being served, so read it
   * in a layout function or a callback when the app is mounted below a path.
   */
  get pageRegistry(): PageEntry[] {
    return this.context.pages.registry()
  }

  /** Answers a request without a socket (tests, and `app.request('/')`). */
  request(path: string, init?: RequestInit): Promise<Response> {
    return Promise.resolve(this.hono.request(path, init))
  }

  /** The fetch handler, for any runtime or server. */
  readonly fetch = (req: Request): Response | Promise<Response> => this.hono.fetch(req)

  /**
   * Starts a Node server (`PORT`/`HOST` from the environment by default) and prints its URL. On
   * SIGTERM it stops accepting, finishes the requests in flight and exits (see `gracefulShutdown`).
   */
  listen({
    port = Number(process.env['PORT'] ?? 8050),
    hostname = process.env['HOST'] ?? '127.0.0.1',
    gracefulShutdown: graceful = true,
  }: ListenOptions = {}): ServerType {
    this.#checkInputs()
    this.hosts.listeningOn(hostname)
    const server = serve({ fetch: this.fetch, port, hostname }, (info) => {
      this.context.logger.info(
        `hyperdash app running on http://${hostname}:${info.port}${this.context.basePath}/`
      )
    })
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE'
          ? `port ${port} on ${hostname} is already in use: stop the other server, or set PORT to a free port.`
          : err.code === 'EACCES'
            ? `no permission to listen on port ${port}: use a port above 1023, or set PORT.`
            : `cannot listen on ${hostname}:${port}: ${err.message}`
      this.context.logger.error(`hyperdash: ${why}`)
      process.exit(1)
    })
    if (graceful) {
      const o = graceful === true ? {} : graceful
      gracefulShutdown(server as Server, {
        logger: this.context.logger,
        ...o,
        onClosed: () => this.close(),
      })
    }
    if (this.#workerModules.size) this.workerPool.warm(this.#workerModules)
    return server
  }

  /**
   * The app's routes for mounting under `basePath` in another Hono app: the page, the update route
   * and the static files then all live below it.
   * @example site.route('/dash', app.mountAt('/dash'))
   */
  mountAt(basePath: string): Hono {
    const base = basePath.replace(/\/$/, '')
    return this.#routes({ ...this.context, basePath: base, signer: this.#signerAt(base) })
  }

  /**
   * The app's root element for `url`, initial calls applied, as HTML to place inside another page
   * (progressive enhancement). Give the `basePath` the app's routes are mounted at (`mountAt`), and
   * put {@link assets} in that page's `<head>` once. Several apps can share a page: each root and
   * error area gets its own id; their component ids must still be unique on the page.
   * @example
   * site.route('/calc', app.mountAt('/calc'))
   * site.get('/', async (c) => c.html(<Shell head={raw(app.assets())}>{raw(await app.renderRoot(c.req.url, { basePath: '/calc' }))}</Shell>))
   */
  async renderRoot(
    url: string | URL,
    { basePath = this.context.basePath }: { basePath?: string } = {}
  ): Promise<string> {
    const base = basePath.replace(/\/$/, '')
    const context = { ...this.context, basePath: base, signer: this.#signerAt(base) }
    return toHtml(await renderRoot(context, new URL(url, 'http://localhost')))
  }

  /** The `<head>` tags (htmx, the extension, the stylesheet) an embedding page includes once. */
  assets({ basePath = this.context.basePath }: { basePath?: string } = {}): Promise<string> {
    return toHtml(renderAssets({ ...this.context, basePath: basePath.replace(/\/$/, '') }))
  }

  #routes(context: AppContext = this.context): Hono {
    const app = new Hono()
    // Layout functions and callbacks read the base path (getRelativePath, pageRegistry).
    app.use('*', (_, next) => withBasePath(context.basePath, next))
    app.use('*', requestContext)
    const security = withExternalCsp(context.options.security ?? {}, context.options)
    app.use('*', securityHeaders(security))
    app.use('*', this.hosts.middleware)
    app.use(UPDATE_PATH, crossOriginGuard(security))
    app.use(UPLOAD_PATH, crossOriginGuard(security))
    app.use('*', async (_, next) => (this.#checkInputs(), next()))
    app.get(`${COMPONENTS_PREFIX}/:name/:file`, (c) => {
      const path = c.req.path.slice(context.basePath.length)
      const script = context.components.scripts().get(path)
      const file = script ?? context.components.styles().get(path)
      if (!file) return c.text('Not found', 404)
      c.header('Content-Type', script ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8')
      c.header('Cache-Control', context.dev ? 'no-cache' : 'public, max-age=3600')
      return c.body(readFileSync(file, 'utf8'))
    })
    app.get(`${CLIENTSIDE_PREFIX}/:i/:file`, (c) => {
      const cb = this.graph.callbacks[Number(c.req.param('i'))]
      const path = c.req.path.slice(context.basePath.length)
      if (!cb?.clientside || cb.clientside.kind !== 'file' || clientsideFilePath(cb) !== path)
        return c.text('Not found', 404)
      c.header('Content-Type', 'text/javascript; charset=utf-8')
      c.header(
        'Cache-Control',
        context.dev || !c.req.query('v') ? 'no-cache' : 'public, max-age=31536000, immutable'
      )
      return c.body(readFileSync(cb.clientside.module, 'utf8'))
    })
    app.use(UPDATE_PATH, reloadHint())
    app.use(UPLOAD_PATH, reloadHint())
    const files = staticFiles()
    app.get(`${STATIC_PREFIX}/:file`, (c) => {
      const f = files.get(c.req.param('file'))
      if (!f) return c.text('Not found', 404)
      c.header('Content-Type', f.type)
      c.header('Cache-Control', staticCacheControl(f, c.req.query('v'), context.dev))
      const { body, encoding } = encodedBody(f, c.req.header('accept-encoding'))
      c.header('Vary', 'Accept-Encoding')
      if (encoding) c.header('Content-Encoding', encoding)
      return c.body(typeof body === 'string' ? body : new Uint8Array(body))
    })
    const dir = context.assetsDir
    if (dir) {
      app.get(`${ASSETS_PATH}/*`, (c) => {
        const file = readAsset(dir, c.req.path.slice(ASSETS_PATH.length), context.options.assetsIgnore)
        if (!file) return c.text('Not found', 404)
        c.header('Content-Type', file.type)
        c.header(
          'Cache-Control',
          c.req.query('v') && !context.dev ? 'public, max-age=31536000, immutable' : 'no-cache'
        )
        return c.body(new Uint8Array(file.body))
      })
    }
    app.post(UPDATE_PATH, this.updates.middleware, createUpdateHandler(context))
    app.all(UPDATE_PATH, (c) => {
      c.header('Allow', 'POST')
      return c.text('The update route only answers POST requests sent by the hyperdash extension.', 405)
    })
    // dcc.Upload's files (multipart, bounded by `maxUploadBytes`): upload-route.ts.
    app.post(UPLOAD_PATH, this.updates.middleware, createUploadHandler(context, createUpdateRunner(context)))
    app.all(UPLOAD_PATH, (c) => {
      c.header('Allow', 'POST')
      return c.text('The upload route only answers POST requests sent by dcc.Upload.', 405)
    })
    registerDevRoutes(app, context)
    // The page answers at `/` and the app's `paths` only, so that routes added to `app.hono` after
    // createApp answer, and an unknown path is a 404 rather than the page.
    const page = createPageHandler(context)
    // Its form, posted without JavaScript, to the page's own URL (form-route.ts): a form post is a
    // "simple" request, so the same-origin check holds for it as for the update route.
    const form = [crossOriginGuard(security, CROSS_ORIGIN_FORM_MESSAGE), this.updates.middleware] as const
    const post = createFormHandler(context)
    // `/:slash{^$}`: the root with a trailing slash, as `/dash/` when mounted at `/dash`.
    for (const path of ['/', '/:slash{^$}', ...(context.options.paths ?? [])]) {
      app.get(path, page)
      app.post(path, ...form, post)
    }
    // A multi-page app answers its pages' paths (and redirects). Any other path answers its 404
    // page, unless a route added to `app.hono` later answers it.
    app.get('/*', async (c, next) => {
      if (!context.pages.size) return next()
      const r = context.pages.resolve(new URL(c.req.url).pathname, null, context.basePath)
      if (r.kind !== 'notFound') return page(c)
      await next()
      if (matchedRoutes(c).filter((m) => m.method !== 'ALL').length <= 1) c.res = await page(c)
    })
    // Its pages' forms post to their own paths too.
    app.post('/*', async (c, next) => {
      if (!context.pages.size) return next()
      const r = context.pages.resolve(new URL(c.req.url).pathname, null, context.basePath)
      if (r.kind === 'notFound') return next()
      let res: Response | undefined
      const [guard, limit] = form
      const refused = await guard(c, async () => {
        const busy = await limit(c, async () => {
          res = await post(c)
        })
        if (busy) res = busy
      })
      return refused ?? res ?? c.res
    })
    app.notFound((c) => c.text(`Not found: ${c.req.path}`, 404))
    app.onError((err, c) => {
      if (err instanceof RequestError) return c.text(err.message, err.status)
      const id = c.var.requestId
      context.logger.error(`hyperdash [${id}] ${c.req.method} ${c.req.path} failed:`, err)
      const detail = context.dev && err instanceof Error ? `\n\n${err.stack ?? err.message}` : ''
      return c.text(`Internal error (reference ${id}).${detail}`, 500)
    })
    return app
  }
}

/**
 * Creates an app from a layout. Add callbacks with `app.callback()`, then `app.listen()`, or mount
 * `app.hono` into another Hono app.
 * @example
 * const app = createApp({ layout: <div><button id="b">Go</button><div id="out" /></div> })
 * app.callback(Output('out', 'children'), [Input('b', 'n_clicks')], (n) => `clicked ${n ?? 0}`)
 * app.listen()
 */
export function createApp(options: AppOptions & { basePath?: string }): HyperApp {
  return new HyperApp(options)
}

/**
 * True when the module calling it is the program being run (`npx tsx examples/x.tsx`), so an example
 * can both start its server and be imported by tests.
 * @example if (isMain(import.meta)) app.listen()
 */
export function isMain(meta: ImportMeta): boolean {
  const entry = process.argv[1]
  // A worker thread importing the module (callbacks with `worker`) must not start a second server.
  if (!entry || !isMainThread) return false
  try {
    return realpathSync(fileURLToPath(meta.url)) === realpathSync(entry)
  } catch {
    return false
  }
}

/** Development mode from the environment: `HYPERDASH_DEV=1` (or `true`). Nothing else turns it on. */
function devFromEnv(): boolean {
  return /^(1|true|yes)$/i.test(process.env['HYPERDASH_DEV'] ?? '')
}

/** The app's security options with the origins of its external stylesheets and scripts allowed by the CSP. */
function withExternalCsp(security: SecurityOptions, o: AppOptions): SecurityOptions {
  if (security.csp === false) return security
  const extra = externalCsp(o)
  if (!Object.keys(extra).length) return security
  const csp: Record<string, readonly string[]> = {}
  for (const [name, sources] of Object.entries(extra))
    csp[name] = [...(DEFAULT_CSP[name] ?? ["'self'"]), ...sources]
  return { ...security, csp: { ...csp, ...security.csp } }
}
