/**
 * @module components
 * hyperdash's components (Dash's `dcc.*`). HTML elements (`html.*`) are plain JSX elements.
 * A component is one module: `defineComponent` (./define.ts, docs/components.md).
 */
export { Checklist, type ChecklistProps, type Option } from './checklist.tsx'
export {
  ConfirmDialog,
  ConfirmDialogProvider,
  type ConfirmDialogProps,
  type ConfirmDialogProviderProps,
} from './confirm-dialog.tsx'
export { DatePickerRange, type DatePickerRangeProps } from './date-picker-range.tsx'
export { DatePickerSingle, type DatePickerSingleProps } from './date-picker-single.tsx'
export { defineComponent, type BaseProps, type HdAttrs, type PropsOf } from './define.ts'
export { Input, type InputProps } from './input.tsx'
export { Loading, type LoadingProps } from './loading.tsx'
export { Location, type LocationProps } from './location.tsx'
export { Markdown, renderMarkdown, type MarkdownProps } from './markdown.tsx'
export { RangeSlider, type RangeSliderProps } from './range-slider.tsx'
export { Slider, type Mark, type SliderProps } from './slider.tsx'
export { Textarea, type TextareaProps } from './textarea.tsx'
export { Upload, type UploadProps } from './upload.tsx'

import type { ComponentSpec } from '../../src/protocol/components.ts'
import { hdSpecOf } from '../tree.ts'
import { Checklist } from './checklist.tsx'
import { ConfirmDialog, ConfirmDialogProvider } from './confirm-dialog.tsx'
import { DatePickerRange } from './date-picker-range.tsx'
import { DatePickerSingle } from './date-picker-single.tsx'
import { Input } from './input.tsx'
import { Loading } from './loading.tsx'
import { Location } from './location.tsx'
import { Markdown } from './markdown.tsx'
import { RangeSlider } from './range-slider.tsx'
import { Slider } from './slider.tsx'
import { Textarea } from './textarea.tsx'
import { Upload } from './upload.tsx'

/** Dash's namespace, for ports: `<dcc.Input id="x" />`. */
export const dcc = {
  Input,
  Slider,
  Checklist,
  Location,
  Textarea,
  DatePickerSingle,
  DatePickerRange,
  RangeSlider,
  Markdown,
  ConfirmDialog,
  ConfirmDialogProvider,
  Loading,
  Upload,
}

/** The definitions of the built-in components: every app knows them. */
export const builtinComponents: readonly ComponentSpec[] = Object.values(dcc).map((c) => hdSpecOf(c)!)
