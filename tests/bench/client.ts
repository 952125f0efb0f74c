/**
 * @module client
 * Update requests for the bench, captured from the real extension: each user event is performed on
 * the app's page in happy-dom (`hyperdash/testing`: htmx 4 and static/hyperdash.js), and the request
 * it sends is caught before it leaves. Its headers and body are kept as sent and replayed at load
 * (autocannon, raw sockets, `app.fetch`) without a browser, for raw speed. Nothing here knows the
 * body's format.
 */
import { renderPage, type Fetcher, type UserEvent } from '../../src/testing.ts'

/** One update request as the browser sent it: its headers (but the length) and its body. */
export interface Update {
  headers: Record<string, string>
  body: string
}

const BASE = 'http://127.0.0.1'

/**
 * The requests of `events`, performed in turn on the page at `path` (served by `app` at `origin`),
 * as the browser sends them (accepting SSE, as htmx with hx-sse does).
 */
export async function captureUpdates(
  app: Fetcher,
  events: UserEvent[],
  { path = '/', origin = BASE }: { path?: string; origin?: string } = {}
): Promise<Update[]> {
  const page = await renderPage(app, path, { origin })
  if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`)
  const out: Update[] = []
  for (const event of events) {
    const request = await page.capture(event, { stream: true })
    const headers: Record<string, string> = {}
    request.headers.forEach((v, k) => {
      if (k !== 'content-length') headers[k] = v
    })
    out.push({ headers, body: await request.text() })
  }
  await page.close()
  return out
}

/** A ready-to-send update request for `fetch`-style handlers. */
export function updateRequest(base: string, update: Update, path = '/_hd/update'): Request {
  const headers = { ...update.headers, 'content-length': String(Buffer.byteLength(update.body)) }
  return new Request(new URL(path, base), { method: 'POST', headers, body: update.body })
}
