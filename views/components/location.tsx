/**
 * @module location
 * `dcc.Location`: the page's URL as props (`pathname`, `search`, `hash`, `href`). Renders a hidden
 * element; its initial props come from the request URL.
 */
import { defineComponent } from './define.ts'

export interface LocationProps {
  id?: string
  pathname?: string | null
  search?: string | null
  hash?: string | null
  href?: string | null
  /** Kept for Dash compatibility; the URL is always the browser's own. */
  refresh?: boolean
}

/** @example <Location id="url" /> */
export const Location = defineComponent<LocationProps>('dcc.Location', (p) => (
  <div id={p.id} hidden class="hd-location" {...p.hd} />
))
