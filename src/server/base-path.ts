/**
 * @module base-path
 * The base path the app answers under in the request being served (`''`, or `/pages` when mounted
 * with `mountAt('/pages')`), readable from layout functions and callbacks: Dash's
 * `get_relative_path` / `strip_relative_path`, and the pages' `relativePath`.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

const store = new AsyncLocalStorage<string>()

/**
 * Runs `fn` with `base` as the current base path (every route of an app does). When `base` is the
 * current one already (an app served at the root: `''`), no frame is entered: an AsyncLocalStorage
 * never run adds no work to every promise the process makes (Node propagates each enabled store).
 */
export const withBasePath = <T>(base: string, fn: () => T): T =>
  base === currentBasePath() ? fn() : store.run(base, fn)

/** The base path of the request being served; `''` outside one. */
export const currentBasePath = (): string => store.getStore() ?? ''

/**
 * A path of the app as the browser sees it: `getRelativePath('/analytics')` is `/pages/analytics`
 * when the app is mounted at `/pages` (Dash's `get_relative_path`). Call it while a page or an
 * update is served (a layout function, a callback).
 */
export function getRelativePath(path: string): string {
  const base = currentBasePath()
  if (!path.startsWith('/')) {
    throw new TypeError(`getRelativePath('${path}'): give a path that starts with '/', such as '/analytics'.`)
  }
  return base + path
}

/**
 * A browser path without the base path and the slashes around it: `/pages/report/7/` → `report/7`
 * (Dash's `strip_relative_path`); null when it lies outside the app.
 */
export function stripRelativePath(pathname: string, base = currentBasePath()): string | null {
  if (base && pathname !== base && !pathname.startsWith(`${base}/`)) return null
  return pathname.slice(base.length).replace(/^\/+|\/+$/g, '')
}
