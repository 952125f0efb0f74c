/**
 * @module components
 * hyperdash's components (Dash's `dcc.*`). HTML elements (`html.*`) are plain JSX elements.
 * A component is one module: `defineComponent` (./define.ts, docs/components.md).
 */
export { Checklist, type ChecklistProps, type Option } from './checklist.tsx'
export { defineComponent, type BaseProps, type HdAttrs, type PropsOf } from './define.ts'
export { Input, type InputProps } from './input.tsx'
export { Link, type LinkProps } from './link.tsx'
export { Location, type LocationProps } from './location.tsx'
export { PageContainer, PageMeta, type PageContainerProps } from './page-container.tsx'
export { Slider, type Mark, type SliderProps } from './slider.tsx'

import type { ComponentSpec } from '../../src/protocol/components.ts'
import { hdSpecOf } from '../tree.ts'
import { Checklist } from './checklist.tsx'
import { Input } from './input.tsx'
import { Link } from './link.tsx'
import { Location } from './location.tsx'
import { Slider } from './slider.tsx'

/** Dash's namespace, for ports: `<dcc.Input id="x" />`. */
export const dcc = { Input, Slider, Checklist, Location, Link }

/** The definitions of the built-in components: every app knows them. */
export const builtinComponents: readonly ComponentSpec[] = Object.values(dcc).map((c) => hdSpecOf(c)!)
