/**
 * @module checklist
 * `dcc.Checklist`: a container carrying the id, with one `<label><input type="checkbox"></label>` per option.
 */
import { z } from 'zod'
import { MAX_TEXT, type Accepted } from '../../src/protocol/components.ts'
import { defineComponent, formAttrs } from './define.ts'

export type Option = string | number | { label: unknown; value: string | number; disabled?: boolean }
const option: z.ZodType<Option> = z.union([
  z.string(),
  z.number(),
  z.object({
    label: z.unknown(),
    value: z.union([z.string(), z.number()]),
    disabled: z.boolean().optional(),
  }),
]) as z.ZodType<Option>

/** Option values of a Checklist, as given (strings, or `{ label, value, disabled }`). */
export function optionValues(options: unknown): unknown[] {
  if (!Array.isArray(options)) return []
  return options.map((o) =>
    typeof o === 'object' && o !== null && 'value' in o ? (o as { value: unknown }).value : o
  )
}

/** The browser sends checkbox values as strings: maps them back to the options' own values. */
function toOptionValues(value: unknown, props: Record<string, unknown>): Accepted {
  const known = optionValues(props['options'])
  const out: unknown[] = []
  for (const v of value as string[]) {
    const hit = known.find((k) => String(k) === v)
    if (hit === undefined) return { ok: false, message: `'${v.slice(0, 40)}' is not one of the options` }
    if (!out.includes(hit)) out.push(hit)
  }
  return { ok: true, value: out }
}

/**
 * @example <Checklist id="city-checklist" options={['New York City', 'Montréal']} value={[]} inline />
 */
export const Checklist = defineComponent({
  name: 'dcc.Checklist',
  props: {
    options: z.array(option),
    value: z.array(z.union([z.string(), z.number()])).nullable(),
    /** Options side by side instead of one per line. */
    inline: z.boolean(),
    labelClassName: z.string(),
    inputClassName: z.string(),
  },
  browser: {
    value: {
      schema: z.array(z.string().max(MAX_TEXT)).max(10_000),
      accept: toOptionValues,
      event: 'change',
      read: 'checked',
      keep: true,
    },
  },
  render: (p) => {
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
                {...formAttrs(p, 'value')}
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
  },
})

export type ChecklistProps = Omit<Parameters<typeof Checklist>[0], 'hd'>
