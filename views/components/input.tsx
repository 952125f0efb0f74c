/**
 * @module input
 * `dcc.Input`: a native `<input>` carrying the id. Number inputs deliver numbers, `null` when empty.
 */
import { z } from 'zod'
import { clickProps, finite, MAX_TEXT } from '../../src/protocol/components.ts'
import { defineComponent } from './define.ts'

const TYPES = ['text', 'number', 'password', 'email', 'search', 'tel', 'url', 'range', 'hidden'] as const
const NUMERIC = new Set(['number', 'range'])
const isNumeric = (p: Record<string, unknown>) => NUMERIC.has(String(p['type']))

// Built once: a zod schema costs tens of µs to build, a few hundred ns to run.
const numberValue = finite.nullable()
const textValue = z.union([z.string().max(MAX_TEXT), finite]).nullable()
const count = z.number().int().min(0).nullable()

/** The trigger of a value change: every keystroke, Enter or blur (`debounce`), or a pause in typing. */
function valueEvent(p: Record<string, unknown>): string {
  const debounce = p['debounce']
  if (debounce === true) return 'change'
  if (typeof debounce === 'number' && debounce > 0) return `input changed delay:${Math.round(debounce)}ms`
  return 'input changed'
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
    step: z.union([z.number(), z.literal('any')]),
    placeholder: z.string(),
    disabled: z.boolean(),
    readOnly: z.boolean(),
    autoComplete: z.string(),
    maxLength: z.number(),
    n_submit: count,
    n_clicks: count,
    n_clicks_timestamp: count,
  },
  browser: {
    ...clickProps,
    value: {
      schema: (p) => (isNumeric(p) ? numberValue : textValue),
      event: valueEvent,
      read: (p) => (isNumeric(p) ? 'number' : 'value'),
      keep: true,
    },
    n_submit: { schema: count, event: null, read: 'counter' },
  },
  render: (p) => (
    <input
      id={p.id}
      type={p.type ?? 'text'}
      value={p.value == null ? undefined : String(p.value)}
      min={p.min}
      max={p.max}
      step={p.step}
      placeholder={p.placeholder}
      disabled={p.disabled}
      readonly={p.readOnly}
      autocomplete={p.autoComplete}
      maxlength={p.maxLength}
      class={p.className}
      style={p.style}
      {...p.hd}
    />
  ),
})

export type InputProps = Omit<Parameters<typeof Input>[0], 'hd'>
