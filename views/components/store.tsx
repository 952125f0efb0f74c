/**
 * @module store
 * `dcc.Store`: JSON data kept for the page (Dash's `data`, `storage_type`, `modified_timestamp`,
 * `clear_data`). Two definitions behind one tag, because who owns `data` differs:
 * - `memory` (default): `data` is server-owned. It travels in the page, signed like any server-owned
 *   prop; callbacks set it and read it as Input/State. Reset by a reload, as in Dash.
 * - `local` / `session`: `data` is the browser's, kept in `localStorage` / `sessionStorage`
 *   (static/components/store.js): restored on page load and fired as Dash does, written when a
 *   callback sets it, synced across tabs by the `storage` event. The browser sends it with requests;
 *   the server checks it as a bounded JSON value.
 * `data` is at most {@link STORE_MAX_BYTES} as JSON either way: larger is refused naming the store.
 */
import { z } from 'zod'
import { jsonValue } from '../../src/protocol/json-value.ts'
import { defineComponent, type PropsOf, type RenderProps } from './define.ts'

/**
 * Largest `data`, as JSON: it travels with requests (the update route takes 1 MiB by default,
 * `maxBodyBytes`). A callback returning more fails naming the store; a browser sending more gets 422.
 */
export const STORE_MAX_BYTES = 1_000_000

/** The event the module dispatches on the element when storage changed (`detail.props`: which props). */
export const STORE_EVENT = 'hd-store'

const data = jsonValue({ maxBytes: STORE_MAX_BYTES, maxDepth: 64 })
const timestamp = z.number().int().min(-1).max(8.64e15).nullable()
const storageType = z.enum(['memory', 'local', 'session'])

const shared = {
  /** The data kept: any JSON value. */
  data,
  /** `memory` (default), `local` (kept across visits), `session` (kept until the tab closes). */
  storage_type: storageType,
  /** When `data` last changed, in ms since the epoch; -1 when never. */
  modified_timestamp: timestamp,
  /** Set to true by a callback: the stored data is removed (`data` becomes null). local/session only. */
  clear_data: z.boolean(),
}

const fromModule = { event: STORE_EVENT, read: 'store', keep: true } as const
const scripts = [new URL('../../static/components/store.js', import.meta.url)]

/** The attributes both kinds render; the module reads them. */
function attrs(p: RenderProps<typeof shared>, type: string) {
  return {
    id: p.id,
    hidden: true,
    class: ['hd-store', p.className].filter(Boolean).join(' '),
    'data-storage-type': type,
    'data-modified-timestamp': String(p.modified_timestamp ?? -1),
    'data-max-bytes': String(STORE_MAX_BYTES),
  }
}

/** `storage_type="memory"`: `data` server-owned and signed; the module stamps `modified_timestamp`. */
export const MemoryStore = defineComponent({
  name: 'dcc.Store',
  props: shared,
  browser: { modified_timestamp: fromModule },
  scripts,
  render: (p) => <div {...attrs(p, 'memory')} {...p.hd} />,
})

/**
 * `storage_type="local"` or `"session"`: `data` is the browser's. The rendered `data-data` is the
 * layout's value on a first page (the module compares it with storage, as Dash's Store does on mount)
 * and a callback's value after it set one (the module writes it to storage).
 */
export const WebStore = defineComponent({
  name: 'dcc.Store.web',
  props: shared,
  browser: {
    data: fromModule,
    modified_timestamp: fromModule,
    clear_data: { event: STORE_EVENT, read: 'store', keep: true, schema: z.boolean().nullable() },
  },
  scripts,
  render: (p) => (
    <div
      {...attrs(p, p.storage_type === 'session' ? 'session' : 'local')}
      data-data={JSON.stringify(p.data ?? null)}
      data-clear-data={p.clear_data ? 'true' : 'false'}
      {...p.hd}
    />
  ),
})

export type StoreProps = PropsOf<typeof shared> & { id: string }

/**
 * Keeps JSON data for the page: in the page itself (`memory`), or in the browser's `localStorage` or
 * `sessionStorage`.
 * @example <Store id="store" storage_type="session" data={[]} />
 */
export function Store(props: StoreProps) {
  return props.storage_type === 'local' || props.storage_type === 'session' ? (
    <WebStore {...props} />
  ) : (
    <MemoryStore {...props} />
  )
}
/** The definitions behind the tag, for the app's registry. */
Store.definitions = [MemoryStore, WebStore] as const
