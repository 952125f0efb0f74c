/**
 * @module tabs
 * `dcc.Tabs` / `dcc.Tab`: the WAI-ARIA tabs pattern. `value` (the selected tab's value) is an Input:
 * a callback can render the content elsewhere (Dash's "content as callback"), or each Tab holds its
 * content and every panel is on the page, toggled in the browser with no round trip (callbacks on
 * `value` still fire). The tab list (the element with the id) is one component; the panels are plain
 * elements next to it, so components inside a Tab take part in callbacks like any other.
 *
 * Without JavaScript each tab is a link `?<id>=<value>`: the server renders the page with that tab
 * selected (initial calls see it), and the stylesheet shows the selected panel (up to 30 tabs).
 */
import type { JSX } from 'hono/jsx/jsx-runtime'
import { z } from 'zod'
import type { Accepted } from '../../src/protocol/components.ts'
import { element } from '../html.ts'
import { defineComponent } from './define.ts'

const style = z.record(z.string(), z.union([z.string(), z.number()]))
const tabInfo = z.object({
  label: z.union([z.string(), z.number()]),
  value: z.string(),
  disabled: z.boolean().optional(),
  className: z.string().optional(),
  style: style.optional(),
  selected_className: z.string().optional(),
  selected_style: style.optional(),
  disabled_className: z.string().optional(),
  disabled_style: style.optional(),
  /** True when the Tab has content: a panel is rendered for it. */
  panel: z.boolean().optional(),
})
type TabInfo = z.infer<typeof tabInfo>

/** The event the module dispatches on the tab list when the user selects a tab. */
export const TAB_EVENT = 'hd-tab'

const tabsOf = (p: { tabs?: unknown }) => (Array.isArray(p.tabs) ? (p.tabs as TabInfo[]) : [])
const selectable = (p: { tabs?: unknown }, v: unknown) => tabsOf(p).some((t) => t.value === v && !t.disabled)

function acceptValue(v: unknown, p: Record<string, unknown>): Accepted {
  if (v === null || selectable(p, v)) return { ok: true, value: v }
  return { ok: false, message: `'${String(v).slice(0, 40)}' is not the value of an enabled tab` }
}

/** A tab's style: its own, then disabled, then selected; none when empty. */
function styleOf(t: TabInfo, on: boolean) {
  const s = { ...t.style, ...(t.disabled ? t.disabled_style : {}), ...(on ? t.selected_style : {}) }
  return Object.keys(s).length ? s : undefined
}

const cls = (...c: unknown[]) => c.filter((x) => typeof x === 'string' && x).join(' ')

/** The tab list: the element with the id, whose `value` the browser owns. */
export const TabList = defineComponent({
  name: 'dcc.Tabs',
  props: {
    value: z.string().max(1024).nullable(),
    tabs: z.array(tabInfo).max(200),
    vertical: z.boolean(),
  },
  browser: {
    value: { event: TAB_EVENT, read: 'tabs', keep: true, accept: acceptValue },
  },
  scripts: [new URL('../../static/components/tabs.js', import.meta.url)],
  styles: [new URL('../../static/components/tabs.css', import.meta.url)],
  fromUrl: (p, url, id) => {
    const v = url.searchParams.get(id)
    return v !== null && selectable(p, v) ? { ...p, value: v } : p
  },
  render: (p) => {
    const tabs = tabsOf(p)
    const selected = tabs.findIndex((t) => t.value === p.value)
    return (
      <div
        id={p.id}
        role="tablist"
        aria-orientation={p.vertical ? 'vertical' : 'horizontal'}
        class={cls('hd-tabs', p.vertical && 'hd-tabs-vertical', p.className)}
        style={p.style}
        data-value={p.value ?? ''}
        data-selected={String(selected)}
        {...p.hd}
      >
        {tabs.map((t, i) => {
          const on = i === selected
          return (
            <a
              role="tab"
              id={`${p.id}-tab-${i}`}
              class={cls(
                'hd-tab',
                t.className,
                on && 'hd-tab-selected',
                on && t.selected_className,
                t.disabled && 'hd-tab-disabled',
                t.disabled && t.disabled_className
              )}
              style={styleOf(t, on)}
              href={
                t.disabled ? undefined : `?${encodeURIComponent(p.id ?? '')}=${encodeURIComponent(t.value)}`
              }
              aria-selected={on ? 'true' : 'false'}
              aria-controls={t.panel ? `${p.id}-panel-${i}` : undefined}
              aria-disabled={t.disabled ? 'true' : undefined}
              tabindex={on || (selected < 0 && i === 0) ? 0 : -1}
              data-value={t.value}
            >
              {t.label}
            </a>
          )
        })}
      </div>
    )
  },
})

