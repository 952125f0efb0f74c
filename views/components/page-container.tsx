/**
 * @module page-container
 * The page container of a multi-page app (Dash's `dash.page_container`): a `dcc.Location` that
 * navigates without reloading (`refresh: 'callback-nav'`), the content the router callback fills
 * with the current page (focusable, so navigation can move focus there), and `PageMeta`, the page's
 * title, description and image, which its browser module (static/components/pages.js) copies to the
 * document's `<title>` and meta tags after each navigation. The ids are fixed (src/server/pages.ts).
 */
import { z } from 'zod'
import { defineComponent } from './define.ts'
import { Location } from './location.tsx'

const text = z.string().max(8192).nullable()

/** The current page's title, description and image, read by static/components/pages.js. */
export const PageMeta = defineComponent({
  name: 'hd.PageMeta',
  props: { title: text, description: text, image: text },
  scripts: [new URL('../../static/components/pages.js', import.meta.url)],
  render: (p) => (
    <div
      id={p.id}
      hidden
      class="hd-page-meta"
      data-title={p.title ?? undefined}
      data-description={p.description ?? undefined}
      data-image={p.image ?? undefined}
      {...p.hd}
    />
  ),
})

export interface PageContainerProps {
  /** The id of the element wrapping the container. Default: `page-container`. */
  id?: string
  className?: string
  style?: Record<string, string | number>
}

/**
 * Put it in the app's layout where the pages go.
 * @example <div><nav>…</nav><PageContainer id="page-content" /></div>
 */
export const PageContainer = (p: PageContainerProps) => (
  <div
    id={p.id ?? 'page-container'}
    class={['hd-page-container', p.className].filter(Boolean).join(' ')}
    style={p.style}
  >
    <Location id="_pages_location" refresh="callback-nav" />
    <div id="_pages_content" class="hd-page-content" tabindex={-1} />
    <PageMeta id="_pages_meta" />
  </div>
)
