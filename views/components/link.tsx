/**
 * @module link
 * `dcc.Link`: a real `<a href>` (a full page load without JavaScript). With its browser module
 * (static/components/link.js), a plain click on a same-origin link without `target` pushes the URL to
 * the history instead, and the `dcc.Location` callbacks reading the URL run in one request; back and
 * forward run them again. `refresh` makes it a plain link.
 */
import { jsx } from 'hono/jsx'
import { z } from 'zod'
import { hdSpecOf, isNode } from '../tree.ts'
import { BLOCKED_URL, isScriptUrl, safeUrls } from '../render.ts'
import { defineComponent } from './define.ts'

/** Prints expanded children (text, elements, components no callback involves) as they are. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain)
  if (!isNode(v)) return v
  const render = hdSpecOf(v.tag)?.render
  if (render) return render({ ...v.props, children: v.children.length ? v.children : undefined })
  if (typeof v.tag !== 'string') return v
  const props = safeUrls({ ...v.props })
  delete props['children']
  return jsx(v.tag, props, ...(v.children.map(plain) as never[]))
}

/** @example <dcc.Link href="/analytics">Analytics</dcc.Link> */
export const Link = defineComponent({
  name: 'dcc.Link',
  props: {
    /** Where it goes; a `javascript:` URL is refused (rendered as `about:blank`), as in Dash. */
    href: z.string().max(8192),
    /** `true`: a plain link, the browser loads the page. Default: false. */
    refresh: z.boolean(),
    /** Where to open it (`_blank`…); a link with a target other than `_self` is a plain link. */
    target: z.string(),
    title: z.string(),
    /** What the link shows; default: its `href`. */
    children: z.unknown(),
  },
  scripts: [new URL('../../static/components/link.js', import.meta.url)],
  render: (p) => {
    const href = p.href == null ? undefined : isScriptUrl(p.href) ? BLOCKED_URL : p.href
    return (
      <a
        id={p.id}
        href={href}
        class={p.className}
        style={p.style}
        title={p.title}
        target={p.target}
        data-hd-link={p.refresh ? undefined : ''}
        {...p.hd}
      >
        {(p.children == null ? href : plain(p.children)) as never}
      </a>
    )
  },
})

export type LinkProps = Omit<Parameters<typeof Link>[0], 'hd'>