export interface TabProps {
  /** The tab's text. */
  label?: string | number
  /** Its value; default `tab-<n>` (its position, from 1). */
  value?: string
  disabled?: boolean
  className?: string
  style?: Record<string, string | number>
  selected_className?: string
  selected_style?: Record<string, string | number>
  disabled_className?: string
  disabled_style?: Record<string, string | number>
  /** Its content: shown while it is selected. */
  children?: unknown
}

/** A tab's content, when a Tab is rendered outside Tabs. */
function TabContent(props: TabProps) {
  return <>{props.children}</>
}

/** One tab of a {@link Tabs}: `label`, `value`, `disabled`, and its content as children. */
export const Tab = ((a?: unknown, b?: Record<string, unknown>) => element(TabContent, a, b)) as unknown as (
  props: TabProps
) => JSX.Element

export interface TabsProps {
  id: string
  /** The selected tab's value. Default: the first tab's. */
  value?: string | null
  /** Tabs above each other, content beside them. */
  vertical?: boolean
  /** Classes and style of the tab list. */
  className?: string
  style?: Record<string, string | number>
  /** Classes and style of the element around the tab list and the content. */
  parent_className?: string
  parent_style?: Record<string, string | number>
  /** Classes and style of the content area. */
  content_className?: string
  content_style?: Record<string, string | number>
  /** `dcc.Tab`s. */
  children?: unknown
}

type AnyNode = { tag: unknown; props: Record<string, unknown>; children?: unknown[] }
const isTab = (n: unknown): n is AnyNode =>
  typeof n === 'object' && n !== null && ((n as AnyNode).tag === Tab || (n as AnyNode).tag === TabContent)
const flat = (v: unknown): unknown[] => (Array.isArray(v) ? v.flatMap(flat) : v == null ? [] : [v])
const contentOf = (n: AnyNode): unknown[] =>
  n.children && n.children.length ? flat(n.children) : flat(n.props['children'])

function TabsBody(p: TabsProps) {
  const kids = flat(p.children).filter(isTab)
  const tabs: TabInfo[] = kids.map((k, i) => {
    const t = k.props as TabProps
    return {
      label: t.label ?? '',
      value: t.value ?? `tab-${i + 1}`,
      ...(t.disabled && { disabled: true }),
      ...(t.className && { className: t.className }),
      ...(t.style && { style: t.style }),
      ...(t.selected_className && { selected_className: t.selected_className }),
      ...(t.selected_style && { selected_style: t.selected_style }),
      ...(t.disabled_className && { disabled_className: t.disabled_className }),
      ...(t.disabled_style && { disabled_style: t.disabled_style }),
      ...(contentOf(k).length > 0 && { panel: true }),
    }
  })
  const value = p.value ?? tabs[0]?.value ?? 'tab-1'
  return (
    <div
      class={cls('hd-tabs-parent', p.vertical && 'hd-tabs-parent-vertical', p.parent_className)}
      style={p.parent_style}
    >
      <TabList
        id={p.id}
        value={value}
        tabs={tabs}
        vertical={p.vertical}
        className={p.className}
        style={p.style}
      />
      {tabs.some((t) => t.panel) && (
        <div class={cls('hd-tabs-content', p.content_className)} style={p.content_style}>
          {kids.map((k, i) =>
            tabs[i]!.panel ? (
              <div
                role="tabpanel"
                class="hd-tab-panel"
                id={`${p.id}-panel-${i}`}
                aria-labelledby={`${p.id}-tab-${i}`}
                data-index={String(i)}
                tabindex={0}
              >
                {contentOf(k)}
              </div>
            ) : null
          )}
        </div>
      )}
    </div>
  )
}

/**
 * Tabs: a tab list and the selected tab's content.
 * @example
 * <Tabs id="tabs" value="overview">
 *   <Tab label="Overview" value="overview" />
 *   <Tab label="Details" value="details"><p>…</p></Tab>
 * </Tabs>
 */
export const Tabs = Object.assign((a?: unknown, b?: Record<string, unknown>) => element(TabsBody, a, b), {
  definitions: [TabList] as const,
}) as unknown as ((props: TabsProps) => JSX.Element) & { definitions: readonly [typeof TabList] }
