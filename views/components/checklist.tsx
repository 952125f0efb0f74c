/**
 * @module checklist
 * `dcc.Checklist`: a container carrying the id, with one `<label><input type="checkbox"></label>` per option.
 */
import { optionValues } from '../../src/protocol/kinds.ts'
import { defineComponent, type BaseProps } from './define.ts'

export type Option = string | number | { label: unknown; value: string | number; disabled?: boolean }

export interface ChecklistProps extends BaseProps {
  options?: Option[]
  value?: (string | number)[] | null
  /** Options side by side instead of one per line. */
  inline?: boolean
  labelClassName?: string
  inputClassName?: string
}

/**
 * @example <Checklist id="city-checklist" options={['New York City', 'Montréal']} value={[]} inline />
 */
export const Checklist = defineComponent<ChecklistProps>('dcc.Checklist', (p) => {
  const options = p.options ?? []
  const values = optionValues(options)
  const selected = (p.value ?? []).map(String)
  return (
    <div
      id={p.id}
      class={['hd-checklist', p.inline ? 'hd-inline' : '', p.className].filter(Boolean).join(' ')}
      style={p.style}
      {...p.hd}
    >
      {options.map((o, i) => {
        const v = String(values[i])
        const label = typeof o === 'object' ? o.label : o
        const disabled = typeof o === 'object' ? o.disabled : undefined
        return (
          <label class={p.labelClassName}>
            <input
              type="checkbox"
              value={v}
              checked={selected.includes(v)}
              disabled={disabled}
              class={p.inputClassName}
            />
            {label}
          </label>
        )
      })}
    </div>
  )
})
