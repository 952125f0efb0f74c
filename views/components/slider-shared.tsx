/**
 * @module slider-shared
 * What dcc.Slider and dcc.RangeSlider share: their props' schemas (Dash's names), the marks, the
 * value checks (within bounds, on the step, snapped to the nearest mark when `step` is null), and
 * the markup around the native `<input type="range">` thumbs: track, marks, dots and tooltips.
 * The browser half is static/components/slider.js.
 */
import type { JSX } from 'hono/jsx/jsx-runtime'
import { z } from 'zod'
import { numberProblem } from './constraints.ts'

export type Mark = string | { label: string; style?: Record<string, string | number> }
const styleRecord = z.record(z.string(), z.union([z.string(), z.number()]))
const mark: z.ZodType<Mark> = z.union([
  z.string(),
  z.object({ label: z.string(), style: styleRecord.optional() }),
])

/** Dash's `tooltip`: `{ always_visible, placement, template }` (`{value}` in the template is the value). */
export const tooltip = z.object({
  always_visible: z.boolean().optional(),
  placement: z
    .enum(['left', 'right', 'top', 'bottom', 'topLeft', 'topRight', 'bottomLeft', 'bottomRight'])
    .optional(),
  template: z.string().max(200).optional(),
  style: styleRecord.optional(),
})
export type Tooltip = z.output<typeof tooltip>

/** The props both sliders have. */
export const sliderProps = {
  min: z.number(),
  max: z.number(),
  /** The value's step. `null`: the value snaps to the marks. Default: 1 when min and max are integers. */
  step: z.number().positive().nullable(),
  /** Labels along the track, keyed by value. */
  marks: z.record(z.union([z.number(), z.string()]), mark).nullable(),
  disabled: z.boolean(),
  /** `mouseup` (default): the value changes when the handle is released; `drag`: while dragging. */
  updatemode: z.enum(['mouseup', 'drag']),
  tooltip,
  vertical: z.boolean(),
  /** Height in px of a vertical slider (default 400). */
  verticalHeight: z.number().positive(),
  /** `false`: no filled part of the track. */
  included: z.boolean(),
  /** A dot at every step. */
  dots: z.boolean(),
}

type P = Record<string, unknown>
const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d)
export const minOf = (p: P) => num(p['min'], 0)
export const maxOf = (p: P) => num(p['max'], 10)

/** The marks, sorted by value, with their labels. */
export function markList(p: P): { at: number; label: string; style?: Record<string, string | number> }[] {
  const marks = (p['marks'] ?? {}) as Record<string, Mark>
  return Object.entries(marks)
    .map(([k, m]) => ({
      at: Number(k),
      label: typeof m === 'string' ? m : m.label,
      style: typeof m === 'string' ? undefined : m.style,
    }))
    .filter((m) => Number.isFinite(m.at))
    .sort((a, b) => a.at - b.at)
}

/** The values a `step={null}` slider may take: its marks within min and max. */
export const snapPoints = (p: P) =>
  markList(p)
    .map((m) => m.at)
    .filter((at) => at >= minOf(p) && at <= maxOf(p))

/** Does the value snap to the marks (`step` null and marks given)? */
export const snaps = (p: P) => p['step'] === null && snapPoints(p).length > 0

/** Dash's step: as given, 1 when unset and min and max are integers, else any (`undefined`). */
export function stepOf(p: P): number | undefined {
  if (typeof p['step'] === 'number') return p['step']
  if (p['step'] === null) return undefined
  return Number.isInteger(minOf(p)) && Number.isInteger(maxOf(p)) ? 1 : undefined
}

/** The nearest mark to `v` (the first of two at the same distance). */
export function nearestMark(v: number, marks: readonly number[]): number {
  let best = marks[0]!
  for (const m of marks) if (Math.abs(m - v) < Math.abs(best - v)) best = m
  return best
}

/**
 * A value from the browser as the slider takes it: snapped to the nearest mark when `step` is null
 * (a page without JavaScript posts any number), or a reason to refuse it (outside min/max, off step).
 */
export function takeValue(v: number, p: P): { value: number } | { problem: string } {
  const problem = numberProblem(v, { min: minOf(p), max: maxOf(p), step: stepOf(p) })
  if (problem) return { problem }
  if (snaps(p)) return { value: nearestMark(v, snapPoints(p)) }
  return { value: v }
}

