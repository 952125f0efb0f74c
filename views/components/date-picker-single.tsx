/**
 * @module date-picker-single
 * `dcc.DatePickerSingle`: a native `<input type="date">` (the browser's own calendar and keyboard
 * entry) in a wrapper carrying the id. `date` is an ISO `YYYY-MM-DD` string or null. The browser
 * keeps the date within `min_date_allowed`/`max_date_allowed` and refuses `disabled_days` (a small
 * module: native inputs cannot disable single days); the server checks the same and answers 422.
 */
import { z } from 'zod'
import { acceptDate, boundsOf, shownDate, wireDate } from './dates.ts'
import { defineComponent, formAttrs } from './define.ts'

const date = z.string().max(64)

/** The props both date pickers share (Dash's names). */
export const pickerProps = {
  min_date_allowed: date,
  max_date_allowed: date,
  disabled_days: z.array(date).max(10_000),
  /** Accepted for ports; the browser's calendar opens at the date, or today. */
  initial_visible_month: date,
  disabled: z.boolean(),
  /** A button that empties the picker. */
  clearable: z.boolean(),
  /** Accepted for ports; the browser shows dates in the user's locale format. */
  display_format: z.string(),
}

export const pickerFiles = {
  scripts: [new URL('../../static/components/date-picker.js', import.meta.url)],
  styles: [new URL('../../static/components/date-picker.css', import.meta.url)],
}

/**
 * @example <DatePickerSingle id="when" min_date_allowed="2024-01-01" date="2024-05-03" />
 */
export const DatePickerSingle = defineComponent({
  name: 'dcc.DatePickerSingle',
  props: {
    date: date.nullable(),
    ...pickerProps,
    /** The input's accessible name (a native date input shows the locale's own hint, not this text). */
    placeholder: z.string(),
  },
  browser: {
    date: { schema: wireDate, accept: acceptDate, event: 'change', read: 'value', keep: true },
  },
  ...pickerFiles,
  render: (p) => {
    const b = boundsOf(p as Record<string, unknown>)
    const value = shownDate(p.date)
    return (
      <div
        id={p.id}
        class={['hd-datepicker', p.className].filter(Boolean).join(' ')}
        style={p.style}
        data-disabled-days={b.disabled.size ? JSON.stringify([...b.disabled]) : undefined}
        {...p.hd}
      >
        <input
          type="date"
          {...formAttrs(p, 'date')}
          value={value}
          min={b.min}
          max={b.max}
          disabled={p.disabled}
          aria-label={p.placeholder ?? 'Date'}
          data-last={value ?? ''}
        />
        {p.clearable && (
          <button type="button" class="hd-datepicker-clear" aria-label="Clear date" disabled={p.disabled}>
            ×
          </button>
        )}
        <span class="hd-datepicker-msg" role="status" />
      </div>
    )
  },
})

export type DatePickerSingleProps = Omit<Parameters<typeof DatePickerSingle>[0], 'hd'>
