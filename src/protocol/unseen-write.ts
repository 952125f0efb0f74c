/**
 * @module unseen-write
 * A `setProps` write to a component the event's request did not carry (it is not in the chain the
 * graph knows, closure.ts): the server knows its kind from the layout, and only the props written.
 * That is enough for an element whose swap needs just those props; not for a component rendered again
 * from all its props, nor for one whose signed state holds other props callbacks read.
 */
import type { Graph } from '../core/graph.ts'
import { own, type ComponentRegistry } from './components.ts'

/** Why the written `props` of component `id` (a `kind`) cannot be rendered from themselves alone, or null. */
export function unseenWriteProblem(
  components: ComponentRegistry,
  graph: Graph,
  id: string,
  kind: string,
  props: readonly string[]
): string | null {
  const spec = components.lookup(kind)
  if (!spec) return null
  if (spec.rerender && spec.component)
    return `a ${kind} is rendered again from all its props, and the server holds only those setProps gave`
  // Its signed state (attrs.ts componentState) holds every server-owned prop callbacks read.
  const signed = [...(graph.readableProps(id) ?? [])].filter(
    (p) => !own(spec.browser, p) || own(spec.browser, p)!.signed
  )
  const resigned = props.some((p) => signed.includes(p) && !own(spec.browser, p))
  const missing = signed.filter((p) => !props.includes(p))
  if (resigned && missing.length)
    return `its signed state also holds ${missing.map((p) => `'${p}'`).join(', ')}, whose value the server does not hold`
  return null
}
