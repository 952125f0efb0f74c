/**
 * @module slider
 * `dcc.Slider`: a native `<input type="range">` inside a wrapper carrying the id, with its marks'
 * labels under the track.
 */
import { z } from 'zod'
import { finite } from '../../src/protocol/components.ts'
import { defineComponent } from './define.ts'

export type Mark = string | { label: string; style?: Record<string, string | number> }
const mark: z.ZodType<Mark> = z.union([
  z.string(),
  z.object({ label: z.string(), style: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
])

const bounded = new Map<string, z.ZodType>()
/** The value check of a slider with these bounds, built once per pair of bounds. */
function valueWithin(p: Record<string, unknown>): z.ZodType {
  const min = typeof p['min'] === 'number' ? p['min'] : -Infinity
  const max = typeof p['max'] === 'number' ? p['max'] : Infinity
  const key = `${min}:${max}`
  let schema = bounded.get(key)
  if (!schema) {
    if (bounded.size > 1000) bounded.clear()
    schema = finite.min(min).max(max).nullable()
    bounded.set(key, schema)
  }
  return schema
}

/**
 * @example <Slider id="slider-circular" min={0} max={20} marks={{ 0: '0', 20: '20' }} value={3} />
 */
export const Slider = defineComponent({
  name: 'dcc.Slider',
  props: {
    min: z.number(),
    max: z.number(),
    step: z.number().nullable(),
    /** Labels under the track, keyed by value. */
    marks: z.record(z.union([z.number(), z.string()]), mark).nullable(),
    value: z.number().nullable(),
    disabled: z.boolean(),
    /** `mouseup` (default): the value changes when the handle is released; `drag`: while dragging. */
    updatemode: z.enum(['mouseup', 'drag']),
  },
  browser: {
    value: {
      schema: valueWithin,
      event: (p) => (p['updatemode'] === 'drag' ? 'input' : 'change'),
      read: 'number',
      keep: true,
    },
  },
  render: (p) => {
    const min = p.min ?? 0
    const max = p.max ?? 10
    const span = max - min || 1
    const marks = Object.entries(p.marks ?? {})
      .map(([k, m]) => ({ at: Number(k), label: typeof m === 'string' ? m : m.label }))
      .filter((m) => Number.isFinite(m.at))
      .sort((a, b) => a.at - b.at)
    return (
      <div id={p.id} class={['hd-slider', p.className].filter(Boolean).join(' ')} style={p.style} {...p.hd}>
        <input
          type="range"
          min={min}
          max={max}
          step={p.step === null ? 'any' : (p.step ?? 1)}
          value={p.value == null ? undefined : String(p.value)}
          disabled={p.disabled}
          aria-label={p.id}
        />
        {marks.length > 0 && (
          <div class="hd-slider-marks" aria-hidden="true">
            {marks.map((m) => (
              <span class="hd-slider-mark" style={{ left: `${((m.at - min) / span) * 100}%` }}>
                {m.label}
              </span>
            ))}
          </div>
        )}
      </div>
    )
  },
})

export type SliderProps = Omit<Parameters<typeof Slider>[0], 'hd'>
