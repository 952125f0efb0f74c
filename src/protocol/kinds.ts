/**
 * @module kinds
 * What each kind of component lets the browser own, how those values are checked (zod), and which
 * DOM event changes them. HTML elements share one spec; dcc components have their own.
 */
import { z } from 'zod'

type Props = Record<string, unknown>

export interface BrowserProp {
  /** Validates a value from the browser given the component's server-owned props; returns it parsed. */
  parse(value: unknown, props: Props): { ok: true; value: unknown } | { ok: false; message: string }
  /** The htmx trigger that fires when the user changes this prop, or null if it never does. */
  trigger(props: Props): string | null
  /** Other props the same event changes (R13: one click changes n_clicks and n_clicks_timestamp). */
  companions?: readonly string[]
}

export interface KindSpec {
  readonly name: string
  readonly browser: Readonly<Record<string, BrowserProp>>
  /** True when the server re-renders the whole component to update any prop (dcc components). */
  readonly rerender: boolean
}

/** Longest string a text value may have (a 200 KB paste is refused with a 4xx). */
export const MAX_TEXT = 65_536

const fromZod =
  <T>(schema: z.ZodType<T>) =>
  (value: unknown): ReturnType<BrowserProp['parse']> => {
    const r = schema.safeParse(value)
    return r.success
      ? { ok: true, value: r.data }
      : { ok: false, message: z.prettifyError(r.error).replace(/^✖ /, '') }
  }

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable()
const timestamp = z.number().int().min(0).max(8.64e15).nullable()
const finite = z.number().refine(Number.isFinite, 'Expected a finite number')

const clicks: Record<string, BrowserProp> = {
  n_clicks: { parse: fromZod(count), trigger: () => 'click', companions: ['n_clicks_timestamp'] },
  n_clicks_timestamp: { parse: fromZod(timestamp), trigger: () => 'click', companions: ['n_clicks'] },
}

/** Any plain HTML element (`html.*` in Dash): clicks are the only browser-owned props. */
export const htmlKind: KindSpec = { name: 'html', browser: clicks, rerender: false }

const NUMERIC = new Set(['number', 'range'])

function debounceTrigger(debounce: unknown): string {
  if (debounce === true) return 'change'
  if (typeof debounce === 'number' && debounce > 0) return `input changed delay:${Math.round(debounce)}ms`
  return 'input changed'
}

// Built once: a zod schema costs tens of µs to build, a few hundred ns to run.
const numberValue = fromZod(finite.nullable())
const textValue = fromZod(z.union([z.string().max(MAX_TEXT), finite]).nullable())

export const inputKind: KindSpec = {
  name: 'dcc.Input',
  rerender: true,
  browser: {
    ...clicks,
    value: {
      parse(value, props) {
        return NUMERIC.has(String(props['type'])) ? numberValue(value) : textValue(value)
      },
      trigger: (props) => debounceTrigger(props['debounce']),
    },
    n_submit: { parse: fromZod(count), trigger: () => null },
  },
}

const sliderSchemas = new Map<string, (value: unknown) => ReturnType<BrowserProp['parse']>>()
/** The value check of a slider with these bounds, built once per pair of bounds. */
function sliderValue(min: number, max: number) {
  const key = `${min}:${max}`
  let parse = sliderSchemas.get(key)
  if (!parse) {
    if (sliderSchemas.size > 1000) sliderSchemas.clear()
    parse = fromZod(finite.min(min).max(max).nullable())
    sliderSchemas.set(key, parse)
  }
  return parse
}

export const sliderKind: KindSpec = {
  name: 'dcc.Slider',
  rerender: true,
  browser: {
    value: {
      parse(value, props) {
        const min = typeof props['min'] === 'number' ? props['min'] : -Infinity
        const max = typeof props['max'] === 'number' ? props['max'] : Infinity
        return sliderValue(min, max)(value)
      },
      trigger: (props) => (props['updatemode'] === 'drag' ? 'input' : 'change'),
    },
  },
}

/** Option values of a Checklist, as given (strings, or `{ label, value, disabled }`). */
export function optionValues(options: unknown): unknown[] {
  if (!Array.isArray(options)) return []
  return options.map((o) =>
    typeof o === 'object' && o !== null && 'value' in o ? (o as { value: unknown }).value : o
  )
}

export const checklistKind: KindSpec = {
  name: 'dcc.Checklist',
  rerender: true,
  browser: {
    value: {
      // The browser sends checkbox values as strings; map them back to the options' own values.
      parse(value, props) {
        const arr = z.array(z.string().max(MAX_TEXT)).max(10_000).safeParse(value)
        if (!arr.success) return { ok: false, message: 'Expected an array of option values' }
        const known = optionValues(props['options'])
        const out: unknown[] = []
        for (const v of arr.data) {
          const hit = known.find((k) => String(k) === v)
          if (hit === undefined)
            return { ok: false, message: `'${v.slice(0, 40)}' is not one of the options` }
          if (!out.includes(hit)) out.push(hit)
        }
        return { ok: true, value: out }
      },
      trigger: () => 'change',
    },
  },
}

const urlPart = z.string().max(8192).nullable()
export const locationKind: KindSpec = {
  name: 'dcc.Location',
  rerender: true,
  browser: {
    pathname: { parse: fromZod(urlPart), trigger: () => null },
    search: { parse: fromZod(urlPart), trigger: () => null },
    hash: { parse: fromZod(urlPart), trigger: () => null },
    href: { parse: fromZod(urlPart), trigger: () => null },
  },
}

const KINDS = new Map<string, KindSpec>(
  [inputKind, sliderKind, checklistKind, locationKind].map((k) => [k.name, k] as const)
)

/** The spec of a kind; every name that is not a dcc component is an HTML tag. */
export function kindSpec(kind: string): KindSpec {
  return KINDS.get(kind) ?? htmlKind
}