const pct = (v: number, p: P) => {
  const min = minOf(p)
  const span = maxOf(p) - min || 1
  return Math.min(100, Math.max(0, ((v - min) / span) * 100))
}
const fmt = (n: number) => `${Math.round(n * 1000) / 1000}%`

/** The tooltip's text for a value: the template with `{value}` replaced. */
export const tooltipText = (v: number, t: Tooltip | undefined) =>
  (t?.template ?? '{value}').split('{value}').join(String(v))

/** Classes and CSS variables of the wrapper: where the filled part of the track starts and ends. */
export function frame(p: P, kind: string, values: number[]) {
  const vertical = p['vertical'] === true
  const lo = values.length > 1 ? Math.min(...values) : minOf(p)
  const hi = values.length ? Math.max(...values) : minOf(p)
  const style: Record<string, string> = {
    ...((p['style'] ?? {}) as Record<string, string>),
    '--hd-lo': fmt(pct(lo, p)),
    '--hd-hi': fmt(pct(hi, p)),
  }
  if (vertical) style['height'] = `${num(p['verticalHeight'], 400)}px`
  const cls = [
    'hd-slider',
    kind,
    vertical ? 'hd-slider-vertical' : '',
    p['included'] === false ? 'hd-slider-excluded' : '',
    p['className'],
  ]
  return {
    class: cls.filter(Boolean).join(' '),
    style,
    'data-snap': snaps(p) ? JSON.stringify(snapPoints(p)) : undefined,
    'data-template': (p['tooltip'] as Tooltip | undefined)?.template,
  }
}

/** The native thumb's attributes: bounds, step (`any` when snapping: the module moves it mark to mark). */
export function thumbAttrs(p: P, value: number | null | undefined) {
  const step = stepOf(p)
  const label = value == null ? undefined : markList(p).find((m) => m.at === value)?.label
  return {
    type: 'range',
    min: minOf(p),
    max: maxOf(p),
    step: step ?? 'any',
    value: value == null ? undefined : String(value),
    disabled: p['disabled'] as boolean | undefined,
    'aria-valuetext': label,
  }
}

/** Track, marks, dots and tooltips: the parts around the thumbs, none of them read by screen readers. */
export function SliderParts(props: { p: P; values: (number | null | undefined)[] }): JSX.Element {
  const { p, values } = props
  const vertical = p['vertical'] === true
  const side = vertical ? 'bottom' : 'left'
  const marks = markList(p).filter((m) => m.at >= minOf(p) && m.at <= maxOf(p))
  const step = stepOf(p)
  const dots =
    p['dots'] === true && step !== undefined && (maxOf(p) - minOf(p)) / step <= 200
      ? Array.from({ length: Math.floor((maxOf(p) - minOf(p)) / step) + 1 }, (_, i) => minOf(p) + i * step)
      : []
  const t = p['tooltip'] as Tooltip | undefined
  return (
    <>
      <div class="hd-slider-track" aria-hidden="true" />
      {(marks.length > 0 || dots.length > 0 || t) && (
        <div class="hd-slider-rail" aria-hidden="true">
          {dots.map((d) => (
            <span class="hd-slider-dot" style={{ [side]: fmt(pct(d, p)) }} />
          ))}
          {marks.length > 0 && (
            <div class="hd-slider-marks">
              {marks.map((m) => (
                <span
                  class="hd-slider-mark"
                  data-at={String(m.at)}
                  style={{ ...m.style, [side]: fmt(pct(m.at, p)) }}
                >
                  {m.label}
                </span>
              ))}
            </div>
          )}
          {t &&
            values.map((v) => (
              <output
                class={['hd-slider-tooltip', t.always_visible ? 'hd-always' : ''].filter(Boolean).join(' ')}
                data-placement={t.placement ?? (vertical ? 'right' : 'top')}
                style={{ ...t.style, [side]: fmt(pct(v ?? minOf(p), p)) }}
              >
                {v == null ? '' : tooltipText(v, t)}
              </output>
            ))}
        </div>
      )}
    </>
  )
}

export const sliderFiles = {
  scripts: [new URL('../../static/components/slider.js', import.meta.url)],
  styles: [new URL('../../static/components/slider.css', import.meta.url)],
}
