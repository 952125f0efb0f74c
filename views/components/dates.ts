/**
 * @module dates
 * Calendar dates as Dash's date pickers speak them: ISO `YYYY-MM-DD` strings (a datetime string is
 * taken for its date part), checked against `min_date_allowed`, `max_date_allowed` and
 * `disabled_days`. Pure functions, shared by dcc.DatePickerSingle and dcc.DatePickerRange.
 */
import { z } from 'zod'
import type { Accepted } from '../../src/protocol/components.ts'

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

/** `'2024-05-03'` for `'2024-05-03'` or `'2024-05-03T10:30:00'`; null when it is no calendar date. */
export function isoDate(s: string): string | null {
  const m = ISO.exec(s)
  if (!m) return null
  const [, y, mo, d, h, mi, sec] = m
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  if (month < 1 || month > 12 || day < 1) return null
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!
  if (day > days) return null
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(sec ?? 0) > 59)) return null
  return `${y}-${mo}-${d}`
}

/** A layout's date prop as a date (`undefined` when unset or not a date: ignored, as Dash does). */
const dateOf = (v: unknown) => (typeof v === 'string' ? (isoDate(v) ?? undefined) : undefined)

/** The bounds of a picker from its server-owned props, normalised. */
export function boundsOf(p: Record<string, unknown>): { min?: string; max?: string; disabled: Set<string> } {
  const days = Array.isArray(p['disabled_days']) ? p['disabled_days'] : []
  return {
    min: dateOf(p['min_date_allowed']),
    max: dateOf(p['max_date_allowed']),
    disabled: new Set(days.map(dateOf).filter((d): d is string => d !== undefined)),
  }
}

/** Why `date` (normalised) may not be picked, or null. */
export function dateProblem(date: string, p: Record<string, unknown>): string | null {
  const b = boundsOf(p)
  if (b.min !== undefined && date < b.min) return `${date} is before min_date_allowed (${b.min})`
  if (b.max !== undefined && date > b.max) return `${date} is after max_date_allowed (${b.max})`
  if (b.disabled.has(date)) return `${date} is one of disabled_days`
  return null
}

/** What the wire may carry for a date: a short string or null. */
export const wireDate = z.string().max(64).nullable()

/** A date prop's check: '' and null are no date; anything else a calendar date the picker allows. */
export function acceptDate(value: unknown, p: Record<string, unknown>): Accepted {
  if (value === null || value === '') return { ok: true, value: null }
  const date = isoDate(value as string)
  if (date === null)
    return { ok: false, message: `'${String(value).slice(0, 40)}' is not a calendar date (YYYY-MM-DD)` }
  const problem = dateProblem(date, p)
  return problem ? { ok: false, message: problem } : { ok: true, value: date }
}

/** A date prop as it is shown in a native date input: its date part, or nothing. */
export const shownDate = (v: unknown): string | undefined => dateOf(v)
