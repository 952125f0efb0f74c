/**
 * @module bytes
 * Section 5: what a browser downloads for the first page (scripts, stylesheet, document; raw,
 * gzip and brotli), and the bytes of one update on the wire, both ways.
 */
import { connect } from 'node:net'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { HyperApp } from '../../src/index.ts'
import type { Update } from './client.ts'
import { fmt, kb } from './stats.ts'

const gz = (b: Buffer) => gzipSync(b, { level: 6 }).length
const br = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length

interface Asset {
  url: string
  kind: 'document' | 'script' | 'stylesheet'
  raw: number
  gzip: number
  brotli: number
}

/** Sends one raw HTTP/1.1 request to 127.0.0.1 and returns the bytes of the whole response. */
export function rawExchange(port: number, request: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port })
    const chunks: Buffer[] = []
    socket.setTimeout(5000, () => socket.destroy(new Error('raw request timed out')))
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('error', reject)
    socket.on('end', () => resolve(Buffer.concat(chunks)))
    socket.end(request)
  })
}

/** The update request as htmx sends it (the browser adds its own headers: user agent, cookies…). */
export function rawUpdate({ headers: sent, body }: Update, path = '/_hd/update'): string {
  const headers = {
    host: '127.0.0.1',
    ...sent,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  }
  return `POST ${path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n${body}`
}

export async function bytesSection(app: HyperApp, bodies: Update[], port: number, labels: string[]) {
  const get = async (url: string) =>
    Buffer.from(await (await app.fetch(new Request(new URL(url, 'http://127.0.0.1')))).arrayBuffer())
  const html = await get('/')
  const text = html.toString('utf8')
  const assets: Asset[] = [{ url: '/', kind: 'document', raw: html.length, gzip: gz(html), brotli: br(html) }]
  for (const m of text.matchAll(
    /<script[^>]*\ssrc="([^"]+)"|<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g
  )) {
    const url = m[1] ?? m[2]!
    const b = await get(url)
    assets.push({ url, kind: m[1] ? 'script' : 'stylesheet', raw: b.length, gzip: gz(b), brotli: br(b) })
  }
  const scripts = assets.filter((a) => a.kind === 'script')
  const sum = (xs: Asset[], k: 'raw' | 'gzip' | 'brotli') => xs.reduce((s, a) => s + a[k], 0)
  const updates = []
  for (const body of bodies) {
    const request = rawUpdate(body)
    const response = await rawExchange(port, request)
    const split = response.indexOf('\r\n\r\n')
    updates.push({
      request: Buffer.byteLength(request),
      response: response.length,
      body: response.length - split - 4,
    })
  }
  const lines = [
    '| first page | requests | raw | gzip -6 | brotli -11 |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...assets.map((a) => `| ${a.kind} \`${a.url}\` | 1 | ${kb(a.raw)} | ${kb(a.gzip)} | ${kb(a.brotli)} |`),
    `| **JavaScript** | ${scripts.length} | **${kb(sum(scripts, 'raw'))}** | **${kb(sum(scripts, 'gzip'))}** | ${kb(sum(scripts, 'brotli'))} |`,
    `| everything | ${assets.length} | ${kb(sum(assets, 'raw'))} | ${kb(sum(assets, 'gzip'))} | ${kb(sum(assets, 'brotli'))} |`,
    '',
    '| one update (prime factors) | request on the wire | response on the wire | response body |',
    '| --- | ---: | ---: | ---: |',
    ...updates.map(
      (u, i) => `| ${labels[i]} | ${fmt(u.request)} B | ${fmt(u.response)} B | ${fmt(u.body)} B |`
    ),
  ]
  return {
    assets,
    js: { count: scripts.length, raw: sum(scripts, 'raw'), gzip: sum(scripts, 'gzip') },
    updates,
    markdown: lines.join('\n'),
  }
}
