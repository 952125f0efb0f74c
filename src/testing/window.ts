/**
 * @module window
 * A browser for `hyperdash/testing`: a happy-dom window holding the page the app served, running the
 * page's own scripts (htmx 4, hx-sse, static/hyperdash.js, as the app serves them), with `fetch`
 * routed to the app's fetch handler in-process. The extension builds every request and applies every
 * answer, exactly as in a browser; this module only adds what a browser's network layer adds
 * (`Origin`, `Sec-Fetch-*`) and records each exchange.
 */
import vm from 'node:vm'
import { Window } from 'happy-dom'

/** What serves the app: a `HyperApp`, a Hono app, or anything with a fetch handler. */
export interface Fetcher {
  fetch(request: Request): Response | Promise<Response>
}

/** One request the page sent and what came back. */
export interface Exchange {
  /** The request as it left the browser (the body a `rewrite` put in place, if any). */
  request: Request
  status: number
  headers: Headers
  /** The response body, once fully received. */
  text: Promise<string>
}

/** How the next requests leave the page: where they go, what they accept, what is done to them. */
export interface Network {
  fetcher: Fetcher
  /** Headers added to every request (cookies, authorisation). */
  headers: Record<string, string>
  /** False: the request accepts only HTML (as a browser without hx-sse), so the server answers in one piece. */
  stream: boolean
  /** Called with the next request instead of sending it; the page sees it aborted. Cleared once used. */
  capture: ((request: Request) => void) | null
  /** Changes the next request before it is sent. Cleared once used. */
  rewrite: ((request: Request) => Promise<Request>) | null
  /** Every exchange so far, in the order the requests left. */
  log: Exchange[]
}

/** What htmx 4 needs of `XPathEvaluator` and happy-dom lacks: finding the elements with `hx-on*` attributes. */
class XPathEvaluator {
  createExpression(expression: string) {
    const prefixes = [...expression.matchAll(/starts-with\(name\(\), "([^"]+)"\)/g)].map((m) => m[1]!)
    return {
      evaluate(root: { querySelectorAll(s: string): Iterable<{ getAttributeNames(): string[] }> }) {
        const found = [...root.querySelectorAll('*')].filter((el) =>
          el.getAttributeNames().some((n) => prefixes.some((p) => n.startsWith(p)))
        )
        let i = 0
        return { iterateNext: () => found[i++] ?? null }
      },
    }
  }
}

const quiet = (messages: string[]) => {
  const record =
    (level: string) =>
    (...args: unknown[]) =>
      messages.push(`${level}: ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')}`)
  return {
    log: record('log'),
    info: record('info'),
    debug: () => {},
    warn: record('warn'),
    error: record('error'),
  } as unknown as Console
}

/** A request from happy-dom's fetch arguments, as a browser's network layer sends it. */
async function toRequest(window: Window, input: unknown, init: RequestInit | undefined, net: Network) {
  const browser = new window.Request(new URL(String(input), window.location.href).href, init as never)
  const headers = new Headers()
  browser.headers.forEach((v: string, k: string) => headers.set(k, v))
  const url = new URL(browser.url)
  const method = browser.method
  if (url.origin === window.location.origin) {
    headers.set('Sec-Fetch-Site', 'same-origin')
    headers.set('Sec-Fetch-Mode', 'cors')
    headers.set('Sec-Fetch-Dest', 'empty')
  }
  if (method !== 'GET' && method !== 'HEAD') headers.set('Origin', window.location.origin)
  for (const [k, v] of Object.entries(net.headers)) headers.set(k, v)
  if (!net.stream) {
    const accept = (headers.get('accept') ?? '')
      .split(/\s*,\s*/)
      .filter((t) => t && t !== 'text/event-stream')
    headers.set('Accept', accept.join(', ') || 'text/html')
  }
  const body = init?.body == null ? undefined : await browser.arrayBuffer()
  return new Request(url, { method, headers, body })
}

const NULL_BODY = new Set([101, 204, 205, 304])

/** `window.fetch`: requests go to the app's fetch handler; the answer streams back to htmx as it comes. */
function routeFetch(window: Window, net: Network) {
  return async (input: unknown, init?: RequestInit) => {
    const signal = init?.signal as AbortSignal | undefined
    const aborted = () => new window.DOMException('The request was aborted.', 'AbortError')
    let request = await toRequest(window, input, init, net)
    if (net.capture) {
      const capture = net.capture
      net.capture = null
      capture(request)
      throw aborted()
    }
    if (net.rewrite) {
      const rewrite = net.rewrite
      net.rewrite = null
      request = await rewrite(request)
    }
    const controller = new AbortController()
    const answer = Promise.resolve(
      net.fetcher.fetch(new Request(request.clone(), { signal: controller.signal }))
    )
    const response = await new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) return reject(aborted())
      signal?.addEventListener('abort', () => (controller.abort(), reject(aborted())))
      answer.then(resolve, reject)
    })
    let text: Promise<string>
    let forPage: Response
    if (response.body && !NULL_BODY.has(response.status)) {
      const [a, b] = response.body.tee()
      text = new Response(b).text()
      forPage = new Response(a, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      })
    } else {
      text = response.text()
      forPage = new Response(null, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      })
    }
    net.log.push({ request, status: response.status, headers: response.headers, text })
    return forPage
  }
}

