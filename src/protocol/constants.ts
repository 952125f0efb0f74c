/**
 * @module constants
 * The wire contract's names: routes, attributes, headers, swap styles. Each one is used by the server
 * (src/) and by the client extension (static/hyperdash.js), which spells them the same way.
 */

/** The update route, relative to the app's base path. */
export const UPDATE_PATH = '/_hd/update'
/** The upload route (dcc.Upload's multipart requests), relative to the app's base path. */
export const UPLOAD_PATH = '/_hd/upload'
/** Attribute of an element whose requests carry its file inputs' files (multipart, to UPLOAD_PATH). */
export const UPLOAD_ATTR = 'hd-upload'
/** Header the extension sets on upload requests: a cross-site form cannot send it (CSRF). */
export const UPLOAD_HEADER = 'HD-Upload'
/** Static files (htmx, its SSE extension, our extension, CSS), relative to the base path. */
export const STATIC_PREFIX = '/_hd/static'

/** Attribute holding a component's kind and server-owned props as JSON (signed, see state.ts). */
export const STATE_ATTR = 'data-hd'
/** Attribute holding the HMAC of `STATE_ATTR`. */
export const SIG_ATTR = 'data-hd-sig'
/**
 * Attribute listing the props this element's events change, each with its DOM event:
 * `value:input n_clicks:click n_clicks_timestamp:click`.
 */
export const TRIGGER_ATTR = 'hd-t'
/** Like {@link TRIGGER_ATTR}, for the props whose events run client-side callbacks in the page. */
export const CLIENT_TRIGGER_ATTR = 'hd-cs'
/** Ids of the outputs an event of this element may change (directly or down the chain): marked busy. */
export const AFFECTS_ATTR = 'hd-affects'
/**
 * Dash's `running` of the callbacks this element's events run, JSON `[[id, prop, whileRunning,
 * whenDone], …]`: the extension sets them when the request leaves and sets them back when it lands.
 */
export const RUNNING_ATTR = 'hd-running'
/**
 * What an event of this element must carry: the components its chain may read or write
 * (src/core/closure.ts), as space-separated ids and selectors (a dict id with `["ALL"]` keys: every
 * live component it matches), `%` and whitespace percent-encoded (src/core/carry.ts, docs/wire.md).
 * Without it, a request carries every live component of the app.
 */
export const CARRY_ATTR = 'hd-carry'
/** Clicks counted by the extension (`n_clicks`); empty when unset (R9). */
export const CLICKS_ATTR = 'data-n-clicks'
/** Milliseconds since the epoch of the last click (`n_clicks_timestamp`). */
export const CLICK_TS_ATTR = 'data-n-clicks-timestamp'

/** The update request's body type (docs/wire.md); anything else is refused with 415. */
export const BODY_TYPE = 'application/json'

/**
 * Our swap style, applied by the extension's `handle_swap`: an OOB `<template id=X hx-swap-oob="hd">`
 * updates element X: `hd-children` replaces its children with the template's content, `hd-attrs`
 * (JSON) sets or removes attributes, `hd-morph` morphs X into the template's single child.
 * @see https://four.htmx.org/extensions/building — `handle_swap`
 */
export const SWAP_STYLE = 'hd'
/** On an OOB template: the callbacks (indexes) whose results it carries, for "latest wins" (R16). */
export const CALLBACK_ATTR = 'hd-cb'
/** A `<template hd-meta>` in a response: JSON `{ deferred: [[index, [changed keys]]] }`. */
export const META_ATTR = 'hd-meta'

/** A batch of late initial results at the end of a streamed first page: `<template hd-late>`. */
export const LATE_ATTR = 'hd-late'

/** The field of a page's form holding the signed state of its components (no-JS form posts, form.ts). */
export const FORM_STATE_FIELD = 'hd:state'
/** The field a live `<button>` submits its id in, when the form posts without JavaScript. */
export const FORM_CLICK_FIELD = 'hd:click'
/**
 * The field the page form's first, hidden submit button posts: Enter in a text field presses it
 * (implicit submission), so the server counts that field's `n_submit` (form.ts).
 */
export const FORM_SUBMIT_FIELD = 'hd:submit'
/** The class of the form an app root holds: the extension stops its native submission. */
export const FORM_CLASS = 'hd-form'
