/**
 * @module slider
 * `dcc.Slider`: a native `<input type="range">` inside a wrapper carrying the id, with its marks'
 * labels along the track. `step={null}` snaps to the marks: the browser moves the thumb mark to mark
 * (static/components/slider.js) and the server takes the nearest mark of any value it receives
 * (a page without JavaScript posts any number). Shared parts: ./slider-shared.tsx.
 */
import { z } from 'zod'
import { finite, type Accepted } from '../../src/protocol/components.ts'
import { defineComponent, formAttrs } from './define.ts'
import { frame, sliderFiles, SliderParts, sliderProps, takeValue, thumbAttrs } from './slider-shared.tsx'

export type { Mark } from './slider-shared.tsx'

const wire = finite.nullable()

function accept(v: unknown, p: Record<string, unknown>): Accepted {
  if (v === null) return { ok: true, value: null }
  const r = takeValue(v as number, p)
  return 'problem' in r ? { ok: false, message: r.problem } : { ok: true, value: r.value }
}

/**
 * @example <Slider id="slider-circular" min={0} max={20} marks={{ 0: '0', 20: '20' }} value={3} />
 */
export const Slider = defineComponent({
  name: 'dcc.Slider',
  props: {
    ...sliderProps,
    value: z.number().nullable(),
    /** The value while the handle is being dragged (sent on every move). */
    drag_value: z.number().nullable(),
  },
  browser: {
    value: {
      schema: wire,
      accept,
      event: (p) => (p['updatemode'] === 'drag' ? 'input' : 'change'),
      read: 'number',
      keep: true,
    },
    // Without JavaScript the one native control posts `value`: nothing drags.
    drag_value: { schema: wire, accept, event: 'input', read: 'number', form: null },
  },
  ...sliderFiles,
  render: (p) => {
    const f = frame(p as Record<string, unknown>, 'hd-slider-single', p.value == null ? [] : [p.value])
    return (
      <div id={p.id} {...f} {...p.hd}>
        <input
          {...thumbAttrs(p as Record<string, unknown>, p.value)}
          {...formAttrs(p, 'value')}
          aria-label={p.id}
        />
        <SliderParts p={p as Record<string, unknown>} values={[p.value]} />
      </div>
    )
  },
})

export type SliderProps = Omit<Parameters<typeof Slider>[0], 'hd'>
