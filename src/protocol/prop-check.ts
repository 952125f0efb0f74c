/**
 * @module prop-check
 * Values a callback writes (outputs, `setProps`) checked against the component's schemas before they
 * reach the page: a value the component cannot render is an error fragment naming the component, its
 * kind and the prop, never a 500 (issue 15, item 6). HTML elements have schemas only for the
 * browser-owned click counters; any other prop of theirs is an attribute or `children`.
 */
import { z } from 'zod'
import { own, type ComponentRegistry } from './components.ts'

/** Props every defined component takes besides its schemas (defineComponent's `BaseProps`). */
const BASE_PROPS = new Set(['className', 'style'])

/** An attribute or prop name an HTML element may be given (`children`, `title`, `data-x`, `aria-y`). */
const ELEMENT_PROP = /^[A-Za-z_][\w-]*$/

/** Why `value` cannot be written to `prop` of a component of `kind`, or null when it can. */
export function propProblem(
  components: ComponentRegistry,
  kind: string,
  prop: string,
  value: unknown
): string | null {
  const spec = components.lookup(kind)
  if (!spec) return null
  const schema = own(spec.props, prop)
  if (!schema) return null
  // `null` unsets a prop (R9): every prop may be unset.
  if (value === null) return null
  const r = schema.safeParse(value)
  return r.success
    ? null
    : z
        .prettifyError(r.error)
        .replace(/^✖ /, '')
        .replace(/\n\s*→ at .*/g, '')
}

/** True when `prop` is a prop components of `kind` have: in its schemas (or any attribute of an element). */
export function hasProp(components: ComponentRegistry, kind: string, prop: string): boolean {
  const spec = components.lookup(kind)
  if (!spec) return false
  if (!spec.rerender) return ELEMENT_PROP.test(prop)
  return own(spec.props, prop) !== undefined || BASE_PROPS.has(prop)
}
