/**
 * @module options
 * The `options` of a choice component (Dash's shapes, shared by `dcc.Dropdown` and `dcc.RadioItems`):
 * a list of strings, numbers or `{ label, value, disabled, search }`, or an object `{ value: label }`.
 * The browser sends option values back as strings; {@link acceptOne} and {@link acceptMany} map them
 * to the options' own values (numbers stay numbers) and refuse anything that is not an option.
 */
import { z } from 'zod'
import type { Accepted } from '../../src/protocol/components.ts'

export type OptionValue = string | number
export type ChoiceOption =
  OptionValue | { label: unknown; value: OptionValue; disabled?: boolean; search?: string; title?: string }
export type ChoiceOptions = ChoiceOption[] | Record<string, unknown>

const optionValue = z.union([z.string(), z.number()])
/** One option, as Dash accepts it. */
export const choiceOption: z.ZodType<ChoiceOption> = z.union([
  z.string(),
  z.number(),
  z.object({
    label: z.unknown(),
    value: optionValue,
    disabled: z.boolean().optional(),
    /** Text a search matches besides the label and the value (Dropdown). */
    search: z.string().optional(),
    title: z.string().optional(),
  }),
]) as z.ZodType<ChoiceOption>
/** `options`: a list of options, or an object mapping values to labels. */
export const choiceOptions: z.ZodType<ChoiceOptions> = z.union([
  z.array(choiceOption),
  z.record(z.string(), z.unknown()),
]) as z.ZodType<ChoiceOptions>

/** An option with every field spelled out. */
export interface Normalized {
  label: unknown
  /** The label as plain text (a JSX label gives its value). */
  text: string
  value: OptionValue
  disabled: boolean
  search: string | undefined
  title: string | undefined
}

const isValue = (v: unknown): v is OptionValue => typeof v === 'string' || typeof v === 'number'
const textOf = (label: unknown, value: OptionValue) => (isValue(label) ? String(label) : String(value))

/** The options in one shape; entries that are not options are skipped. */
export function normalizeOptions(options: unknown): Normalized[] {
  if (Array.isArray(options)) {
    const out: Normalized[] = []
    for (const o of options) {
      if (isValue(o)) {
        out.push({
          label: o,
          text: String(o),
          value: o,
          disabled: false,
          search: undefined,
          title: undefined,
        })
      } else if (typeof o === 'object' && o !== null && isValue((o as { value?: unknown }).value)) {
        const { label, value, disabled, search, title } = o as Exclude<ChoiceOption, OptionValue>
        out.push({
          label: label ?? value,
          text: textOf(label, value),
          value,
          disabled: disabled === true,
          search: typeof search === 'string' ? search : undefined,
          title: typeof title === 'string' ? title : undefined,
        })
      }
    }
    return out
  }
  if (typeof options === 'object' && options !== null) {
    return Object.entries(options).map(([value, label]) => ({
      label,
      text: textOf(label, value),
      value,
      disabled: false,
      search: undefined,
      title: undefined,
    }))
  }
  return []
}

const notAnOption = (v: string) => `'${v.slice(0, 40)}' is not one of the options`

/** The option whose value reads as `v` in the browser. */
const find = (options: Normalized[], v: string) => options.find((o) => String(o.value) === v)

/** One value the browser sent (a string, `null` or `''` for none) → the option's own value. */
export function acceptOne(value: unknown, props: Record<string, unknown>): Accepted {
  if (value === null || value === '') return { ok: true, value: null }
  const hit = find(normalizeOptions(props['options']), String(value))
  return hit ? { ok: true, value: hit.value } : { ok: false, message: notAnOption(String(value)) }
}

/** A list of values the browser sent → the options' own values, each once, in the order sent. */
export function acceptMany(value: unknown, props: Record<string, unknown>): Accepted {
  if (value === null) return { ok: true, value: null }
  const options = normalizeOptions(props['options'])
  const out: OptionValue[] = []
  for (const v of value as string[]) {
    const hit = find(options, v)
    if (!hit) return { ok: false, message: notAnOption(v) }
    if (!out.includes(hit.value)) out.push(hit.value)
  }
  return { ok: true, value: out }
}
