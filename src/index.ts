/**
 * @module hyperdash
 * Dash's callback model as server-driven HTML. The public entry: the app, dependencies, sentinels,
 * the callback context and errors. Components live in `hyperdash/components`.
 */
export { createApp, HyperApp, isMain, type ListenOptions } from './server/app.ts'
export type { AppOptions } from './server/options.ts'
export { getRelativePath, stripRelativePath } from './server/base-path.ts'
export type { PageArgs, PageEntry, PageOptions, PathVariables } from './server/pages.ts'
export { gracefulShutdown, type Shutdown, type ShutdownOptions } from './server/shutdown.ts'
export {
  Input,
  Output,
  State,
  ref,
  type ComponentProps,
  type ComponentRef,
  type ElementProps,
  type InputDep,
  type OutputDep,
  type OutputOptions,
  type StateDep,
} from './core/dependency.ts'
export { noUpdate, PreventUpdate, type NoUpdate } from './core/sentinels.ts'
export { Patch, type PatchKey, type PatchOperation } from './core/patch.ts'
export { setProps } from './core/side-updates.ts'
export { clientside, type ClientsideFunction } from './core/clientside.ts'
export {
  ALL,
  ALLSMALLER,
  MATCH,
  Wildcard,
  type DictId,
  type IdPattern,
  type IdValue,
  type WildcardName,
} from './core/wildcards.ts'
export {
  ctx,
  type CallbackContext,
  type GroupingLeaf,
  type OutputRef,
  type Triggered,
  type UserId,
} from './core/context.ts'
export { CallbackError, ConfigError } from './core/errors.ts'
export { RequestError } from './protocol/errors.ts'
export type { CallbackArgs, CallbackFn, CallbackOptions, CallbackReturn } from './server/types.ts'
export { html, type ElementBuilder, type HtmlProps } from '../views/html.ts'
export { dcc } from '../views/components/index.ts'
export type { ExternalResource, ExternalScript } from './server/assets.ts'
