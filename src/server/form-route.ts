/**
 * @module form-route
 * POST to a page's own URL: the page's form, submitted by a browser without JavaScript (docs/wire.md,
 * "Without JavaScript"). The body (`application/x-www-form-urlencoded`, at most `maxBodyBytes`) holds
 * the form's fields and `hd:state`; src/protocol/form.ts turns them into the update request the JSON
 * route takes, checked the same way (signatures, allow-list, schemas: validate.ts). The callbacks
 * the post starts run as one wave, and the answer is the whole page rendered again (a direct render,
 * not a redirect: the page's state lives in the page, and a redirect would have to put it in the URL).
 */
import type { Context } from 'hono'
import { FORM_STATE_FIELD } from '../protocol/constants.ts'
import { nullProto } from '../protocol/components.ts'
import { RequestError } from '../protocol/errors.ts'
import { formToUpdate } from '../protocol/form.ts'
import { parseUpdateRequest } from '../protocol/request.ts'
import { validateUpdate } from '../protocol/validate.ts'
import type { AppContext } from './context.ts'
import { createEngine } from './engine.ts'
import { readFormState } from './form-state.ts'
import { describePage, pageResponse, streamPage } from './page-route.ts'
import { readBounded } from './upload-route.ts'

export const formTooLarge = (max: number) =>
  `The form is larger than ${max} bytes, the most this app accepts (its \`maxBodyBytes\`). ` +
  'Shorten what you typed.'

export const notForm = (type: string) =>
  `A page's form posts application/x-www-form-urlencoded, not '${type.slice(0, 80) || 'none'}'. ` +
  'The extension sends updates as JSON to the update route (docs/wire.md).'

export const noState = (n: number) =>
  n === 0
    ? "The form has no field 'hd:state': only a page of this app, submitted as rendered, can post here."
    : `The form has ${n} fields 'hd:state'; a page's form has one.`

/** The handler of POST on the app's page paths. */
export function createFormHandler(app: AppContext) {
  const engine = createEngine(app)
  return async function formRoute(c: Context): Promise<Response> {
    const type = c.req.header('content-type') ?? ''
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) throw new RequestError(notForm(type), 415)
    const bytes = await readBounded(c.req.raw, app.options.maxBodyBytes, formTooLarge)
    const fields = [...new URLSearchParams(new TextDecoder().decode(bytes))]
    const states = fields.filter(([name]) => name === FORM_STATE_FIELD)
    if (states.length !== 1) throw new RequestError(noState(states.length))
    const { payload, was } = readFormState(states[0]![1], app)
    const v = validateUpdate(parseUpdateRequest(formToUpdate(fields, payload, was, app)), app)
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
