/**
 * @module input
 * `dcc.Input`: a native `<input>` carrying the id. Number inputs deliver numbers, `null` when empty.
 */
import { defineComponent, type BaseProps } from './define.ts'

export interface InputProps extends BaseProps {
  /** `text` (default), `number`, `password`, `email`, `search`, `tel`, `url`, `range`, `hidden`. */
  type?: 'text' | 'number' | 'password' | 'email' | 'search' | 'tel' | 'url' | 'range' | 'hidden'
  value?: string | number | null
  /** `false`: every keystroke; `true`: on Enter or blur; a number: milliseconds after the last key. */
  debounce?: boolean | number
  min?: number
  max?: number
  step?: number | 'any'
  placeholder?: string
  disabled?: boolean
  readOnly?: boolean
  autoComplete?: string
  maxLength?: number
  n_submit?: number | null
  n_clicks?: number | null
  n_clicks_timestamp?: number | null
}

/**
 * @example <Input id="num" type="number" debounce min={1} step={1} />
 */
export const Input = defineComponent<InputProps>('dcc.Input', (p) => (
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
))
