/**
 * @module loading
 * `dcc.Loading`: wraps children and shows a spinner while an output inside it is being updated.
 * The extension already marks such outputs `aria-busy="true"` (static/hyperdash.js, `hd-affects`);
 * static/components/loading.js watches that attribute inside the wrapper and shows the spinner after
 * `delay_show` ms, hiding it `delay_hide` ms after the last output landed.
 */
import { z } from 'zod'
import { defineComponent } from './define.ts'

/** Spinner types drawn here; Dash's others (`graph`, `cube`) are accepted and drawn as `default`. */
const DRAWN = new Set(['default', 'circle', 'dot'])
const css = z.record(z.string(), z.union([z.string(), z.number()]))
const ms = z.number().int().min(0).max(600_000)

/** A style object as a `style` attribute value (for the module to apply while loading). */
const styleText = (s: Record<string, string | number>) =>
  Object.entries(s)
    .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${v}`)
    .join(';')

/**
 * @example <Loading id="loading" type="circle" delay_show={300}><div id="out" /></Loading>
 */
export const Loading = defineComponent({
  name: 'dcc.Loading',
  props: {
    children: z.unknown(),
    /** `default`, `circle`, `dot`; Dash's `graph` and `cube` are drawn as `default`. */
    type: z.enum(['default', 'circle', 'dot', 'graph', 'cube']),
    /** Colour of the spinner (any CSS colour). */
    color: z.string().max(64),
    /** Covers the whole page instead of the children. */
    fullscreen: z.boolean(),
    /** Wait this long (ms) before showing the spinner: quick updates show none. Default: 0. */
    delay_show: ms,
    /** Keep the spinner this long (ms) after the outputs landed. Default: 0. */
    delay_hide: ms,
    /** Style of the children while loading; without it they are hidden (as in Dash). */
    overlay_style: css,
    /** Class and style of the wrapper. */
    parent_className: z.string().max(1024),
    parent_style: css,
    /** Only these outputs show the spinner: `{ id: prop or [props] }` (Dash's form; props are not told apart). */
    target_components: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    /** Accepted for Dash compatibility: the first page arrives with its outputs already computed. */
    show_initially: z.boolean(),
    /** `auto` (while busy), `show` (always), `hide` (never). Default: `auto`. */
    display: z.enum(['auto', 'show', 'hide']),
  },
  scripts: [new URL('../../static/components/loading.js', import.meta.url)],
  styles: [new URL('../../static/components/loading.css', import.meta.url)],
  render: (p) => {
    const type = DRAWN.has(p.type ?? 'default') ? (p.type ?? 'default') : 'default'
    const display = p.display ?? 'auto'
    return (
      <div
        id={p.id}
        class={['hd-loading', display === 'show' ? 'hd-loading-active' : '', p.parent_className]
          .filter(Boolean)
          .join(' ')}
        style={p.parent_style}
        data-delay-show={String(p.delay_show ?? 0)}
        data-delay-hide={String(p.delay_hide ?? 0)}
        data-display={display}
        data-targets={p.target_components ? Object.keys(p.target_components).join(' ') : undefined}
        {...p.hd}
      >
        <div
          class="hd-loading-content"
          data-overlay-style={p.overlay_style ? styleText(p.overlay_style) : undefined}
        >
          {p.children as never}
        </div>
        <div
          class={[
            'hd-spinner',
            `hd-spinner-${type}`,
            p.fullscreen ? 'hd-spinner-fullscreen' : '',
            p.className,
          ]
            .filter(Boolean)
            .join(' ')}
          style={
            p.color || p.style
              ? { ...(p.color ? { '--hd-spinner-color': p.color } : {}), ...p.style }
              : undefined
          }
          role="status"
          hidden={display !== 'show'}
        >
          <span class="hd-spinner-shape" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span class="hd-visually-hidden">Loading…</span>
        </div>
      </div>
    )
  },
})

export type LoadingProps = Omit<Parameters<typeof Loading>[0], 'hd'>
