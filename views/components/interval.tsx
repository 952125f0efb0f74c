/**
 * @module interval
 * `dcc.Interval`: a hidden element whose module (static/components/interval.js) counts `n_intervals`
 * up every `interval` ms. A tick waits for the previous tick's request to land (at most one waits:
 * queued and coalesced, never replacing the one in flight); no tick while the tab is hidden, one on
 * its return. docs/components.md, "dcc.Interval", says why.
 */
import { z } from 'zod'
import { defineComponent } from './define.ts'

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

/** The event the module dispatches on the element for a tick. */
export const TICK_EVENT = 'hd-tick'

/** @example <Interval id="interval" interval={1000} /> */
export const Interval = defineComponent({
  name: 'dcc.Interval',
  props: {
    /** Milliseconds between ticks. Default: 1000. */
    interval: z.number().min(1).max(2_147_483_647),
    /** True: no ticks. */
    disabled: z.boolean(),
    /** Ticks so far; a callback may set it (say, back to 0). */
    n_intervals: count.nullable(),
    /** Most ticks: -1 (default) for no limit, 0 for none. */
    max_intervals: z.number().int().min(-1).max(Number.MAX_SAFE_INTEGER),
  },
  browser: {
    n_intervals: { event: TICK_EVENT, read: 'counter', keep: true },
  },
  scripts: [new URL('../../static/components/interval.js', import.meta.url)],
  render: (p) => (
    <div
      id={p.id}
      hidden
      class={['hd-interval', p.className].filter(Boolean).join(' ')}
      data-interval={String(p.interval ?? 1000)}
      data-max-intervals={String(p.max_intervals ?? -1)}
      data-disabled={p.disabled ? 'true' : 'false'}
      data-n-intervals={String(p.n_intervals ?? 0)}
      {...p.hd}
      // Never `replace`: a slow tick's result must land (the module sends no tick while one is in
      // flight; this only backs that up).
      {...(p.hd?.['hx-sync'] ? { 'hx-sync': 'this:queue last' } : {})}
    />
  ),
})

export type IntervalProps = Omit<Parameters<typeof Interval>[0], 'hd'>
