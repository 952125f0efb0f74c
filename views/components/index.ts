/**
 * @module components
 * hyperdash's components (Dash's `dcc.*`). HTML elements (`html.*`) are plain JSX elements.
 */
export { Checklist, type ChecklistProps, type Option } from './checklist.tsx'
export { defineComponent, type BaseProps, type HdAttrs } from './define.ts'
export { Input, type InputProps } from './input.tsx'
export { Location, type LocationProps } from './location.tsx'
export { Slider, type Mark, type SliderProps } from './slider.tsx'

import { Checklist } from './checklist.tsx'
import { Input } from './input.tsx'
import { Location } from './location.tsx'
import { Slider } from './slider.tsx'

/** Dash's namespace, for ports: `<dcc.Input id="x" />`. */
export const dcc = { Input, Slider, Checklist, Location }
