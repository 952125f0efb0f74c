/**
 * @module late
 * The parts of a streamed first page that come after the app root: late initial results (applied by
 * the extension as an update response's swaps) and, for browsers without JavaScript, the finished root.
 */
import { LATE_ATTR } from '../src/protocol/constants.ts'

/**
 * A batch of late results: the same OOB templates as an update response, inert until applied. The
 * newline after it tells the extension the template is complete (parsed up to its end tag).
 */
export const LateResults = (p: { children?: unknown }) => (
  <>
    <template {...{ [LATE_ATTR]: '' }}>{p.children as never}</template>
    {'\n'}
  </>
)

/**
 * The finished app root for a browser without JavaScript (inert text when scripts run). Its
 * stylesheet hides the first, unfinished root, so the page reads as one.
 */
export const NoScriptRoot = (p: { stylesheet: string; children?: unknown }) => (
  <noscript>
    <link rel="stylesheet" href={p.stylesheet} />
    <div class="hd-nojs-final">{p.children as never}</div>
  </noscript>
)
