/**
 * @module dropdown
 * `dcc.Dropdown`: a native `<select>` first (works, and is accessible, before any script runs). Single
 * and not searchable, it stays the native control. Searchable or multi, the page also carries a
 * combobox (WAI-ARIA APG: an input with `role="combobox"` and a `role="listbox"` popup, chips for a
 * multi value, a clear button) that static/components/dropdown.js shows in place of the `<select>`
 * and keeps in step with it: the `<select>` stays the one source of the value the browser sends.
 */
import { z } from 'zod'
import { MAX_TEXT } from '../../src/protocol/components.ts'
import { defineComponent, formAttrs } from './define.ts'
import { acceptMany, acceptOne, choiceOptions, normalizeOptions, type Normalized } from './options.ts'

const optionValue = z.union([z.string(), z.number()])
// Built once: what the browser may send for `value` (option values read as strings).
const singleWire = z.string().max(MAX_TEXT).nullable()
const multiWire = z.array(z.string().max(MAX_TEXT)).max(10_000).nullable()
const searchWire = z.string().max(MAX_TEXT).nullable()

/** The DOM event static/components/dropdown.js fires on the component when the search text changes. */
export const SEARCH_EVENT = 'hd-dropdown-search'

/** Dash's default: no placeholder text; the native control shows this in its empty option. */
const EMPTY_LABEL = 'Select...'

const isCombobox = (p: { multi?: boolean | null; searchable?: boolean | null }) =>
  p.multi === true || p.searchable !== false

/** The selected values, as the browser reads them (strings). */
function selectedOf(value: unknown, multi: boolean): string[] {
  if (value == null) return []
  const list = Array.isArray(value) ? value : [value]
  return (multi ? list : list.slice(0, 1)).map(String)
}

/**
 * @example <Dropdown id="xaxis-column" options={['GDP', 'Population']} value="GDP" />
 * @example <Dropdown id="cities" options={cities} value={['Montréal']} multi />
 */
export const Dropdown = defineComponent({
  name: 'dcc.Dropdown',
  props: {
    /** Strings, numbers, `{ label, value, disabled, search }`, or an object `{ value: label }`. */
    options: choiceOptions,
    /** The selected value; a list of them with `multi`. */
    value: z.union([optionValue, z.array(optionValue)]).nullable(),
    /** Several values, shown as chips. Default false. */
    multi: z.boolean(),
    /** Type to filter the options. Default true. */
    searchable: z.boolean(),
    /** A button (and Backspace) empties the value. Default true. */
    clearable: z.boolean(),
    placeholder: z.string(),
    disabled: z.boolean(),
    /** The text typed in the search box: an Input, to filter `options` on the server. */
    search_value: z.string().nullable(),
  },
  browser: {
    value: {
      schema: (p) => (p['multi'] === true ? multiWire : singleWire),
      accept: (v, p) => (p['multi'] === true ? acceptMany(v, p) : acceptOne(v, p)),
      event: 'change',
      read: 'value',
      // Without JavaScript the `<select>` posts its selected options.
      form: (p) => (p['multi'] === true ? 'list' : 'text'),
      keep: true,
    },
    search_value: {
      schema: searchWire,
      // Only the combobox has a search box; its module fires the event as the user types.
      event: (p) => (p['searchable'] !== false ? SEARCH_EVENT : null),
      read: 'dropdown-search',
      keep: true,
    },
  },
  scripts: [new URL('../../static/components/dropdown.js', import.meta.url)],
  styles: [new URL('../../static/components/dropdown.css', import.meta.url)],
  render: (p) => {
    const multi = p.multi === true
    const clearable = p.clearable !== false
    const options = normalizeOptions(p.options)
    const known = new Set(options.map((o) => String(o.value)))
    // A value that is not an option is not shown as selected, so the browser never sends it back.
    const selected = selectedOf(p.value, multi).filter((v) => known.has(v))
    const combo = isCombobox(p)
    const label = p.placeholder ?? EMPTY_LABEL
    const select = (
      <select
        class="hd-dropdown-native"
        {...formAttrs(p, 'value')}
        multiple={multi || undefined}
        disabled={p.disabled || undefined}
        aria-label={label}
      >
        {!multi && (clearable || selected.length === 0) && (
          <option value="" selected={selected.length === 0 || undefined}>
            {label}
          </option>
        )}
        {options.map((o) => (
          <option
            value={String(o.value)}
            selected={selected.includes(String(o.value)) || undefined}
            disabled={o.disabled || undefined}
            title={o.title}
          >
            {o.text}
          </option>
        ))}
      </select>
    )
    const classes = ['hd-dropdown', combo ? 'hd-dropdown-combo' : '', multi ? 'hd-dropdown-multi' : '']
    return (
      <div
        id={p.id}
        class={[...classes, p.className].filter(Boolean).join(' ')}
        style={p.style}
        data-clearable={String(clearable)}
        {...p.hd}
      >
        {select}
        {combo && (
          <Combobox
            id={p.id ?? 'hd-dropdown'}
            options={options}
            selected={selected}
            multi={multi}
            clearable={clearable}
            searchable={p.searchable !== false}
            disabled={p.disabled === true}
            placeholder={p.placeholder ?? ''}
            label={label}
            search={p.search_value ?? ''}
          />
        )}
      </div>
    )
  },
})

