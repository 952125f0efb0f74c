/**
 * @module security
 * The HTTP defences of an app (docs/security.md): cross-origin refusal of update requests (CSRF),
 * security headers and a Content-Security-Policy without `unsafe-inline` or `unsafe-eval` for scripts,
 * and a JSON body reader with a size limit.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { RequestError } from '../protocol/errors.ts'

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
export function crossOriginGuard(options: SecurityOptions = {}): MiddlewareHandler {
  const trusted = new Set(options.trustedOrigins ?? [])
  return async (c, next) => {
    if (options.csrf !== false && isCrossOrigin(c, trusted)) return c.text(CROSS_ORIGIN_MESSAGE, 403)
    await next()
  }
}

/** Security headers and the CSP (hono/secure-headers), as the options ask. */
export function securityHeaders(options: SecurityOptions = {}): MiddlewareHandler {
  if (options.headers === false && options.csp === false) return async (_, next) => next()
  const base = options.headers === false ? null : secureHeaders({ crossOriginResourcePolicy: 'same-origin' })
  const csp = options.csp === false ? null : cspHeader(options.csp)
  return async (c, next) => {
    const run = async () => {
      await next()
      if (csp && !c.res.headers.has('Content-Security-Policy'))
        c.res.headers.set('Content-Security-Policy', csp)
    }
    await (base ? base(c, run) : run())
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
