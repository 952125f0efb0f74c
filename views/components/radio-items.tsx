/**
 * @module radio-items
 * `dcc.RadioItems`: a radio group (`role="radiogroup"`) carrying the id, with one
 * `<label><input type="radio"></label>` per option. The radios share one name, the component's id, so
 * the browser keeps exactly one checked and arrow keys move between them.
 */
import { z } from 'zod'
import { MAX_TEXT } from '../../src/protocol/components.ts'
import { defineComponent, formAttrs } from './define.ts'
import { acceptOne, choiceOptions, normalizeOptions } from './options.ts'

const style = z.record(z.string(), z.union([z.string(), z.number()]))
/** What the browser may send: the checked radio's value, or null when none is checked. */
const wireValue = z.string().max(MAX_TEXT).nullable()

let unnamed = 0

/**
 * @example <RadioItems id="countries-radio" options={['America', 'Canada']} value="America" inline />
 */
export const RadioItems = defineComponent({
  name: 'dcc.RadioItems',
  props: {
    /** Strings, numbers, `{ label, value, disabled }`, or an object `{ value: label }`. */
    options: choiceOptions,
    value: z.union([z.string(), z.number()]).nullable(),
    /** Options side by side instead of one per line. */
    inline: z.boolean(),
    labelStyle: style,
    labelClassName: z.string(),
    inputStyle: style,
    inputClassName: z.string(),
  },
  browser: {
    value: { schema: wireValue, accept: acceptOne, event: 'change', read: 'radio', keep: true },
  },
  render: (p) => {
    const selected = p.value == null ? null : String(p.value)
    // Radios group by name: one per component (its id is unique on the page).
    const name = p.id ?? `hd-radio-${++unnamed}`
    return (
      <div
        id={p.id}
        role="radiogroup"
        class={['hd-radioitems', p.inline ? 'hd-inline' : '', p.className].filter(Boolean).join(' ')}
        style={p.style}
        {...p.hd}
      >
        {normalizeOptions(p.options).map((o) => {
          const v = String(o.value)
          return (
            <label class={p.labelClassName} style={p.labelStyle} title={o.title}>
              <input
                type="radio"
                {...formAttrs(p, 'value', name)}
                value={v}
                checked={v === selected}
                disabled={o.disabled || undefined}
                class={p.inputClassName}
                style={p.inputStyle}
              />
              {o.label as never}
            </label>
          )
        })}
      </div>
    )
  },
})

export type RadioItemsProps = Omit<Parameters<typeof RadioItems>[0], 'hd'>