interface ComboboxProps {
  id: string
  options: Normalized[]
  selected: string[]
  multi: boolean
  clearable: boolean
  searchable: boolean
  disabled: boolean
  placeholder: string
  label: string
  search: string
}

/**
 * The combobox the module shows instead of the `<select>`, rendered here so a re-render morphs it
 * in place (the focused search box and its text survive). static/components/dropdown.js builds the
 * same chips when the user picks.
 */
function Combobox(p: ComboboxProps) {
  const byValue = new Map(p.options.map((o) => [String(o.value), o]))
  const listbox = `${p.id}--listbox`
  return (
    <div class="hd-dropdown-ui">
      <div class="hd-dropdown-control">
        {p.multi ? (
          <ul class="hd-dropdown-chips" aria-label="Selected">
            {p.selected.map((v) => (
              <li class="hd-dropdown-chip" data-value={v}>
                <span class="hd-dropdown-chip-label">{byValue.get(v)!.label as never}</span>
                <button
                  type="button"
                  class="hd-dropdown-chip-remove"
                  aria-label={`Remove ${byValue.get(v)!.text}`}
                  disabled={p.disabled || undefined}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <span class="hd-dropdown-single" hidden={p.selected.length === 0 || p.search !== '' || undefined}>
            {p.selected.length ? (byValue.get(p.selected[0]!)!.label as never) : ''}
          </span>
        )}
        <input
          id={`${p.id}--input`}
          class="hd-dropdown-input"
          type="text"
          role="combobox"
          aria-label={p.label}
          aria-expanded="false"
          aria-controls={listbox}
          aria-autocomplete={p.searchable ? 'list' : 'none'}
          autocomplete="off"
          spellcheck={false}
          readonly={!p.searchable || undefined}
          disabled={p.disabled || undefined}
          placeholder={p.selected.length ? undefined : p.placeholder || undefined}
          data-placeholder={p.placeholder}
          value={p.search || undefined}
        />
        <button
          type="button"
          class="hd-dropdown-clear"
          aria-label="Clear selection"
          hidden={!p.clearable || p.selected.length === 0 || undefined}
          disabled={p.disabled || undefined}
        >
          ×
        </button>
        <span class="hd-dropdown-caret" aria-hidden="true" />
      </div>
      <ul
        id={listbox}
        class="hd-dropdown-listbox"
        role="listbox"
        aria-label={p.label}
        aria-multiselectable={p.multi ? 'true' : undefined}
        hidden
      >
        {p.options.map((o, i) => (
          <li
            id={`${p.id}--option-${i}`}
            class="hd-dropdown-option"
            role="option"
            data-value={String(o.value)}
            data-search={o.search}
            aria-selected={p.selected.includes(String(o.value)) ? 'true' : 'false'}
            aria-disabled={o.disabled ? 'true' : undefined}
            title={o.title}
          >
            {o.label as never}
          </li>
        ))}
      </ul>
      <div class="hd-dropdown-empty" hidden>
        No options found
      </div>
    </div>
  )
}

export type DropdownProps = Omit<Parameters<typeof Dropdown>[0], 'hd'>
