/**
 * @module security
 * The HTTP defences of an app (docs/security.md): cross-origin refusal of update requests (CSRF),
 * security headers and a Content-Security-Policy without `unsafe-inline` or `unsafe-eval` for scripts,
 * and a JSON body reader with a size limit.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { RequestError } from '../protocol/errors.ts'
import { StaleStateError } from '../protocol/state.ts'
import { isPlain, type HeaderRecord } from './plain-response.ts'

/** CSP directives, by their CSP names (`script-src`), each a list of sources. */
export type CspDirectives = Record<string, readonly string[]>

export interface SecurityOptions {
  /**
   * Refuse update requests that a browser sent from another origin (403). Default: true.
   * Requests with neither `Sec-Fetch-Site` nor `Origin` (curl, server-to-server) are not from a browser
   * and pass: CSRF needs a victim's browser.
   */
  csrf?: boolean
  /** Other origins allowed to post updates, e.g. `['https://admin.example.com']` (an embedding site). */
  trustedOrigins?: readonly string[]
  /** Security headers (`X-Frame-Options`, `nosniff`, `Referrer-Policy`, …) on every answer. Default: true. */
  headers?: boolean
  /**
   * The Content-Security-Policy: `false` for none; an object to add or replace directives of
   * {@link DEFAULT_CSP} (a directive given here replaces the default's sources for it).
   */
  csp?: false | CspDirectives
  /**
   * Host names this app answers (the `Host` header, port ignored); any other → 403. Loopback names
   * (`localhost`, `127.0.0.1`, `[::1]`) always pass. `'.example.com'` also allows its subdomains;
   * `'*'` allows any host. Default: loopback names only when the app listens on a loopback address
   * (`listen()`, `listenCluster()`; DNS rebinding), any host otherwise.
   */
  allowedHosts?: readonly string[]
}

/**
 * The default policy. Scripts: our own files only (htmx, its SSE extension, hyperdash.js), no inline
 * script, no eval. Styles: our stylesheet, plus inline `style` *attributes* (Dash's `style` prop and the
 * slider's mark positions), which cannot run script; `<style>` elements stay refused.
 */
export const DEFAULT_CSP: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'style-src-elem': ["'self'"],
  'style-src-attr': ["'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
}

/** The policy as a header value: defaults merged with the app's directives. */
export function cspHeader(extra: CspDirectives = {}): string {
  const merged: Record<string, readonly string[]> = { ...DEFAULT_CSP, ...extra }
  return Object.entries(merged)
    .filter(([, sources]) => sources.length > 0)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ')
}

/** The message of a refused cross-origin update. */
export const CROSS_ORIGIN_MESSAGE =
  'Cross-origin update request refused: the update route only answers pages of this app. If another ' +
  'site embeds this app, list its origin in `security.trustedOrigins`.'

/** The message of a refused cross-origin form post (a page's form, posted from another site). */
export const CROSS_ORIGIN_FORM_MESSAGE =
  "Cross-origin form post refused: a page's form only answers posts from this app's own pages. If " +
  'another site embeds this app, list its origin in `security.trustedOrigins`.'

/** The host an `Origin` header names (`https://a.example:8443` → `a.example:8443`), or null. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

/**
 * True when a browser sent the request from another origin. Checks `Sec-Fetch-Site` first (every
 * current browser sends it), then `Origin` against the `Host` the request came to (scheme is not
 * compared: a TLS-terminating proxy changes it). Without either header, not a browser: allowed.
 */
export function isCrossOrigin(c: Context, trusted: ReadonlySet<string>): boolean {
  const origin = c.req.header('origin')
  if (origin !== undefined && trusted.has(origin)) return false
  const site = c.req.header('sec-fetch-site')
  if (site !== undefined) return site !== 'same-origin'
  if (origin === undefined) return false
  const host = c.req.header('host') ?? new URL(c.req.url).host
  return originHost(origin) !== host
}

/** Refuses cross-origin requests with 403, whatever their content type. */
export function crossOriginGuard(
  options: SecurityOptions = {},
  message: string = CROSS_ORIGIN_MESSAGE
): MiddlewareHandler {
  const trusted = new Set(options.trustedOrigins ?? [])
  return async (c, next) => {
    if (options.csrf !== false && isCrossOrigin(c, trusted)) return c.text(message, 403)
    await next()
  }
}

