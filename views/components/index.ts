/**
 * @module components
 * hyperdash's components (Dash's `dcc.*`). HTML elements (`html.*`) are plain JSX elements.
 * A component is one module: `defineComponent` (./define.ts, docs/components.md).
 */
export { Checklist, type ChecklistProps, type Option } from './checklist.tsx'
export { defineComponent, type BaseProps, type HdAttrs, type PropsOf } from './define.ts'
export {
  typedArray,
  type Figure,
  type Frame,
  type Layout,
  type Trace,
  type TypedArraySpec,
} from './figure.ts'
export { Graph, type GraphProps } from './graph.tsx'
export { Input, type InputProps } from './input.tsx'
export { Location, type LocationProps } from './location.tsx'
export { Slider, type Mark, type SliderProps } from './slider.tsx'

import type { ComponentSpec } from '../../src/protocol/components.ts'
import { hdSpecOf } from '../tree.ts'
import { Checklist } from './checklist.tsx'
import { Graph } from './graph.tsx'
import { Input } from './input.tsx'
import { Location } from './location.tsx'
import { Slider } from './slider.tsx'

/** Dash's namespace, for ports: `<dcc.Input id="x" />`. */
export const dcc = { Input, Slider, Checklist, Location, Graph }

/**
 * The definitions every app knows. Graph is left out: an app learns it where its layout or a
 * callback's output shows one, so pages of apps without a Graph load none of its files.
 */
export const builtinComponents: readonly ComponentSpec[] = [Input, Slider, Checklist, Location].map(
  (c) => hdSpecOf(c)!
)