export interface Browser {
  window: Window
  net: Network
  /** What the page's scripts wrote to the console. */
  console: string[]
  /** Resolves when htmx has no request in flight and no timer pending (follow-up requests included). */
  settle(): Promise<void>
}

/**
 * Opens `html` (served at `url`) in a new window: the page's scripts are fetched from the app, as a
 * browser fetches them, and run in order; resolves once htmx has initialised and the requests it
 * makes on load (initial calls the server left to the browser) have landed.
 */
export async function openPage(html: string, url: URL, net: Network): Promise<Browser> {
  const messages: string[] = []
  const window = new Window({
    url: url.href,
    console: quiet(messages),
    // Scripts are run below, once fetched from the app; happy-dom must not fetch them itself.
    settings: { handleDisabledFileLoadingAsSuccess: true },
  })
  const w = window as unknown as Record<string, unknown>
  w['XPathEvaluator'] = XPathEvaluator
  w['fetch'] = routeFetch(window, net)
  let inflight = 0
  let activity = 0
  window.document.addEventListener('htmx:before:request', () => (inflight++, activity++))
  window.document.addEventListener('htmx:finally:request', () => (inflight--, activity++))

  window.document.write(html)
  // happy-dom's parser can leave a select's first selected-by-attribute option unselected (a select
  // of three options with the third `selected` reads the second): browsers follow the attributes.
  for (const select of window.document.querySelectorAll('select'))
    for (const o of select.querySelectorAll('option') as unknown as {
      selected: boolean
      hasAttribute(n: string): boolean
    }[])
      if (o.hasAttribute('selected')) o.selected = true
  const scripts = [...window.document.querySelectorAll('script')].filter((s) => {
    const type = s.getAttribute('type')
    return type === null || type === '' || /javascript|ecmascript/.test(type)
  })
  const sources = await Promise.all(
    scripts.map(async (s) => {
      const src = s.getAttribute('src')
      if (src === null) return { name: url.href, code: s.textContent ?? '' }
      const at = new URL(src, url)
      const res = await net.fetcher.fetch(new Request(at, { headers: net.headers }))
      if (!res.ok) throw new Error(`The page's script ${src} could not be loaded: ${res.status}.`)
      return { name: at.pathname, code: await res.text() }
    })
  )
  for (const { name, code } of sources) vm.runInContext(code, window as never, { filename: name })

  const settle = async () => {
    for (let seen = -1; ;) {
      await window.happyDOM.waitUntilComplete()
      await new Promise((r) => setImmediate(r))
      if (inflight === 0 && seen === activity) return
      seen = activity
    }
  }
  await settle()
  return { window, net, console: messages, settle }
}
