/**
 * @module sse
 * The page's side of background callbacks over real HTTP, for tests against real processes: the
 * request the real extension builds for an event (happy-dom, `hyperdash/testing`), sent with `fetch`
 * to any web process, its SSE answer read as it arrives: the fragments, the job tokens the page
 * would hold (`hd-meta` `jobs`) and those that ended. The body can be changed on the way, as the
 * page's job script does (`jobs`, `attach`, `reask`).
 */
import {
  renderPage,
  parseFragments,
  type Fragment,
  type TestPage,
  type UpdateBody,
} from '../../src/testing.ts'
import { sseMessages } from '../../src/testing/wire.ts'

/** A request as the browser sent it. */
export interface Sent {
  path: string
  headers: Record<string, string>
  body: UpdateBody
}

/** The page at `base` (a real server, over HTTP), or of an app in this process. */
export const openPage = (to: Target): Promise<TestPage> =>
  typeof to === 'string'
    ? renderPage({ fetch: (r) => fetch(r) }, '/', { origin: to })
    : renderPage({ fetch: to })

/** The request a click on `id` sends (accepting a stream), not sent. */
export async function prepare(page: TestPage, id: string): Promise<Sent> {
  const request = await page.capture({ click: id }, { stream: true })
  const headers: Record<string, string> = {}
  request.headers.forEach((v, k) => {
    if (k !== 'content-length') headers[k] = v
  })
  return { path: new URL(request.url).pathname, headers, body: (await request.json()) as UpdateBody }
}

/** The re-attach request the page's job script sends for `token` of callback `callback`. */
export function attachBody(sent: Sent, callback: number, token: string): Sent {
  const { changed: _, ...rest } = sent.body
  return { ...sent, body: { ...rest, reask: [{ callback, changed: [] }], attach: [token], jobs: [token] } }
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

interface Meta {
  jobs?: [number, string, unknown?][]
  ended?: string[]
  finished?: number[]
}

/** A streamed (or plain) answer, read as it arrives. */
export class Answer {
  readonly fragments: Fragment[] = []
  /** Job tokens the answer started, with their callback. */
  readonly jobs: { callback: number; token: string }[] = []
  readonly ended: string[] = []
  /** Callbacks whose `running` props the page turns off (their jobs ended). */
  readonly finished: number[] = []
  status = 0
  contentType = ''
  /** Resolves when the answer ended (or the connection broke: then `error`). */
  readonly done: Promise<void>
  error: unknown = null
  readonly #abort = new AbortController()
  #waiters: (() => void)[] = []

  constructor(to: Target, sent: Sent) {
    this.done = this.#read(to, sent)
  }

  async #read(to: Target, sent: Sent): Promise<void> {
    try {
      const base = typeof to === 'string' ? to : 'http://localhost'
      const request = new Request(new URL(sent.path, base), {
        method: 'POST',
        headers: sent.headers,
        body: JSON.stringify(sent.body),
        signal: this.#abort.signal,
      })
      const res = await (typeof to === 'string' ? fetch(request) : to(request))
      this.status = res.status
      this.contentType = res.headers.get('content-type') ?? ''
      if (!this.contentType.includes('event-stream')) {
        this.#take(await res.text())
        return
      }
      const decoder = new TextDecoder()
      let buffer = ''
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        const cut = buffer.lastIndexOf('\n\n')
        if (cut < 0) continue
        for (const m of sseMessages(buffer.slice(0, cut + 2))) this.#take(m)
        buffer = buffer.slice(cut + 2)
      }
    } catch (e) {
      this.error = e
    } finally {
      this.#wake()
    }
  }

  #take(html: string): void {
    for (const m of html.matchAll(/hd-meta="([^"]*)"/g)) {
      const meta = JSON.parse(unescape(m[1]!)) as Meta
      for (const [callback, token] of meta.jobs ?? []) this.jobs.push({ callback, token })
      this.ended.push(...(meta.ended ?? []))
      this.finished.push(...(meta.finished ?? []))
    }
    this.fragments.push(...parseFragments(html))
    this.#wake()
  }

  #wake() {
    const w = this.#waiters
    this.#waiters = []
    for (const f of w) f()
  }

  /** The html of each `children` fragment of element `id`, in order. */
  texts(id: string): string[] {
    return this.fragments.flatMap((f) => (f.swap === 'children' && f.id === id ? [f.html] : []))
  }

  /** The error boxes' texts. */
  errors(): string[] {
    return this.fragments.flatMap((f) => (f.swap === 'error' ? [f.text] : []))
  }

  /** Waits until `test` holds (checked on each message), or fails after `ms`. */
  async until(what: string, test: (a: this) => boolean, ms = 15_000): Promise<void> {
    const end = Date.now() + ms
    let finished = false
    void this.done.then(() => (finished = true))
    while (!test(this)) {
      if (finished) throw new Error(`the answer ended before ${what}: ${JSON.stringify(this.fragments)}`)
      const left = end - Date.now()
      if (left <= 0) throw new Error(`no ${what} within ${ms} ms: ${JSON.stringify(this.fragments)}`)
      await new Promise<void>((r) => {
        const t = setTimeout(r, left)
        this.#waiters.push(() => (clearTimeout(t), r()))
      })
    }
  }

  /** Drops the connection (the network, a proxy or a reload cutting the stream). */
  drop(): Promise<void> {
    this.#abort.abort()
    return this.done
  }
}

/** A web process's URL, or an app's fetch handler (in-process). */
export type Target = string | ((r: Request) => Response | Promise<Response>)

/** Sends `sent` to the web process at `to` (its URL), or to an app in this process (its `fetch`). */
export const post = (to: Target, sent: Sent): Answer => new Answer(to, sent)

/** `sent` with other values of browser-owned props (`{ id: value }`, the `value` prop). */
export function withValues(sent: Sent, values: Record<string, unknown>): Sent {
  const components = { ...sent.body.components }
  for (const [id, value] of Object.entries(values)) {
    const c = components[id]
    if (!c) throw new Error(`the request has no component '${id}'`)
    components[id] = { ...c, values: { ...c.values, value } }
  }
  return { ...sent, body: { ...sent.body, components } }
}

/** `sent` with the job tokens the page holds. */
export const holding = (sent: Sent, tokens: string[]): Sent => ({
  ...sent,
  body: { ...sent.body, jobs: tokens },
})
