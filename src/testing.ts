/**
 * @module testing
 * `hyperdash/testing`: test an app the way a browser uses it, with no socket and no browser. Render
 * a page, dispatch user events (a click, a value entered), and get back exactly what the server
 * answered (status, headers, HTML, the parsed fragments), applied to a model of the page so events
 * can be chained. Requests are built from the page's own `data-hd` / `data-hd-sig` attributes, the
 * way static/hyperdash.js builds them.
 * @example
 * const page = await renderPage(app)
 * const res = await page.fill('num', 360)
 * expect(res.fragments).toEqual([{ swap: 'children', id: 'out', cbs: [0], html: '360 is 2 * 2 * 2 * 3 * 3 * 5' }, …])
 * expect(page.text('out')).toBe('360 is 2 * 2 * 2 * 3 * 3 * 5')
 */
import { BODY_TYPE, META_ATTR } from './protocol/constants.ts'
import {
  applyFragments,
  changedProps,
  collect,
  countClick,
  enterValue,
  parseFragments,
  readProp,
  readerOf,
  rootOf,
  stateOf,
  type Fragment,
  type UpdateBody,
} from './testing/client.ts'
import {
  byId,
  descendants,
  getAttr,
  innerHtml,
  outerHtml,
  parseHtml,
  replaceWith,
  textContent,
  type HtmlElement,
} from './testing/html.ts'

export { parseFragments, type Fragment, type UpdateBody }

/** What serves the app: a `HyperApp`, a Hono app, or anything with a fetch handler. */
export interface Fetcher {
  fetch(request: Request): Response | Promise<Response>
}

export interface RenderPageOptions {
  /** Origin of the page's URL. Default: `http://localhost`. */
  origin?: string
  /** Extra headers for every request (cookies, authorisation). */
  headers?: Record<string, string>
  /**
   * The clock for `n_clicks_timestamp`. Default: a fake clock that starts at 2023-11-14T22:13:20Z and
   * moves one second per click, so snapshots stay stable.
   */
  now?: () => number
}

/** A user event: a click on an element, or a value entered in a component (`prop` defaults to `value`). */
export type UserEvent = { click: string } | { id: string; prop?: string; value: unknown }

export interface SendOptions {
  /** Accept a streamed answer (SSE), as the browser does; the messages are collected. Default: false. */
  stream?: boolean
  /** Apply the answer to the page. Default: true. */
  apply?: boolean
  /**
   * Send to this server instead of the one that rendered the page: another process or worker of the
   * same app (the server keeps no state between requests).
   */
  server?: Fetcher
}

/** What one update request got back. */
export interface UpdateResult {
  status: number
  headers: Headers
  /** The response body as received: fragments, '' for 204, an error text for 4xx/5xx, or the raw SSE stream. */
  html: string
  /** The SSE messages' data, when the answer streamed; otherwise `[]`. */
  messages: string[]
  /** The fragments of a 2xx answer, in the order they arrived. */
  fragments: Fragment[]
  /** The request body that was sent (the `hd` field). */
  request: UpdateBody
}

/** A component of the page as the next request would describe it. */
export interface ComponentInfo {
  kind: string
  /** Server-owned props carried in the page (signed). */
  props: Record<string, unknown>
  /** Browser-owned props, read from the live page. */
  values: Record<string, unknown>
  /** The id of the enclosing component, or null. */
  parent: string | null
}

function fakeClock(): () => number {
  let t = 1_700_000_000_000
  return () => (t += 1000)
}

/** SSE `data` of each unnamed message (the ones hx-sse swaps). */
function sseMessages(body: string): string[] {
  const out: string[] = []
  for (const block of body.split(/\r?\n\r?\n/)) {
    const lines = block.split(/\r?\n/)
    if (lines.some((l) => l.startsWith('event:'))) continue
    const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(l[5] === ' ' ? 6 : 5))
    if (data.length) out.push(data.join('\n'))
  }
  return out
}

/**
 * A page as a browser holds it. Events change it as a user would (clicks are counted, values entered)
 * and the server's answers are applied to it.
 */
