/**
 * @module form-state
 * The page's `hd:state` field (src/protocol/form.ts): every live component's signed state (as its
 * `data-hd`) and every component's props as the page shows them, the whole signed once, so a page
 * posted without JavaScript can be rendered again whole (the server keeps nothing between requests).
 * Props travel in isolate-codec's encoding: JSX children and raw HTML survive the trip.
 */
import { z } from 'zod'
import type { ComponentRecord, PageState } from '../core/page.ts'
import { stateAttrs, type AttrOptions } from '../protocol/attrs.ts'
import { SIG_ATTR, STATE_ATTR } from '../protocol/constants.ts'
import { RequestError } from '../protocol/errors.ts'
import { formKindOf, formPayload, type FormPayload } from '../protocol/form.ts'
import type { Signer } from '../protocol/state.ts'
import type { ComponentRegistry } from '../protocol/components.ts'
import { decodeValue, encodeValue } from './isolate-codec.ts'

/** What the payload is signed as: no component's state JSON starts `{"form":`, so neither passes for the other. */
const SIGNED_AS = 'hd:form'
/** Between the signature and the payload: never in a signature (base 36, `.`, base64url). */
const SEP = '~'

/** The value of `hd:state` for a page: `<signature>~<payload JSON>`. */
export async function formState(page: PageState, o: AttrOptions): Promise<string> {
  const payload: FormPayload = { form: 1, components: {}, props: {} }
  for (const rec of page.records()) {
    const attrs = stateAttrs(rec, o)
    payload.components[rec.id] = { state: attrs[STATE_ATTR]!, sig: attrs[SIG_ATTR]!, parent: rec.parent }
    payload.props[rec.id] = (await encodeValue(shownProps(rec, o))) as Record<string, unknown>
  }
  const json = JSON.stringify(payload)
  return `${o.signer.sign(SIGNED_AS, json)}${SEP}${json}`
}

/**
 * The props the state keeps: all but the files' `contents` of a dcc.Upload (a file field), which a
 * callback gets once, with the post that sends them, as through the upload route: kept, they would
 * travel back with every later post.
 */
function shownProps(rec: ComponentRecord, o: AttrOptions): Record<string, unknown> {
  const spec = o.components.require(rec.kind)
  if (rec.props['contents'] === undefined || formKindOf(spec, 'contents', rec.props) !== 'file')
    return rec.props
  const { contents: _, ...rest } = rec.props
  return rest
}

/**
 * Checks `hd:state`'s signature and shape; returns the payload and each component's props as the
 * page showed them. A 400 {@link RequestError} names what is wrong; state past its age is a 409.
 */
export function readFormState(
  value: string,
  o: { signer: Signer; components: ComponentRegistry }
): { payload: FormPayload; was: Record<string, Record<string, unknown>> } {
  const at = value.indexOf(SEP)
  const sig = value.slice(0, at)
  const json = value.slice(at + 1)
  if (at <= 0 || !o.signer.verify(SIGNED_AS, json, sig)) {
    throw new RequestError(
      "The page's state (the form field hd:state) has a wrong signature: it was altered, or signed " +
        'with another secret. Reload the page; if several server processes serve this app, give them ' +
        'the same HYPERDASH_SECRET.'
    )
  }
  const parsed = formPayload.safeParse(JSON.parse(json))
  if (!parsed.success)
    throw new RequestError(`The page's state (hd:state) is malformed:\n${z.prettifyError(parsed.error)}`)
  const was: Record<string, Record<string, unknown>> = Object.create(null)
  for (const [id, props] of Object.entries(parsed.data.props))
    was[id] = decodeValue(props, o.components) as Record<string, unknown>
  return { payload: parsed.data, was }
}
