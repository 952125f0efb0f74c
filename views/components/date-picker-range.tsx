/**
 * @module date-picker-range
 * `dcc.DatePickerRange`: two native `<input type="date">` (start, end) in a wrapper carrying the id.
 * `start_date` and `end_date` are ISO `YYYY-MM-DD` strings or null. The end input cannot go before
 * the start (its `min` follows the start date); the server refuses an end before the start with a 422.
 * Dash's own calendar swaps the two when the second click is earlier; a native picker never offers it.
 */
import { z } from 'zod'
import type { Accepted } from '../../src/protocol/components.ts'
import { pickerFiles, pickerProps } from './date-picker-single.tsx'
import { acceptDate, boundsOf, shownDate, wireDate } from './dates.ts'
import { defineComponent, formAttrs } from './define.ts'

const date = z.string().max(64)

/** One end of the range: a date the picker allows, on the right side of the other end (if sent). */
function acceptEnd(which: 'start_date' | 'end_date') {
  return (value: unknown, p: Record<string, unknown>): Accepted => {
    const r = acceptDate(value, p)
    if (!r.ok || r.value === null) return r
    const other = shownDate(p[which === 'start_date' ? 'end_date' : 'start_date'])
    if (other === undefined) return r
    const [start, end] = which === 'start_date' ? [r.value as string, other] : [other, r.value as string]
    if (end < start) return { ok: false, message: `end_date ${end} is before start_date ${start}` }
    return r
  }
}

/**
 * @example <DatePickerRange id="period" start_date="2024-05-01" end_date="2024-05-08" />
 */
export const DatePickerRange = defineComponent({
  name: 'dcc.DatePickerRange',
  props: {
    start_date: date.nullable(),
    end_date: date.nullable(),
    ...pickerProps,
    /** Accessible names of the two inputs (Dash's defaults). */
    start_date_placeholder_text: z.string(),
    end_date_placeholder_text: z.string(),
    /** `singledate` (default): sent when either date changes; `bothdates`: once both are set. */
    updatemode: z.enum(['singledate', 'bothdates']),
  },
  browser: {
    start_date: {
      schema: wireDate,
      accept: acceptEnd('start_date'),
      event: 'change',
      read: 'date-range',
      form: 'text',
      keep: true,
    },
    end_date: {
      schema: wireDate,
      accept: acceptEnd('end_date'),
      event: 'change',
      read: 'date-range',
      form: 'text',
      keep: true,
    },
  },
  ...pickerFiles,
  render: (p) => {
    const b = boundsOf(p as Record<string, unknown>)
    const start = shownDate(p.start_date)
    const end = shownDate(p.end_date)
    return (
      <div
        id={p.id}
        class={['hd-datepicker', 'hd-datepicker-range', p.className].filter(Boolean).join(' ')}
        style={p.style}
        role="group"
        aria-label="Date range"
        data-min={b.min}
        data-max={b.max}
        data-updatemode={p.updatemode}
        data-disabled-days={b.disabled.size ? JSON.stringify([...b.disabled]) : undefined}
        {...p.hd}
      >
        <input
          type="date"
          data-part="start"
          {...formAttrs(p, 'start_date')}
          value={start}
          min={b.min}
          max={end ?? b.max}
          disabled={p.disabled}
          aria-label={p.start_date_placeholder_text ?? 'Start Date'}
          data-last={start ?? ''}
        />
        <span class="hd-datepicker-arrow" aria-hidden="true">
          →
        </span>
        <input
          type="date"
          data-part="end"
          {...formAttrs(p, 'end_date')}
          value={end}
          min={start ?? b.min}
          max={b.max}
          disabled={p.disabled}
          aria-label={p.end_date_placeholder_text ?? 'End Date'}
          data-last={end ?? ''}
        />
        {p.clearable && (
          <button type="button" class="hd-datepicker-clear" aria-label="Clear dates" disabled={p.disabled}>
            ×
          </button>
        )}
        <span class="hd-datepicker-msg" role="status" />
      </div>
    )
  },
})

export type DatePickerRangeProps = Omit<Parameters<typeof DatePickerRange>[0], 'hd'>
