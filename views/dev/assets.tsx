/**
 * @module dev/assets
 * The development tools' paths and the script tag that reloads a page when the dev server restarts
 * (`npm run dev`). Pages include it only in development.
 */
import { randomBytes } from 'node:crypto'
import { STATIC_PREFIX } from '../../src/protocol/constants.ts'

/** The callback-graph page, relative to the app's base path. */
export const DEV_PATH = '/_hd/dev'
/** The reload stream (server-sent events), relative to the app's base path. */
export const RELOAD_PATH = `${DEV_PATH}/reload`
/** The dev script and the dev page's stylesheet, served with the other static files. */
export const DEV_SCRIPT = 'hyperdash-dev.js'
export const DEV_STYLESHEET = 'hyperdash-dev.css'

/**
 * Names this server process. A page remembers the id it was rendered with; the reload stream sends
 * the current one, so a page rendered by an earlier process (before a restart) reloads itself.
 */
export const BOOT_ID = randomBytes(9).toString('base64url')

/** The app's base path from its static URL (`/dash/_hd/static` → `/dash`). */
export function basePathOf(staticUrl: string): string {
  return staticUrl.endsWith(STATIC_PREFIX) ? staticUrl.slice(0, -STATIC_PREFIX.length) : ''
}

/** The dev script tag: reloads the page after a restart of the server (development only). */
export const DevScript = (p: { staticUrl: string }) => (
  <script
    src={`${p.staticUrl}/${DEV_SCRIPT}`}
    data-hd-reload={`${basePathOf(p.staticUrl)}${RELOAD_PATH}`}
    data-hd-boot={BOOT_ID}
    defer
  />
)