export class TestPage {
  readonly #fetcher: Fetcher
  readonly #options: RenderPageOptions
  readonly #now: () => number
  readonly #doc: HtmlElement
  /** Callbacks the server left to the browser: initial calls past the first-page budget, or deferred ones. */
  #deferred: [number, string[]][] = []

  /**
   * @param url The page's URL.
   * @param status The page's HTTP status.
   * @param headers The page's response headers.
   * @param html The page exactly as it was received.
   */
  constructor(
    fetcher: Fetcher,
    readonly url: URL,
    readonly status: number,
    readonly headers: Headers,
    readonly html: string,
    options: RenderPageOptions = {}
  ) {
    this.#fetcher = fetcher
    this.#options = options
    this.#now = options.now ?? fakeClock()
    this.#doc = parseHtml(html)
    for (const el of [...descendants(this.#doc)]) {
      const meta = getAttr(el, META_ATTR)
      if (meta === null) continue
      this.#deferred.push(...(JSON.parse(meta) as { deferred: [number, string[]][] }).deferred)
      replaceWith(el, [])
    }
  }

  // ─── the page now ─────────────────────────────────────────────────────────────────────────

  /** Every live component (those with signed state), by id, in page order. */
  get components(): Record<string, ComponentInfo> {
    const out: Record<string, ComponentInfo> = {}
    for (const [id, c] of Object.entries(collect(this.#doc, this.url))) {
      const st = JSON.parse(c.state) as { kind: string; props: Record<string, unknown> }
      out[id] = { kind: st.kind, props: st.props, values: c.values, parent: c.parent }
    }
    return out
  }

  /** Callbacks waiting for the browser to ask for them ({@link resume}). */
  get deferred(): [number, string[]][] {
    return this.#deferred.map(([i, keys]) => [i, [...keys]])
  }

  /** True when an element with this id is on the page. */
  has(id: string): boolean {
    return byId(this.#doc, id) !== null
  }

  /** The text of element `id`. */
  text(id: string): string {
    return textContent(this.#get(id))
  }

  /** The markup of element `id` now, as a browser's `outerHTML` (the whole page when no id is given). */
  outerHTML(id?: string): string {
    return id === undefined ? outerHtml(this.#doc) : outerHtml(this.#get(id))
  }

  /** The markup inside element `id` now, as a browser's `innerHTML`. */
  innerHTML(id: string): string {
    return innerHtml(this.#get(id))
  }

  /** An attribute of element `id`, or null. */
  attr(id: string, name: string): string | null {
    return getAttr(this.#get(id), name)
  }

  /** A browser-owned prop of component `id` (`value`, `n_clicks`, …) as the next request would send it. */
  value(id: string, prop = 'value'): unknown {
    const el = this.#get(id)
    return readProp(el, readerOf(stateOf(el), prop), prop, this.url)
  }

  // ─── events ───────────────────────────────────────────────────────────────────────────────

  /** Clicks element `id` and sends the update its click triggers. */
  click(id: string, options?: SendOptions): Promise<UpdateResult> {
    return this.dispatch({ click: id }, options)
  }

  /** Enters `value` in component `id` (text, a number, or a Checklist's options) and sends the update. */
  fill(id: string, value: unknown, options?: SendOptions): Promise<UpdateResult> {
    return this.dispatch({ id, value }, options)
  }

  /**
   * Enters `value` in component `id` without sending anything: what typing in a component does when
   * no callback has its value as an Input (its value travels with the next request, as a State).
   */
  setValue(id: string, value: unknown): void {
    enterValue(this.#get(id), value)
  }

  /** Performs a user event on the page and sends the request it triggers; the answer is applied. */
  dispatch(event: UserEvent, options?: SendOptions): Promise<UpdateResult> {
    return this.send(this.prepare(event), options)
  }

  /**
   * Performs a user event on the page (counts the click, enters the value) and returns the request
   * body the browser would send, without sending it: change it to test what a forged request gets.
   * Throws when the event triggers no request (no callback reads what it changes).
   */
  prepare(event: UserEvent): UpdateBody {
    if ('click' in event) {
      const target = this.#get(event.click)
      countClick(target, this.#now())
      // The click bubbles: the nearest element listening for clicks sends its request.
      for (let el: HtmlElement | null = target; el && el.tag !== '#root'; el = el.parent) {
        const t = changedProps(el, true)
        if (t.length) return { components: collect(rootOf(this.#doc, el), this.url), changed: t }
      }
      throw new Error(
        `A click on '${event.click}' sends no request: no callback has its n_clicks as an Input.`
      )
    }
    const el = this.#get(event.id)
    const prop = event.prop ?? 'value'
    const t = changedProps(el, false)
    if (!t.includes(`${event.id}.${prop}`)) {
      const sent = [...changedProps(el, true), ...t]
      throw new Error(
        `Entering a ${prop} in '${event.id}' sends no request: no callback has '${event.id}.${prop}' as an Input. ` +
          (sent.length
            ? `Its events change ${sent.join(', ')}.`
            : 'Use setValue() to enter a value that travels with the next request.')
      )
    }
    enterValue(el, event.value)
    return { components: collect(rootOf(this.#doc, el), this.url), changed: t }
  }

  /** Asks for the callbacks the server left to the browser, as the extension does when nothing blocks them. */
  resume(options?: SendOptions): Promise<UpdateResult> {
    const cb = this.#deferred
    this.#deferred = []
    const reask = cb.map(([callback, changed]) => ({ callback, changed }))
    return this.send({ components: collect(rootOf(this.#doc, null), this.url), reask }, options)
  }

  /** Sends a request body (from {@link prepare}, or written by hand) to the page's update route. */
  async send(
    body: UpdateBody,
    { stream = false, apply = true, server }: SendOptions = {}
  ): Promise<UpdateResult> {
    const root = rootOf(this.#doc, null)
    const path = getAttr(root, 'data-hd-url') ?? '/_hd/update'
    const response = await (server ?? this.#fetcher).fetch(
      new Request(new URL(path, this.url), {
        method: 'POST',
        headers: {
          'Content-Type': BODY_TYPE,
          Accept: stream ? 'text/html, text/event-stream' : 'text/html',
          'HX-Request': 'true',
          ...this.#options.headers,
        },
        body: JSON.stringify(body),
      })
    )
    const html = await response.text()
    const streamed = /text\/event-stream/.test(response.headers.get('content-type') ?? '')
    const messages = streamed ? sseMessages(html) : []
    const ok = response.status >= 200 && response.status < 300
    const fragments = !ok ? [] : streamed ? messages.flatMap(parseFragments) : parseFragments(html)
    const result: UpdateResult = {
      status: response.status,
      headers: response.headers,
      html,
      messages,
      fragments,
      request: body,
    }
    if (apply) this.apply(result)
    return result
  }

  /** Applies an answer's fragments to the page (what `send` does unless `apply: false`). */
  apply(result: Pick<UpdateResult, 'fragments'>): void {
    applyFragments(this.#doc, result.fragments)
    for (const f of result.fragments) if (f.swap === 'meta') this.#deferred.push(...f.deferred)
  }

  #get(id: string): HtmlElement {
    const el = byId(this.#doc, id)
    if (!el) throw new Error(`No element with id '${id}' on the page.`)
    return el
  }
}

/**
 * Renders the page at `path` (initial calls already applied by the server) and returns it as a
 * {@link TestPage} to dispatch events on.
 * @example
 * const page = await renderPage(app, '/')
 * expect(page.status).toBe(200)
 * expect(page.text('first_output_1')).toBe('n_clicks is None')
 */
export async function renderPage(
  app: Fetcher,
  path = '/',
  options: RenderPageOptions = {}
): Promise<TestPage> {
  const url = new URL(path, options.origin ?? 'http://localhost')
  const response = await app.fetch(new Request(url, { headers: { Accept: 'text/html', ...options.headers } }))
  return new TestPage(app, url, response.status, response.headers, await response.text(), options)
}
