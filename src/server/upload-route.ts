/**
 * @module upload-route
 * POST `<base>/_hd/upload`: dcc.Upload's files, as multipart (docs/security.md, "Uploads"). The body
 * is read up to the app's `maxUploadBytes` and no further (413), then holds one field `hd` (the
 * update request, JSON, as the update route takes it) and the files. The request is validated as an
 * update (signatures, allow-list, schemas); each file is checked against the component's `max_size`
 * and `min_size`; then `contents` (Dash's `data:` URLs) and `filename` of that one component are set from the
 * files (`last_modified` as the browser read it), and the chain runs as for any update (update-route.ts).
 * `contents` never enters the page's state: it lives in this request only.
 */
import type { Context } from 'hono'
import { splitKey } from '../core/ids.ts'
import type { PageState } from '../core/page.ts'
import { UPLOAD_HEADER } from '../protocol/constants.ts'
import { RequestError } from '../protocol/errors.ts'
import { parseUpdateRequest } from '../protocol/request.ts'
import { validateUpdate } from '../protocol/validate.ts'
import type { AppContext } from './context.ts'
import type { UpdateRunner } from './update-route.ts'

const UPLOAD_KIND = 'dcc.Upload'

/** Bytes, for people: `2048` → `2 KB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`
  const units = ['KB', 'MB', 'GB']
  let v = n / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) ((v /= 1024), i++)
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i]}`
}

export const uploadTooLarge = (max: number) =>
  `Upload refused: it is larger than ${formatBytes(max)}, the most this app accepts at once ` +
  '(its `maxUploadBytes`). Choose a smaller file.'

export const fileTooLarge = (name: string, size: number, max: number) =>
  `Upload refused: '${name.slice(0, 200)}' is ${formatBytes(size)}, larger than this upload accepts ` +
  `(${formatBytes(max)}, its max_size). Choose a smaller file.`

export const fileTooSmall = (name: string, size: number, min: number) =>
  `Upload refused: '${name.slice(0, 200)}' is ${formatBytes(size)}, smaller than this upload accepts ` +
  `(${formatBytes(min)}, its min_size).`

export const notMultipart = (type: string) =>
  `The upload route takes multipart/form-data sent by dcc.Upload, not '${type.slice(0, 80) || 'none'}'. ` +
  'Updates without files go to the update route as JSON (docs/wire.md).'

/**
 * Reads a body of at most `max` bytes, chunk by chunk: past the limit reading stops and the answer
 * is a 413 {@link RequestError}, whether the body declared its length or not.
 */
export async function readBounded(
  req: Request,
  max: number,
  tooLarge: (max: number) => string = uploadTooLarge
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get('content-length')
  if (declared !== null && Number(declared) > max) throw new RequestError(tooLarge(max), 413)
  if (!req.body) return new Uint8Array(0)
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    let r: ReadableStreamReadResult<Uint8Array>
    try {
      r = await reader.read()
    } catch {
      throw new RequestError('The upload could not be read (the connection closed?).')
    }
    if (r.done) break
    total += r.value.byteLength
    if (total > max) {
      void reader.cancel().catch(() => {})
      throw new RequestError(tooLarge(max), 413)
    }
    chunks.push(r.value)
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) (out.set(c, at), (at += c.byteLength))
  return out
}

/** A file as Dash's `contents`: `data:<type>;base64,<bytes>`. */
async function dataUrl(file: File): Promise<string> {
  const type = file.type || 'application/octet-stream'
  return `data:${type};base64,${Buffer.from(await file.arrayBuffer()).toString('base64')}`
}

export function createUploadHandler(app: AppContext, run: UpdateRunner) {
  return async function uploadRoute(c: Context): Promise<Response> {
    // Only the extension sends it: a cross-site form cannot set a header (CSRF, with crossOriginGuard).
    if (c.req.header(UPLOAD_HEADER) !== '1') {
      throw new RequestError(
        `An upload must carry the header '${UPLOAD_HEADER}: 1', as dcc.Upload's requests do.`,
        400
      )
    }
    const type = c.req.header('content-type') ?? ''
    if (!/^multipart\/form-data\s*;/i.test(type)) throw new RequestError(notMultipart(type), 415)
    const bytes = await readBounded(c.req.raw, app.options.maxUploadBytes)
    let form: FormData
    try {
      form = await new Response(bytes, { headers: { 'content-type': type } }).formData()
    } catch {
      throw new RequestError('The upload is not a well-formed multipart/form-data body.')
    }
    const hd = form.get('hd')
    if (typeof hd !== 'string')
      throw new RequestError("The upload has no field 'hd' holding the update request.")
    if (hd.length > app.options.maxBodyBytes)
      throw new RequestError(
        `The upload's update request is larger than ${app.options.maxBodyBytes} bytes.`,
        413
      )
    let json: unknown
    try {
      json = JSON.parse(hd)
    } catch {
      throw new RequestError("The upload's field 'hd' is not valid JSON.")
    }
    const v = validateUpdate(parseUpdateRequest(json), app)
    // The one dcc.Upload whose files these are: the component the event changed.
    const ids = new Set(
      (v.start.flatMap((s) => s.changed) as string[])
        .map((k) => splitKey(k as never).id)
        .filter((id) => v.page.get(id)?.kind === UPLOAD_KIND)
    )
    if (ids.size !== 1) {
      throw new RequestError(
        'An upload must change the props of exactly one dcc.Upload (its contents, filename or last_modified).'
      )
    }
    const id = [...ids][0]!
    const files = form.getAll('file').filter((f): f is File => typeof f !== 'string')
    if (files.length !== form.getAll('file').length)
      throw new RequestError("Each 'file' field must be a file.")
    await setFiles(v.page, id, files)
    if (!files.length) v.page.set(`${id}.last_modified` as never, null)
    return run(c, v)
  }
}

/**
 * Sets `contents` (Dash's `data:` URLs) and `filename` of dcc.Upload `id` from its files, checked
 * against its `multiple`, `max_size` and `min_size` (400, 413, 422). `last_modified` is left as is:
 * multipart carries no modification time. The upload route and the page's form (form-route.ts) share it.
 */
export async function setFiles(page: PageState, id: string, files: readonly File[]): Promise<void> {
  const props = page.get(id)!.props
  if (!props['multiple'] && files.length > 1)
    throw new RequestError(`'${id}' takes one file (its multiple is false), not ${files.length}.`)
  const max = typeof props['max_size'] === 'number' ? props['max_size'] : -1
  const min = typeof props['min_size'] === 'number' ? props['min_size'] : 0
  for (const f of files) {
    if (max >= 0 && f.size > max) throw new RequestError(fileTooLarge(f.name, f.size, max), 413)
    if (f.size < min) throw new RequestError(fileTooSmall(f.name, f.size, min), 422)
  }
  const many = props['multiple'] === true
  const one = <T>(list: T[]) => (files.length === 0 ? null : many ? list : list[0]!)
  page.set(`${id}.contents` as never, one(await Promise.all(files.map(dataUrl))))
  page.set(`${id}.filename` as never, one(files.map((f) => f.name.slice(0, 1024))))
}
