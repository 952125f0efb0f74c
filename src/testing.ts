/**
 * @module testing
 * `hyperdash/testing`: test an app the way a browser uses it, with no socket and no real browser. The
 * page the app serves is opened in happy-dom with its own scripts (htmx 4 and static/hyperdash.js),
 * and `fetch` goes to the app's handler in-process. User events (a click, a value entered) are
 * dispatched on the page; the extension builds the request and applies the answer, as in a browser.
 * Each event gives back exactly what the server answered (status, headers, HTML, parsed fragments).
 * @example
 * const page = await renderPage(app)
 * const res = await page.fill('num', 360)
 * expect(res.fragments).toEqual([{ swap: 'children', id: 'out', cbs: [0], html: '360 is 2 * 2 * 2 * 3 * 3 * 5' }, …])
 * expect(page.text('out')).toBe('360 is 2 * 2 * 2 * 3 * 3 * 5')
 */
import { STATE_ATTR, TRIGGER_ATTR } from './protocol/constants.ts'
import type { ComponentState } from './protocol/state.ts'
import {
  deferredIn,
  parseFragments,
  readBody,
  sseMessages,
  writeBody,
  type Fragment,
  type UpdateBody,
} from './testing/wire.ts'
import { openPage, type Browser, type Exchange, type Fetcher } from './testing/window.ts'

export { parseFragments, type Fetcher, type Fragment, type UpdateBody }

export interface RenderPageOptions {
  /** Origin of the page's URL. Default: `http://localhost`. */
  origin?: string
  /** Extra headers for every request (cookies, authorisation). */
  headers?: Record<string, string>
  /**
   * The clock for `n_clicks_timestamp` (the page's `Date.now()`, read once per click). Default: a fake
   * clock that starts at 2023-11-14T22:13:20Z and moves one second per click, so snapshots stay stable.
   */
  now?: () => number
}

/** A user event: a click on an element, or a value entered in a component (`prop` defaults to `value`). */
export type UserEvent = { click: string } | { id: string; prop?: string; value: unknown }

export interface SendOptions {
  /**
   * Accept a streamed answer (SSE), as a browser with hx-sse does; the messages are collected.
   * Default: false: the request accepts only HTML, so the server answers in one piece.
   */
  stream?: boolean
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
  /** The request body that was sent. */
  request: UpdateBody
}

/** A component of the page as its markup describes it. */
export interface ComponentInfo {
  kind: string
  /** Server-owned props carried in the page (signed). */
  props: Record<string, unknown>
  /** Browser-owned props the next request sends, as the page shows them now ({@link TestPage.value}). */
  values: Record<string, unknown>
  /** The id of the enclosing component, or null. */
  parent: string | null
}

function fakeClock(): () => number {
  let t = 1_700_000_000_000
  return () => (t += 1000)
}

const CLICK_PROPS = ['n_clicks', 'n_clicks_timestamp']

async function toResult(x: Exchange, body?: UpdateBody): Promise<UpdateResult> {
  const html = await x.text
  const streamed = /text\/event-stream/.test(x.headers.get('content-type') ?? '')
  const messages = streamed ? sseMessages(html) : []
  const ok = x.status >= 200 && x.status < 300
  return {
    status: x.status,
    headers: x.headers,
    html,
    messages,
    fragments: !ok ? [] : streamed ? messages.flatMap(parseFragments) : parseFragments(html),
    request: body ?? (await readBody(x.request)),
  }
}

type Doc = Browser['window']['document']
type El = NonNullable<ReturnType<Doc['getElementById']>>

/**
 * A page open in happy-dom, with htmx and the extension running. Events change it as a user would;
 * the extension sends the requests and applies the answers.
 */
export class TestPage {
  readonly #browser: Browser
  readonly #fetcher: Fetcher
  readonly #now: () => number
  #time = 1_700_000_000_000
  readonly #requests: UpdateResult[] = []

  /**
   * @param url The page's URL.
   * @param status The page's HTTP status.
   * @param headers The page's response headers.
   * @param html The page exactly as it was received.
   */
  private constructor(
    browser: Browser,
    fetcher: Fetcher,
    readonly url: URL,
    readonly status: number,
    readonly headers: Headers,
    readonly html: string,
    options: RenderPageOptions
  ) {
    this.#browser = browser
    this.#fetcher = fetcher
    this.#now = options.now ?? fakeClock()
    // The extension stamps clicks with Date.now(): the page's clock reads the time of the last click.
    const DateCtor = browser.window['Date' as never] as { now: () => number }
    DateCtor.now = () => this.#time
  }

