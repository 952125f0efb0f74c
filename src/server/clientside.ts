/**
 * @module clientside
 * The server's side of client-side callbacks (src/core/clientside.ts): the URLs their modules are
 * served at (files the app serves under `/_hd/clientside/`, assets, or external URLs, each
 * versioned by its content's hash), and the manifest the page reads to run them
 * (static/hyperdash-clientside.js).
 */
import { basename, join } from 'node:path'
import type { CallbackSpec } from '../core/callback.ts'
import type { Graph } from '../core/graph.ts'
import { ASSETS_PATH } from './assets.ts'
import type { AppContext } from './context.ts'
import { fileHash } from './static-files.ts'

/** Where files named by `clientside(new URL(…))` are served, below the base path. */
export const CLIENTSIDE_PREFIX = '/_hd/clientside'

/** One client-side callback as the page runs it. */
export interface ClientsideEntry {
  /** The callback's index in the graph. */
  i: number
  name: string
  /** The module's URL. */
  module: string
  /** The exported function's name. */
  fn: string
  out: string[]
  in: string[]
  st: string[]
  multi: boolean
}

/** What the page needs to run client-side callbacks. */
export interface ClientsideManifest {
  callbacks: ClientsideEntry[]
  /** Props (outputs and inputs of client-side callbacks) that some server callback takes as Input. */
  server: string[]
}

export const clientsideCallbacks = (graph: Graph): CallbackSpec[] =>
  graph.callbacks.filter((cb) => cb.clientside)

/** The path (below the base path) a client-side callback's own module file is served at. */
export const clientsideFilePath = (cb: CallbackSpec) =>
  `${CLIENTSIDE_PREFIX}/${cb.index}/${encodeURIComponent(basename(cb.clientside!.module))}`

/** The URL the page imports a client-side callback's module from. */
function moduleUrl(app: AppContext, cb: CallbackSpec): string {
  const f = cb.clientside!
  if (f.kind === 'url') return f.module
  if (f.kind === 'file') return `${app.basePath}${clientsideFilePath(cb)}?v=${fileHash(f.module)}`
  if (!app.assetsDir) {
    throw new Error(
      `The client-side callback ${cb.name} names '${f.module}' in the assets folder, but the app has none: ` +
        'create ./assets or set assetsFolder, or give clientside() a file URL.'
    )
  }
  return `${app.basePath}${ASSETS_PATH}/${f.module}?v=${fileHash(join(app.assetsDir, f.module))}`
}

/** The manifest of the app's client-side callbacks, or null when it has none. */
export function clientsideManifest(app: AppContext): ClientsideManifest | null {
  const list = clientsideCallbacks(app.graph)
  if (!list.length) return null
  const server = new Set<string>()
  for (const cb of list) {
    for (const d of [...cb.outputs, ...cb.inputs]) {
      if (app.graph.consumers(d.key).some((c) => !c.clientside)) server.add(d.key)
    }
  }
  return {
    callbacks: list.map((cb) => ({
      i: cb.index,
      name: cb.name,
      module: moduleUrl(app, cb),
      fn: cb.clientside!.name,
      out: cb.outputs.map((d) => d.key),
      in: cb.inputs.map((d) => d.key),
      st: cb.states.map((d) => d.key),
      multi: cb.multi,
    })),
    server: [...server],
  }
}
