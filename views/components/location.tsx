/**
 * @module location
 * `dcc.Location`: the page's URL as props (`pathname`, `search`, `hash`, `href`). Renders a hidden
 * element; its initial props come from the request URL.
 */
import { z } from 'zod'
import { defineComponent } from './define.ts'

const urlPart = z.string().max(8192).nullable()
const fromLocation = { event: null, read: 'location', pageLoad: true } as const

/** @example <Location id="url" /> */
export const Location = defineComponent({
  name: 'dcc.Location',
  props: {
    pathname: urlPart,
    search: urlPart,
    hash: urlPart,
    href: urlPart,
    /** Kept for Dash compatibility; the URL is always the browser's own. */
    refresh: z.boolean(),
  },
  browser: { pathname: fromLocation, search: fromLocation, hash: fromLocation, href: fromLocation },
  render: (p) => <div id={p.id} hidden class="hd-location" {...p.hd} />,
})

export type LocationProps = Omit<Parameters<typeof Location>[0], 'hd'>
