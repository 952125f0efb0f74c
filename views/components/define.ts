/**
 * @module define
 * Marks a component function as a hyperdash component of a kind, so the engine can find it in a
 * layout and re-render it when a callback changes one of its props.
 */
import type { JSX } from 'hono/jsx/jsx-runtime'
import { element } from '../html.ts'
import { HD_KIND, type HdComponent } from '../tree.ts'

/** Live attributes passed by the renderer; spread them on the element that carries the id. */
export type HdAttrs = { hd?: Record<string, string> }

const byKind = new Map<string, HdComponent>()

export function defineComponent<P>(
  kind: string,
  render: (props: P & HdAttrs) => JSX.Element
): HdComponent<P> {
  // Called by the renderer (with `hd`), it renders; called by user code — plain JavaScript,
  // `dcc.Input({ id: 'num' })` — it makes the node `<dcc.Input id="num" />` would make.
  const component = (a?: unknown, b?: Record<string, unknown>): JSX.Element =>
    isRenderCall(a) ? render(a as P & HdAttrs) : element(component, a, b)
  Object.defineProperty(component, HD_KIND, { value: kind })
  Object.defineProperty(component, 'name', { value: kind.split('.').pop() })
  byKind.set(kind, component as unknown as HdComponent)
  return component as unknown as HdComponent<P>
}

const isRenderCall = (a: unknown): boolean => typeof a === 'object' && a !== null && 'hd' in a

/** The component function of a kind, to re-render it when a callback changes its props. */
export function componentForKind(kind: string): HdComponent | undefined {
  return byKind.get(kind)
}

/** Common props of every component. */
export interface BaseProps {
  id?: string
  className?: string
  style?: Record<string, string | number>
}
