/**
 * @module location
 * `dcc.Location`: the page's URL as props (`pathname`, `search`, `hash`, `href`). Renders a hidden
 * element. Its props start from the request URL; a change of the URL in the browser (a `dcc.Link`
 * click, back/forward) is an event (`hd-navigate`, sent by static/components/location.js) that
 * fires the callbacks reading them. A callback setting them navigates: with `pushState` when
 * `refresh` is `false` or `'callback-nav'`, with a full page load when `refresh` is `true` (the
 * default, as in Dash).
 */
import { z } from 'zod'
import { defineComponent } from './define.ts'

const urlPart = z.string().max(8192).nullable()
/** The custom event static/components/location.js sends on the element when the URL changed. */
export const NAVIGATE_EVENT = 'hd-navigate'
const fromLocation = { event: NAVIGATE_EVENT, read: 'location', pageLoad: true } as const

/** `data-*` attributes: the URL parts the server holds, compared by the browser module to navigate. */
const urlAttrs = (p: Partial<Record<'pathname' | 'search' | 'hash' | 'href', string | null>>) => {
  const out: Record<string, string> = {}
  for (const k of ['pathname', 'search', 'hash', 'href'])
    if (typeof p[k as keyof typeof p] === 'string') out[`data-${k}`] = p[k as keyof typeof p]!
  return out
}

/** @example <dcc.Location id="url" /> */
export const Location = defineComponent({
  name: 'dcc.Location',
  props: {
    pathname: urlPart,
    search: urlPart,
    hash: urlPart,
    href: urlPart,
    /**
     * When a callback sets the URL: `true` (default) loads the new page; `false` pushes it to the
     * history only; `'callback-nav'` pushes it and fires every Location's callbacks (multi-page apps).
     */
    refresh: z.union([z.boolean(), z.literal('callback-nav')]),
  },
  browser: { pathname: fromLocation, search: fromLocation, hash: fromLocation, href: fromLocation },
  scripts: [new URL('../../static/components/location.js', import.meta.url)],
  render: (p) => (
    <div
      id={p.id}
      hidden
      class="hd-location"
      data-refresh={String(p.refresh ?? true)}
      {...urlAttrs(p)}
      {...p.hd}
    />
  ),
})

export type LocationProps = Omit<Parameters<typeof Location>[0], 'hd'>
