/**
 * @module slider
 * `dcc.Slider`: a native `<input type="range">` inside a wrapper carrying the id, with its marks'
 * labels under the track.
 */
import { defineComponent, type BaseProps } from './define.ts'

export type Mark = string | { label: string; style?: Record<string, string | number> }

export interface SliderProps extends BaseProps {
  min?: number
  max?: number
  step?: number | null
  /** Labels under the track, keyed by value. */
  marks?: Record<number | string, Mark> | null
  value?: number | null
  disabled?: boolean
  /** `mouseup` (default): the value changes when the handle is released; `drag`: while dragging. */
  updatemode?: 'mouseup' | 'drag'
}

/**
 * @example <Slider id="slider-circular" min={0} max={20} marks={{ 0: '0', 20: '20' }} value={3} />
 */
export const Slider = defineComponent<SliderProps>('dcc.Slider', (p) => {
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
})