/** True for a loopback host name or address: `localhost`, `*.localhost`, `127.x.x.x`, `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
  )
}

/** The name part of a `Host` header value: `a.example:8050` → `a.example`, `[::1]:80` → `[::1]`. */
function hostName(host: string): string {
  const h = host.trim().toLowerCase()
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1)
  const colon = h.indexOf(':')
  return (colon < 0 ? h : h.slice(0, colon)).replace(/\.$/, '')
}

/** The message of a request refused for its `Host`. */
export const hostRefused = (host: string, loopbackOnly: boolean) =>
  `Host '${host.slice(0, 200)}' is not allowed: ` +
  (loopbackOnly
    ? 'this app listens on a loopback address and answers loopback names only (localhost, 127.0.0.1, [::1]). '
    : 'it is not in the list of hosts this app answers. ') +
  'If the app is reached under this name (a proxy, a domain), list it in `security.allowedHosts` ' +
  "(or '*' to allow any host)."

/**
 * The `Host` check of an app (DNS rebinding: a page on `evil.example`, re-resolved to 127.0.0.1,
 * reaches a local app with `Host: evil.example` and `Origin: http://evil.example`, which pass the
 * same-origin test). One per app: `listeningOn()` tells it where the app listens, which sets the
 * default; `middleware` goes on every route.
 */
export class HostPolicy {
  #bound: string | undefined
  #warned = false
  readonly #exact = new Set<string>()
  readonly #suffixes: string[] = []
  readonly #any: boolean
  readonly #listed: boolean

  constructor(
    readonly options: SecurityOptions = {},
    readonly logger: Pick<Console, 'warn'> = console
  ) {
    const list = options.allowedHosts
    this.#listed = list !== undefined
    this.#any = list?.includes('*') ?? false
    for (const entry of list ?? []) {
      const name = hostName(entry)
      if (name.startsWith('.')) this.#suffixes.push(name)
      else this.#exact.add(name)
    }
  }

  /**
   * The address the app's server listens on. Loopback: only loopback names pass (unless
   * `allowedHosts` says otherwise). Another address with no `allowedHosts`: any host passes, and a
   * production app is warned once.
   */
  listeningOn(address: string, production = process.env['NODE_ENV'] === 'production'): void {
    this.#bound = address
    if (!this.#listed && !isLoopbackHost(address) && production && !this.#warned) {
      this.#warned = true
      this.logger.warn(
        `hyperdash: listening on ${address} with no \`security.allowedHosts\`: requests for any Host are ` +
          'answered. List the names this app is served under to refuse others (DNS rebinding).'
      )
    }
  }

