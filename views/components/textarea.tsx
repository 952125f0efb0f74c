/**
 * @module textarea
 * `dcc.Textarea`: a native `<textarea>` carrying the id. `value` is sent as dcc.Input's is (every
 * keystroke, on blur with `debounce`, or after a pause); `minLength`/`maxLength` hold on both sides
 * (a text that breaks them reads as `null` in the browser and is a 422 on the server).
 */
import { z } from 'zod'
import {
  blurProps,
  clickProps,
  count,
  MAX_TEXT,
  timestamp,
  type Accepted,
} from '../../src/protocol/components.ts'
import { textProblem } from './constraints.ts'
import { defineComponent, formAttrs } from './define.ts'
import { valueEvent } from './input.tsx'

function withinLength(value: unknown, p: Record<string, unknown>): Accepted {
  const problem =
    typeof value === 'string'
      ? textProblem(value, { minLength: p['minLength'], maxLength: p['maxLength'] })
      : null
  return problem ? { ok: false, message: problem } : { ok: true, value }
}

/**
 * @example <Textarea id="notes" rows={4} placeholder="Notes" debounce />
 */
export const Textarea = defineComponent({
  name: 'dcc.Textarea',
  props: {
    value: z.string().max(MAX_TEXT).nullable(),
    rows: z.number().int().positive(),
    cols: z.number().int().positive(),
    placeholder: z.string(),
    disabled: z.boolean(),
    readOnly: z.boolean(),
    required: z.boolean(),
    autoFocus: z.boolean(),
    minLength: z.number().int().min(0),
    maxLength: z.number().int().min(0),
    /** `false` (default): every keystroke; `true`: on blur; a number: milliseconds after the last key. */
    debounce: z.union([z.boolean(), z.number()]),
    spellCheck: z.union([z.boolean(), z.enum(['true', 'false'])]),
    wrap: z.enum(['soft', 'hard', 'off']),
    name: z.string(),
    title: z.string(),
    n_blur: count,
    n_blur_timestamp: timestamp,
    n_clicks: count,
    n_clicks_timestamp: timestamp,
  },
  browser: {
    ...clickProps,
    ...blurProps,
    value: { accept: withinLength, event: valueEvent, read: 'value', keep: true },
  },
  render: (p) => (
    <textarea
      id={p.id}
      rows={p.rows}
      cols={p.cols}
      placeholder={p.placeholder}
      disabled={p.disabled}
      readonly={p.readOnly}
      required={p.required}
      autofocus={p.autoFocus}
      minlength={p.minLength}
      maxlength={p.maxLength}
      spellcheck={p.spellCheck === undefined ? undefined : String(p.spellCheck) === 'true'}
      wrap={p.wrap}
      {...formAttrs(p, 'value', p.name)}
      title={p.title}
      data-n-blur={p.n_blur == null ? undefined : String(p.n_blur)}
      data-n-blur-timestamp={p.n_blur_timestamp == null ? undefined : String(p.n_blur_timestamp)}
      class={['hd-textarea', p.className].filter(Boolean).join(' ')}
      style={p.style}
      {...p.hd}
    >
      {p.value ?? ''}
    </textarea>
  ),
})

export type TextareaProps = Omit<Parameters<typeof Textarea>[0], 'hd'>
