/**
 * @module range-slider
 * `dcc.RangeSlider`: one native `<input type="range">` per handle, overlaid on one track, in a
 * wrapper carrying the id. `value` is `[lo, hi]` (or more handles), always sent sorted. The server
 * checks each handle (within bounds, on the step, snapped to a mark with `step={null}`), refuses an
 * unsorted value when `allowCross` is false and handles closer than `pushable`. The browser half
 * (static/components/slider.js) keeps the handles apart and reads them.
 */
import { z } from 'zod'
import { finite, type Accepted } from '../../src/protocol/components.ts'
import { defineComponent, formAttrs } from './define.ts'
import {
  frame,
  maxOf,
  minOf,
  sliderFiles,
  SliderParts,
  sliderProps,
  takeValue,
  thumbAttrs,
} from './slider-shared.tsx'

const wire = z.array(finite).min(1).max(100).nullable()

/** The accessible name of handle `i` of `n`. */
export const handleLabel = (i: number, n: number) =>
  n === 2 ? (i === 0 ? 'Lower bound' : 'Upper bound') : `Handle ${i + 1} of ${n}`

function accept(v: unknown, p: Record<string, unknown>): Accepted {
  if (v === null) return { ok: true, value: null }
  const out: number[] = []
  for (const [i, x] of (v as number[]).entries()) {
    const r = takeValue(x, p)
    if ('problem' in r) return { ok: false, message: `handle ${i + 1}: ${r.problem}` }
    out.push(r.value)
  }
  const sorted = out.every((x, i) => i === 0 || out[i - 1]! <= x)
  const pushable = p['pushable']
  if (!sorted && (p['allowCross'] === false || (pushable !== undefined && pushable !== false)))
    return { ok: false, message: `[${out.join(', ')}] is not in order, and the handles may not cross` }
  out.sort((a, b) => a - b)
  const gap = typeof pushable === 'number' ? pushable : null
  if (gap !== null) {
    for (let i = 1; i < out.length; i++)
      if (out[i]! - out[i - 1]! < gap - 1e-9)
        return { ok: false, message: `handles ${out[i - 1]} and ${out[i]} are closer than pushable (${gap})` }
  }
  return { ok: true, value: out }
}

/**
 * @example <RangeSlider id="price-range" min={0} max={100} step={5} value={[20, 60]} />
 */
export const RangeSlider = defineComponent({
  name: 'dcc.RangeSlider',
  props: {
    ...sliderProps,
    value: z.array(z.number()).nullable(),
    drag_value: z.array(z.number()).nullable(),
    /** `true` (default, as rc-slider's): a handle may pass another; the value is still sent sorted. */
    allowCross: z.boolean(),
    /** Handles push each other instead of crossing; a number: the least distance between them. */
    pushable: z.union([z.boolean(), z.number().min(0)]),
    /** Handles when no `value` is given: `count + 1` (Dash's meaning). */
    count: z.number().int().min(1).max(99),
  },
  browser: {
    value: {
      schema: wire,
      accept,
      event: (p) => (p['updatemode'] === 'drag' ? 'input' : 'change'),
      read: 'range-slider',
      // Without JavaScript each handle posts its number under the one name.
      form: 'numbers',
      keep: true,
    },
    drag_value: { schema: wire, accept, event: 'input', read: 'range-slider' },
  },
  ...sliderFiles,
  render: (p) => {
    const props = p as Record<string, unknown>
    const n = p.value?.length || (p.count ?? 1) + 1
    // No value yet: the handles spread from min to max (the callbacks still read null, R9).
    const [lo, hi] = [minOf(props), maxOf(props)]
    const values = p.value?.length
      ? p.value
      : Array.from({ length: n }, (_, i) => (n > 1 ? lo + ((hi - lo) * i) / (n - 1) : lo))
    const f = frame(props, 'hd-range-slider', values)
    return (
      <div
        id={p.id}
        {...f}
        role="group"
        aria-label={p.id}
        data-allow-cross={p.allowCross === false ? 'false' : undefined}
        data-pushable={p.pushable === undefined || p.pushable === false ? undefined : String(p.pushable)}
        {...p.hd}
      >
        {values.map((v, i) => (
          <input {...thumbAttrs(props, v)} {...formAttrs(p, 'value')} aria-label={handleLabel(i, n)} />
        ))}
        <SliderParts p={props} values={values} />
      </div>
    )
  },
})

export type RangeSliderProps = Omit<Parameters<typeof RangeSlider>[0], 'hd'>
