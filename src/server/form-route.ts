/**
 * @module form-route
 * POST to a page's own URL: the page's form, submitted by a browser without JavaScript (docs/wire.md,
 * "Without JavaScript"). The body (`application/x-www-form-urlencoded`, at most `maxBodyBytes`; or
 * `multipart/form-data`, at most `maxUploadBytes`, when the page has a dcc.Upload) holds the form's
 * fields and `hd:state`; src/protocol/form.ts turns them into the update request the JSON
 * route takes, checked the same way (signatures, allow-list, schemas: validate.ts). The callbacks
 * the post starts run as one wave, and the answer is the whole page rendered again (a direct render,
 * not a redirect: the page's state lives in the page, and a redirect would have to put it in the URL).
 */
import type { Context } from 'hono'
import { FORM_STATE_FIELD } from '../protocol/constants.ts'
import { nullProto } from '../protocol/components.ts'
import { RequestError } from '../protocol/errors.ts'
import { formKindOf, formToUpdate, parseFieldName } from '../protocol/form.ts'
import type { PageState } from '../core/page.ts'
import { parseUpdateRequest } from '../protocol/request.ts'
import { validateUpdate } from '../protocol/validate.ts'
import type { AppContext } from './context.ts'
import { createEngine } from './engine.ts'
import { readFormState } from './form-state.ts'
import { describePage, pageResponse, streamPage } from './page-route.ts'
import { readBounded, setFiles } from './upload-route.ts'

export const formTooLarge = (max: number) =>
  `The form is larger than ${max} bytes, the most this app accepts (its \`maxBodyBytes\`). ` +
  'Shorten what you typed.'

export const notForm = (type: string) =>
  `A page's form posts application/x-www-form-urlencoded (multipart/form-data when it has a file ` +
  `field), not '${type.slice(0, 80) || 'none'}'. The extension sends updates as JSON to the update ` +
  'route (docs/wire.md).'

export const noState = (n: number) =>
  n === 0
    ? "The form has no field 'hd:state': only a page of this app, submitted as rendered, can post here."
    : `The form has ${n} fields 'hd:state'; a page's form has one.`

/** The handler of POST on the app's page paths. */
export function createFormHandler(app: AppContext) {
  const engine = createEngine(app)
  return async function formRoute(c: Context): Promise<Response> {
    const { fields, files } = await readForm(c.req.raw, app)
    const states = fields.filter(([name]) => name === FORM_STATE_FIELD)
    if (states.length !== 1) throw new RequestError(noState(states.length))
    const { payload, was } = readFormState(states[0]![1], app)
    const v = validateUpdate(parseUpdateRequest(formToUpdate(fields, payload, was, app)), app)
    await applyFiles(v.page, fields, files, app)
    // What the signed states leave out (outputs' children, styles) is as the page showed it.
    for (const rec of v.page.records()) {
      const shown = was[rec.id]
      if (shown) rec.props = Object.assign(nullProto(), shown, rec.props)
    }
    const { requestId, startedAt } = c.var
    const url = new URL(c.req.url)
    const d = describePage(app, url)
    // A page that moved (a page's `redirectFrom`): 308 keeps the method and the body.
    if ('redirect' in d) return c.redirect(d.redirect, 308)
    const o = { requestId, startedAt, engine, seed: v, budgetMs: Infinity, page: d.page }
    return pageResponse(app, c, streamPage(app, url, o), d.status)
  }
}

/**
 * The posted fields, in order, and the files of each file field by field name. A urlencoded body
 * is at most `maxBodyBytes`; a multipart one (a page with dcc.Upload) at most `maxUploadBytes`, as
 * the upload route reads, and its fields but the files at most `maxBodyBytes`. A file field's
 * entry in `fields` is the file's name (no file chosen: '').
 */
async function readForm(
  req: Request,
  app: AppContext
): Promise<{ fields: [string, string][]; files: Map<string, File[]> }> {
  const type = req.headers.get('content-type') ?? ''
  const files = new Map<string, File[]>()
  if (/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    const bytes = await readBounded(req, app.options.maxBodyBytes, formTooLarge)
    return { fields: [...new URLSearchParams(new TextDecoder().decode(bytes))], files }
  }
  if (!/^multipart\/form-data\s*;/i.test(type)) throw new RequestError(notForm(type), 415)
  const bytes = await readBounded(req, app.options.maxUploadBytes)
  let form: FormData
  try {
    form = await new Response(bytes, { headers: { 'content-type': type } }).formData()
  } catch {
    throw new RequestError("The page's form is not a well-formed multipart/form-data body.")
  }
  const fields: [string, string][] = []
  let text = 0
  for (const [name, value] of form) {
    if (typeof value === 'string') {
      text += name.length + value.length
      if (text > app.options.maxBodyBytes) throw new RequestError(formTooLarge(app.options.maxBodyBytes), 413)
      fields.push([name, value])
      continue
    }
    fields.push([name, value.name])
    // No file chosen: the browser posts an empty part without a name.
    if (value.name === '' && value.size === 0) continue
    const list = files.get(name) ?? []
    list.push(value)
    files.set(name, list)
  }
  return { fields, files }
}

/**
 * dcc.Upload's files, chosen in the page's form: each `file` field's files are checked and set as the
 * upload route does (setFiles). A file under another field, or a file field posted as text, is a 400.
 */
async function applyFiles(
  page: PageState,
  fields: readonly [string, string][],
  files: ReadonlyMap<string, File[]>,
  app: AppContext
): Promise<void> {
  const kindOf = (name: string) => {
    const f = parseFieldName(name)
    const rec = f && page.get(f.id)
    return rec ? formKindOf(app.components.require(rec.kind), f.prop, rec.props) : null
  }
  for (const [name, value] of fields) {
    if (value !== '' && kindOf(name) === 'file' && !files.has(name))
      throw new RequestError(
        `The form field '${name.slice(0, 120)}' must hold a file: the page's form posts it as ` +
          'multipart/form-data.'
      )
  }
  for (const [name, list] of files) {
    if (kindOf(name) !== 'file')
      throw new RequestError(`The form field '${name.slice(0, 120)}' is not a file field of the page.`)
    await setFiles(page, parseFieldName(name)!.id, list)
  }
}
