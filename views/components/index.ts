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
export {
  defineComponent,
  formAttrs,
  formName,
  type BaseProps,
  type HdAttrs,
  type PropsOf,
  type RenderProps,
} from './define.ts'
export {
  typedArray,
  type Figure,
  type Frame,
  type Layout,
  type Trace,
  type TypedArraySpec,
} from './figure.ts'
export { Graph, type GraphProps } from './graph.tsx'
export { DataTable, type Column, type DataTableProps } from './data-table.tsx'
export { FilterQueryError, matches, parseFilterQuery, type Query } from './data-table/filter-query.ts'
export {
  memorySource,
  queryRows,
  type Row,
  type SortBy,
  type TablePage,
  type TableQuery,
} from './data-table/table-data.ts'
export { Dropdown, type DropdownProps } from './dropdown.tsx'
export { Input, type InputProps } from './input.tsx'
export { Interval, type IntervalProps } from './interval.tsx'
export { Link, type LinkProps } from './link.tsx'
export { Loading, type LoadingProps } from './loading.tsx'
export { Location, type LocationProps } from './location.tsx'
export { Markdown, renderMarkdown, type MarkdownProps } from './markdown.tsx'
export { PageContainer, PageMeta, type PageContainerProps } from './page-container.tsx'
export { RangeSlider, type RangeSliderProps } from './range-slider.tsx'
export type { ChoiceOption, ChoiceOptions, OptionValue } from './options.ts'
export { RadioItems, type RadioItemsProps } from './radio-items.tsx'
export { Slider, type Mark, type SliderProps } from './slider.tsx'
export { MemoryStore, Store, STORE_MAX_BYTES, WebStore, type StoreProps } from './store.tsx'
export { Tab, TabList, Tabs, type TabProps, type TabsProps } from './tabs.tsx'
export { Textarea, type TextareaProps } from './textarea.tsx'
export { Upload, type UploadProps } from './upload.tsx'

import type { ComponentSpec } from '../../src/protocol/components.ts'
import { hdSpecOf } from '../tree.ts'
import { Checklist } from './checklist.tsx'
import { DataTable } from './data-table.tsx'
import { ConfirmDialog, ConfirmDialogProvider } from './confirm-dialog.tsx'
import { Graph } from './graph.tsx'
import { DatePickerRange } from './date-picker-range.tsx'
import { DatePickerSingle } from './date-picker-single.tsx'
import { Dropdown } from './dropdown.tsx'
import { Input } from './input.tsx'
import { Interval } from './interval.tsx'
import { Link } from './link.tsx'
import { Loading } from './loading.tsx'
import { Location } from './location.tsx'
import { Markdown } from './markdown.tsx'
import { RadioItems } from './radio-items.tsx'
import { RangeSlider } from './range-slider.tsx'
import { Slider } from './slider.tsx'
import { Store } from './store.tsx'
import { Tab, Tabs } from './tabs.tsx'
import { Textarea } from './textarea.tsx'
import { Upload } from './upload.tsx'

/** Dash's namespace, for ports: `<dcc.Input id="x" />`. */
export const dcc = {
  Input,
  Slider,
  Checklist,
  Location,
  Link,
  Textarea,
  DatePickerSingle,
  DatePickerRange,
  RangeSlider,
  Markdown,
  ConfirmDialog,
  ConfirmDialogProvider,
  Loading,
  Upload,
  Dropdown,
  RadioItems,
  Interval,
  Store,
  Tabs,
  Tab,
  Graph,
}

/** Dash's `dash_table` namespace: `<dash_table.DataTable id="t" … />`. */
export const dash_table = { DataTable }

/**
 * The definitions of the built-in components: every app knows them; a page links their files only
 * once the app uses them (plotly.js for a Graph comes later still: when a Graph is on the page).
 */
export const builtinComponents: readonly ComponentSpec[] = [...Object.values(dcc), DataTable].flatMap((c) => {
  const spec = hdSpecOf(c)
  // A tag made of several definitions (dcc.Store, dcc.Tabs) lists them; dcc.Tab has none of its own.
  if (spec) return [spec]
  const defs = (c as { definitions?: readonly unknown[] }).definitions ?? []
  return defs.map((d) => hdSpecOf(d)!)
})
