/**
 * @module input
 * `dcc.Input`: a native `<input>` carrying the id. Number inputs deliver numbers, `null` when empty.
 *
 * Constraints (`min`, `max`, `step`, `minLength`, `maxLength`, `pattern`) hold on both sides: the
 * browser reads a value that breaks them as `null` (Dash's Input delivers `None` for a number outside
 * min/max or off step), and the server refuses such a value with a 422 naming the prop, so a callback
 * declared `min=1 step=1` never sees `-5` or `1.5`. Enter counts `n_submit`, leaving counts `n_blur`.
 */
import { z } from 'zod'
import {
  blurProps,
  clickProps,
  count,
  finite,
  MAX_TEXT,
  submitProps,
  timestamp,
  type Accepted,
} from '../../src/protocol/components.ts'
import { numberProblem, textProblem } from './constraints.ts'
import { defineComponent, formAttrs } from './define.ts'

const TYPES = ['text', 'number', 'password', 'email', 'search', 'tel', 'url', 'range', 'hidden'] as const
const NUMERIC = new Set(['number', 'range'])
/** The types HTML applies `pattern` to. */
const PATTERNED = new Set(['text', 'search', 'url', 'tel', 'email', 'password'])
const HTML_MODES = ['none', 'text', 'decimal', 'numeric', 'tel', 'search', 'email', 'url'] as const
const DASH_MODES = [
  'verbatim',
  'latin',
  'latin-name',
  'latin-prose',
  'full-width-latin',
  'kana',
  'katakana',
] as const
const htmlMode = (m: string | undefined) =>
  (HTML_MODES as readonly string[]).includes(m ?? '') ? (m as (typeof HTML_MODES)[number]) : undefined
const isNumeric = (p: Record<string, unknown>) => NUMERIC.has(String(p['type']))

// Built once: a zod schema costs tens of µs to build, a few hundred ns to run.
const numberValue = finite.nullable()
const textValue = z.union([z.string().max(MAX_TEXT), finite]).nullable()

/** The trigger of a value change: every keystroke, Enter or blur (`debounce`), or a pause in typing. */
export function valueEvent(p: Record<string, unknown>): string {
  const debounce = p['debounce']
  if (debounce === true) return 'change'
  if (typeof debounce === 'number' && debounce > 0) return `input changed delay:${Math.round(debounce)}ms`
  return 'input changed'
}

/** `step` as rendered: Dash's default is `'any'` for number inputs. */
const stepOf = (p: { type?: unknown; step?: unknown }) => p.step ?? (p.type === 'number' ? 'any' : undefined)

/** Refuses what the page's constraints forbid (the browser itself sends `null` for those). */
function withinConstraints(value: unknown, p: Record<string, unknown>): Accepted {
  if (value === null) return { ok: true, value }
  const problem =
    typeof value === 'number'
      ? numberProblem(value, {
          min: p['min'],
          max: p['max'],
          step: stepOf({ type: p['type'], step: p['step'] }),
        })
      : typeof value === 'string'
        ? textProblem(value, {
            minLength: p['minLength'],
            maxLength: p['maxLength'],
            pattern: PATTERNED.has(String(p['type'] ?? 'text')) ? p['pattern'] : undefined,
          })
        : null
  return problem ? { ok: false, message: problem } : { ok: true, value }
}

/**
 * @example <Input id="num" type="number" debounce min={1} step={1} />
 */
export const Input = defineComponent({
  name: 'dcc.Input',
  props: {
    /** `text` (default), `number`, `password`, `email`, `search`, `tel`, `url`, `range`, `hidden`. */
    type: z.enum(TYPES),
    value: z.union([z.string(), z.number()]).nullable(),
    /** `false`: every keystroke; `true`: on Enter or blur; a number: milliseconds after the last key. */
    debounce: z.union([z.boolean(), z.number()]),
    min: z.number(),
    max: z.number(),
    /** Number inputs: `'any'` by default, as in Dash. */
    step: z.union([z.number().positive(), z.literal('any')]),
    minLength: z.number().int().min(0),
    maxLength: z.number().int().min(0),
    /** A regular expression the whole text must match (HTML's `pattern`, the `v` flag). */
    pattern: z.string(),
    placeholder: z.string(),
    disabled: z.boolean(),
    readOnly: z.boolean(),
    required: z.boolean(),
    autoFocus: z.boolean(),
    autoComplete: z.string(),
    /** The on-screen keyboard: HTML's values; Dash's others (`verbatim`, `kana`, …) render nothing. */
    inputMode: z.enum([...HTML_MODES, ...DASH_MODES]),
    /** The id of a `<datalist>` of suggestions. */
    list: z.string(),
    size: z.number().int().positive(),
    spellCheck: z.union([z.boolean(), z.enum(['true', 'false'])]),
    name: z.string(),
    /** Enter presses, counted by the browser. */
    n_submit: count,
    n_submit_timestamp: timestamp,
    /** Times the input lost focus, counted by the browser. */
    n_blur: count,
    n_blur_timestamp: timestamp,
    n_clicks: count,
    n_clicks_timestamp: count,
  },
  browser: {
    ...clickProps,
    ...submitProps,
    ...blurProps,
    value: {
      schema: (p) => (isNumeric(p) ? numberValue : textValue),
      accept: withinConstraints,
      event: valueEvent,
      read: (p) => (isNumeric(p) ? 'number' : 'value'),
      keep: true,
    },
  },
  render: (p) => (
    <input
      id={p.id}
      type={p.type ?? 'text'}
      value={p.value == null ? undefined : String(p.value)}
      min={p.min}
      max={p.max}
      step={stepOf(p) as number | 'any' | undefined}
      minlength={p.minLength}
      maxlength={p.maxLength}
      pattern={p.pattern}
      placeholder={p.placeholder}
      disabled={p.disabled}
      readonly={p.readOnly}
      required={p.required}
      autofocus={p.autoFocus}
      autocomplete={p.autoComplete}
      inputmode={htmlMode(p.inputMode)}
      list={p.list}
      size={p.size}
      spellcheck={p.spellCheck === undefined ? undefined : String(p.spellCheck) === 'true'}
      {...formAttrs(p, 'value', p.name)}
      data-n-submit={p.n_submit == null ? undefined : String(p.n_submit)}
      data-n-submit-timestamp={p.n_submit_timestamp == null ? undefined : String(p.n_submit_timestamp)}
      data-n-blur={p.n_blur == null ? undefined : String(p.n_blur)}
      data-n-blur-timestamp={p.n_blur_timestamp == null ? undefined : String(p.n_blur_timestamp)}
      class={p.className}
      style={p.style}
      {...p.hd}
    />
  ),
})

export type InputProps = Omit<Parameters<typeof Input>[0], 'hd'>