  /** @internal Opens the page (use {@link renderPage}). */
  static async open(app: Fetcher, url: URL, options: RenderPageOptions): Promise<TestPage> {
    const headers = options.headers ?? {}
    const response = await app.fetch(new Request(url, { headers: { Accept: 'text/html', ...headers } }))
    const html = await response.text()
    const net = { fetcher: app, headers, stream: false, capture: null, rewrite: null, log: [] }
    const browser = await openPage(html, url, net)
    const page = new TestPage(browser, app, url, response.status, response.headers, html, options)
    await page.#collect(0)
    return page
  }

  get #doc(): Doc {
    return this.#browser.window.document
  }

  // ─── the page now ─────────────────────────────────────────────────────────────────────────

  /** Every live component (those with signed state), by id, in page order. */
  get components(): Record<string, ComponentInfo> {
    const out: Record<string, ComponentInfo> = {}
    for (const el of this.#doc.querySelectorAll(`[${STATE_ATTR}]`)) {
      if (!el.id) continue
      const st = JSON.parse(el.getAttribute(STATE_ATTR)!) as ComponentState
      const values: Record<string, unknown> = {}
      for (const p of Object.keys(st.read)) values[p] = this.#read(el, p)
      const parent = el.parentElement?.closest(`[${STATE_ATTR}]`)
      out[el.id] = { kind: st.kind, props: st.props, values, parent: parent ? parent.id : null }
    }
    return out
  }

  /** The callbacks the first page left for the browser to ask for (it asked on load: see {@link requests}). */
  get deferred(): [number, string[]][] {
    return deferredIn(this.html)
  }

  /** Every update request the page sent so far (on load, and for each event), with its answer. */
  get requests(): readonly UpdateResult[] {
    return this.#requests
  }

  /** What the page's scripts wrote to the console (`error: hyperdash: the server refused …`). */
  get console(): readonly string[] {
    return this.#browser.console
  }

  /** True when an element with this id is on the page. */
  has(id: string): boolean {
    return this.#doc.getElementById(id) !== null
  }

  /** The text of element `id`. */
  text(id: string): string {
    return this.#get(id).textContent ?? ''
  }

  /** The markup of element `id` now, its `outerHTML` (the whole page when no id is given). */
  outerHTML(id?: string): string {
    if (id !== undefined) return this.#get(id).outerHTML
    return (this.#doc.doctype ? '<!DOCTYPE html>' : '') + this.#doc.documentElement.outerHTML
  }

  /** The markup inside element `id` now, its `innerHTML`. */
  innerHTML(id: string): string {
    return this.#get(id).innerHTML
  }

  /** An attribute of element `id`, or null. */
  attr(id: string, name: string): string | null {
    return this.#get(id).getAttribute(name)
  }

  /**
   * A browser-owned prop of component `id` as the page shows it: `value` (a number input or a slider
   * gives a number or null, a checklist the values of its checked boxes), `n_clicks`, ….
   */
  value(id: string, prop = 'value'): unknown {
    return this.#read(this.#get(id), prop)
  }

  // ─── events ───────────────────────────────────────────────────────────────────────────────

  /** Clicks element `id` and returns the answer to the request the click sent. */
  click(id: string, options?: SendOptions): Promise<UpdateResult> {
    return this.dispatch({ click: id }, options)
  }

  /**
   * Enters `value` in component `id` (text or a number in an input, a number in a slider, the checked
   * options of a checklist, the selected options of a multi dropdown; `''` empties it) and returns the
   * answer to the request it sent.
   */
  fill(id: string, value: unknown, options?: SendOptions): Promise<UpdateResult> {
    return this.dispatch({ id, value }, options)
  }

  /**
   * Enters `value` in component `id` when that sends nothing (no callback has its value as an Input):
   * its value travels with the next request, as a State.
   */
  setValue(id: string, value: unknown): void {
    const el = this.#get(id)
    if (this.#triggers(el, false).length)
      throw new Error(`Entering a value in '${id}' sends a request: use fill().`)
    this.#enter(el, value)
  }

  /**
   * Performs a user event on the page and waits until every request it caused has landed (follow-up
   * requests of the extension included); returns the answer to the first one.
   */
  async dispatch(event: UserEvent, options: SendOptions = {}): Promise<UpdateResult> {
    const results = await this.#run(options, () => this.#perform(event))
    if (!results.length) throw this.#noRequest(event)
    return results[0]!
  }

  /**
   * Performs a user event and returns the request the browser sent for it, without letting it reach
   * the server (the page sees it aborted): to send elsewhere, or to change and {@link send}.
   */
  async capture(event: UserEvent, options: Pick<SendOptions, 'stream'> = {}): Promise<Request> {
    const net = this.#browser.net
    let captured: Request | null = null
    net.capture = (r) => (captured = r)
    try {
      await this.#run(options, () => this.#perform(event))
    } finally {
      net.capture = null
    }
    if (!captured) throw this.#noRequest(event)
    return captured
  }

  /**
   * Performs a user event and returns the request body the browser built for it, without sending it:
   * change it and {@link send} it to test what a forged request gets.
   */
  async prepare(event: UserEvent, options: { wholePage?: boolean } = {}): Promise<UpdateBody> {
    // `wholePage`: every component of the app, as a re-ask sends, not only what the event's chain
    // may touch (`hd-carry`): to write a request another element would send.
    const el = options.wholePage ? this.#get('click' in event ? event.click : event.id) : null
    const carry = el?.getAttribute('hd-carry') ?? null
    if (carry !== null) el!.removeAttribute('hd-carry')
    try {
      return readBody(await this.capture(event))
    } finally {
      if (carry !== null) el!.setAttribute('hd-carry', carry)
    }
  }

  /**
   * Sends a request body (from {@link prepare}, changed or written by hand) from the page: the
   * extension sends a request of its own, whose body is replaced by `body` on the way out; the answer
   * is applied to the page.
   */
  async send(body: unknown, options: SendOptions = {}): Promise<UpdateResult> {
    const net = this.#browser.net
    net.rewrite = (r) => writeBody(r, body)
    const firstId = Object.keys((body as { c?: object })?.c ?? {})[0]
    const from = firstId ? this.#doc.getElementById(firstId) : null
    const root = from?.closest('.hd-app') ?? this.#doc.querySelector('.hd-app')
    if (!root) throw new Error('The page has no hyperdash app (.hd-app).')
    const htmx = (this.#browser.window as unknown as { htmx: { ajax(...a: unknown[]): Promise<void> } }).htmx
    const sent = await this.#run(
      options,
      () =>
        void htmx.ajax('POST', root.getAttribute('data-hd-url'), {
          source: root,
          swap: 'none',
          target: 'body',
          event: { type: 'hd:reask' },
        }),
      body as UpdateBody
    )
    net.rewrite = null
    if (!sent.length) throw new Error('The page sent no request.')
    return sent[0]!
  }

  /** Closes the page's window (its timers and pending requests). */
  async close(): Promise<void> {
    await this.#browser.window.happyDOM.close()
  }

  // ─── internals ────────────────────────────────────────────────────────────────────────────

  /** Runs `act` with these options and waits for the page to settle; the answers to what it sent. */
  async #run(options: SendOptions, act: () => void, firstBody?: UpdateBody): Promise<UpdateResult[]> {
    const net = this.#browser.net
    const start = net.log.length
    net.stream = options.stream ?? false
    net.fetcher = options.server ?? this.#fetcher
    try {
      act()
      await this.#browser.settle()
    } finally {
      net.stream = false
      net.fetcher = this.#fetcher
    }
    return this.#collect(start, firstBody)
  }

  async #collect(start: number, firstBody?: UpdateBody): Promise<UpdateResult[]> {
    const log = this.#browser.net.log
    const out: UpdateResult[] = []
    for (let i = start; i < log.length; i++)
      out.push(await toResult(log[i]!, i === start ? firstBody : undefined))
    this.#requests.push(...out)
    return out
  }

  #perform(event: UserEvent): void {
    if ('click' in event) {
      const el = this.#get(event.click)
      this.#time = this.#now()
      ;(el as unknown as { click(): void }).click()
      return
    }
    const el = this.#get(event.id)
    const prop = event.prop ?? 'value'
    const props = this.#triggers(el, false)
    if (!props.includes(prop)) {
      const clicks = this.#triggers(el, true)
      throw new Error(
        `Entering a ${prop} in '${event.id}' sends no request: no callback has '${event.id}.${prop}' as an Input. ` +
          (clicks.length || props.length
            ? `Its events change ${[...clicks, ...props].map((p) => `${event.id}.${p}`).join(', ')}.`
            : 'Use setValue() to enter a value that travels with the next request.')
      )
    }
    this.#enter(el, event.value)
  }

  #noRequest(event: UserEvent): Error {
    if ('click' in event)
      return new Error(
        `A click on '${event.click}' sends no request: no callback has its n_clicks as an Input.`
      )
    return new Error(`Entering a value in '${event.id}' sent no request.`)
  }

  /** The props an event of `el` changes, as the server marked them (`hd-t`): its clicks, or the others. */
  /** The props an event of `el` changes (`hd-t` holds `prop:event` pairs): its clicks', or the others'. */
  #triggers(el: El, clicks: boolean): string[] {
    const pairs = (el.getAttribute(TRIGGER_ATTR) ?? '').split(' ').filter(Boolean)
    return pairs
      .map((pair) => pair.split(':') as [string, string?])
      .filter(([, event]) => (event === 'click') === clicks)
      .map(([prop]) => prop)
  }

  /**
   * What a user does to enter a value: focus the control, change it, and the browser fires `input`
   * then `change`; a checklist's boxes are checked or unchecked. A trigger's debounce (`delay:`) does
   * not hold the request back: the value entered is the user's last.
   */
  #enter(el: El, value: unknown): void {
    const window = this.#browser.window
    const fire = (target: El) =>
      this.#undelayed(el, () => {
        target.dispatchEvent(new window.Event('input', { bubbles: true }))
        target.dispatchEvent(new window.Event('change', { bubbles: true }))
      })
    type Box = El & { checked: boolean; value: string }
    const boxes = [...el.querySelectorAll('input[type=checkbox]')] as Box[]
    if (boxes.length && !el.matches('input')) {
      const picked = (Array.isArray(value) ? value : [value]).map(String)
      let last: Box | null = null
      for (const box of boxes) {
        const want = picked.includes(box.value)
        if (box.checked !== want) ((box.checked = want), (last = box))
      }
      fire(last ?? boxes[0]!)
      return
    }
    const control = (el.matches('input,select,textarea') ? el : el.querySelector('input,select,textarea')) as
      (El & { value: string; focus(): void }) | null
    if (!control)
      throw new Error(`Component '${el.id}' has no <input>, <select> or <textarea> to enter a value in.`)
    control.focus()
    if (control.matches('select[multiple]')) {
      // A multi select: the options whose values are listed get selected, the others not.
      const picked = (Array.isArray(value) ? value : value == null ? [] : [value]).map(String)
      type Opt = El & { selected: boolean; value: string }
      for (const o of control.querySelectorAll('option') as unknown as Opt[])
        o.selected = picked.includes(o.value)
    } else control.value = value == null ? '' : String(value)
    fire(control)
  }

  /** Runs `act` with the `delay:` timers of `el`'s htmx triggers firing at once. */
  #undelayed(el: El, act: () => void): void {
    const delays = new Set<number>()
    for (let at: El | null = el; at; at = at.parentElement) {
      for (const m of (at.getAttribute('hx-trigger') ?? '').matchAll(/delay:(\d+(?:\.\d+)?)(ms|s|m)?/g))
        delays.add(Number(m[1]) * (m[2] === 's' ? 1000 : m[2] === 'm' ? 60_000 : 1))
    }
    const w = this.#browser.window as unknown as { setTimeout: (f: () => void, ms?: number) => unknown }
    const setTimeout = w.setTimeout
    if (delays.size) w.setTimeout = (f, ms) => setTimeout.call(w, f, delays.has(Number(ms)) ? 0 : ms)
    try {
      act()
    } finally {
      w.setTimeout = setTimeout
    }
  }

  /** A browser-owned prop as the page shows it. */
  /** What the extension's reader for `prop` reads from `el` (the readers of static/hyperdash.js). */
  #read(el: El, prop: string): unknown {
    const st = JSON.parse(el.getAttribute(STATE_ATTR) ?? '{}') as Partial<ComponentState>
    const reader = st.read?.[prop] ?? (prop.startsWith('n_') ? 'counter' : 'value')
    const readers = (this.#browser.window as unknown as { hyperdash?: { readers?: Record<string, unknown> } })
      .hyperdash?.readers
    const read = readers?.[reader]
    return typeof read === 'function' ? (read as (el: El, prop: string) => unknown)(el, prop) : null
  }

  #get(id: string): El {
    const el = this.#doc.getElementById(id)
    if (!el) throw new Error(`No element with id '${id}' on the page.`)
    return el
  }
}

/**
 * Renders the page at `path` (initial calls already applied by the server), opens it with its
 * scripts, and returns it as a {@link TestPage} once the requests it makes on load have landed.
 * @example
 * const page = await renderPage(app, '/')
 * expect(page.status).toBe(200)
 * expect(page.text('first_output_1')).toBe('n_clicks is None')
 */
export function renderPage(app: Fetcher, path = '/', options: RenderPageOptions = {}): Promise<TestPage> {
  return TestPage.open(app, new URL(path, options.origin ?? 'http://localhost'), options)
}