  /** True when a request for `host` (a `Host` header value) may be answered. */
  allows(host: string): boolean {
    const name = hostName(host)
    if (this.#any || isLoopbackHost(name)) return true
    if (!this.#listed) return this.#bound === undefined || !isLoopbackHost(this.#bound)
    if (this.#exact.has(name)) return true
    return this.#suffixes.some((s) => name.endsWith(s) || name === s.slice(1))
  }

  /** Refuses requests for another host with 403, naming the option. */
  readonly middleware: MiddlewareHandler = async (c, next) => {
    if (!this.#any) {
      const host = c.req.header('host') ?? new URL(c.req.url).host
      if (!this.allows(host)) return c.text(hostRefused(host, !this.#listed), 403)
    }
    await next()
  }
}

/** Header of a refused update whose page must reload (its signed state no longer verifies). */
export const RELOAD_HEADER = 'HD-Reload'

/**
 * Marks the answers of update requests whose page cannot recover without a reload with
 * `HD-Reload: 1`: state past its maximum age (409), or a wrong signature (400: the server's secret
 * or the app changed since the page was rendered). static/hyperdash.js then shows a notice with a
 * Reload button instead of a console error.
 */
export function reloadHint(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const err = c.error
    if (
      err instanceof StaleStateError ||
      (err instanceof RequestError && err.status === 400 && / has a wrong signature/.test(err.message))
    ) {
      c.res.headers.set(RELOAD_HEADER, '1')
    }
  }
}

/**
 * Hono's secure-headers defaults (what `secureHeaders({ crossOriginResourcePolicy: 'same-origin' })`
 * sets), spelled out once: the middleware sets a fixed list, and the update route sends them with
 * its answer in one record (plain-response.ts).
 */
const SECURE_HEADERS: HeaderRecord = {
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
}

const CSP = 'Content-Security-Policy'

/** The headers of every answer, as the options ask: computed once per app. */
export function securityHeaderRecord(options: SecurityOptions = {}): HeaderRecord {
  const out: Record<string, string> = options.headers === false ? {} : { ...SECURE_HEADERS }
  if (options.csp !== false) out[CSP] = cspHeader(options.csp)
  return Object.freeze(out)
}

/**
 * Security headers and the CSP on every answer, as the options ask (a route's own CSP is kept).
 * The record is also left on the context (`secureHeaders`) for routes that send it themselves in a
 * {@link plainResponse}, which this middleware then leaves alone.
 */
export function securityHeaders(options: SecurityOptions = {}): MiddlewareHandler {
  const record = securityHeaderRecord(options)
  const list = Object.entries(record)
  return async (c, next) => {
    c.set('secureHeaders', record)
    await next()
    const res = c.res
    if (isPlain(res)) return
    const headers = res.headers
    for (const [name, value] of list) if (name !== CSP || !headers.has(CSP)) headers.set(name, value)
    if (options.headers !== false) headers.delete('X-Powered-By')
  }
}

/** The 413 message for a body over `max` bytes. */
export const tooLarge = (max: number) =>
  `The update request is larger than ${max} bytes (the app's \`maxBodyBytes\`).`

/** The 415 message for a body that is not JSON. */
export const notJson = (type: string) =>
  `The update request must be JSON (Content-Type: application/json), not '${type.slice(0, 80) || 'none'}'. ` +
  "Requests to this route come from hyperdash's extension (static/hyperdash.js); docs/wire.md describes them."

/**
 * Reads a JSON body of at most `max` bytes: a larger one is a 413 {@link RequestError}, whether it
 * declares its length or not; another content type a 415; unreadable or invalid JSON a 400.
 *
 * Not `hono/body-limit`: for a body without `Content-Length` it rebuilds the request with
 * `new Request(request, { body })`, and under Node 20's fetch each rebuilt request stays reachable
 * from the original's abort signal: about 2 KB kept per update sent through `app.fetch`.
 */
export async function readJson(req: Request, max: number): Promise<unknown> {
  const declared = req.headers.get('content-length')
  if (declared !== null && Number(declared) > max) throw new RequestError(tooLarge(max), 413)
  const type = req.headers.get('content-type') ?? ''
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new RequestError(notJson(type), 415)
  let text: string
  // A declared length within the limit (what browsers send): HTTP framing holds the body to it, so
  // read it whole. @hono/node-server then reads the socket directly; touching `req.body` first makes
  // it build a web ReadableStream and a full undici Request, several times the cost of the update.
  if (declared !== null && !req.headers.has('transfer-encoding')) {
    try {
      text = await req.text()
    } catch {
      throw new RequestError('The update request body could not be read.')
    }
    // Over HTTP the framing holds the body to its declared length; an in-process caller may lie.
    if (Buffer.byteLength(text) > max) throw new RequestError(tooLarge(max), 413)
  } else {
    const chunks: Uint8Array[] = []
    let size = 0
    if (req.body) {
      const reader = req.body.getReader()
      for (;;) {
        let step: ReadableStreamReadResult<Uint8Array>
        try {
          step = await reader.read()
        } catch {
          throw new RequestError('The update request body could not be read.')
        }
        if (step.done) break
        size += step.value.byteLength
        if (size > max) {
          void reader.cancel().catch(() => {})
          throw new RequestError(tooLarge(max), 413)
        }
        chunks.push(step.value)
      }
    }
    text = Buffer.concat(chunks).toString('utf8')
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new RequestError('The update request body is not valid JSON.')
  }
}
