/**
 * @module isolate-codec
 * What crosses the boundary of a callback worker thread: its return value (JSX, `noUpdate`, raw HTML,
 * plain data) and its error, in a form structured clone keeps, and back.
 */
import { raw } from 'hono/html'
import { jsx } from 'hono/jsx'
import { isNoUpdate, noUpdate, PreventUpdate } from '../core/sentinels.ts'
import type { ComponentRegistry } from '../protocol/components.ts'
import { element, expand, hdKindOf, isNode } from '../../views/tree.ts'

/** Marks an encoded special value; user data never has this key. */
const TAG = '__hyperdash_isolated__'

type Encoded =
  | { [TAG]: 'noUpdate' }
  | { [TAG]: 'raw'; html: string }
  | { [TAG]: 'el'; tag: string; props: Record<string, unknown>; children: unknown[] }
  | { [TAG]: 'hd'; kind: string; props: Record<string, unknown>; children: unknown[] }

const isEscaped = (v: unknown) => v instanceof String && (v as { isEscaped?: boolean }).isEscaped === true

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

async function encodeProps(props: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(props)) {
    // Event handler functions are dropped by server rendering anyway; children travel on their own.
    if (k === 'children' || typeof v === 'function') continue
    out[k] = await encodeValue(v)
  }
  return out
}

/** Turns a callback's return value into data structured clone keeps (in the worker). */
export async function encodeValue(value: unknown): Promise<unknown> {
  if (value instanceof Promise) return encodeValue(await value)
  if (isNoUpdate(value)) return { [TAG]: 'noUpdate' } satisfies Encoded
  if (isEscaped(value)) return { [TAG]: 'raw', html: String(value) } satisfies Encoded
  if (Array.isArray(value)) return Promise.all(value.map(encodeValue))
  if (typeof value !== 'object' || value === null) return value
  if (isNode(value)) {
    const kind = hdKindOf(value.tag)
    const children = await encodeValue(value.children)
    if (kind) return { [TAG]: 'hd', kind, props: await encodeProps(value.props), children } as Encoded
    // User function components run here, in the worker, like the rest of the callback.
    if (typeof value.tag === 'function' || value.tag === '') return encodeValue(await expand(value))
    return { [TAG]: 'el', tag: value.tag, props: await encodeProps(value.props), children } as Encoded
  }
  if (!isPlain(value)) return value // Date, Map…: structured clone, then the value check decides
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = await encodeValue(v)
  return out
}

/** Rebuilds a value encoded by {@link encodeValue} (in the main thread). */
export function decodeValue(value: unknown, components?: ComponentRegistry): unknown {
  const decode = (v: unknown) => decodeValue(v, components)
  if (Array.isArray(value)) return value.map(decode)
  if (typeof value !== 'object' || value === null || !isPlain(value)) return value
  const e = value as Partial<Encoded> & Record<string, unknown>
  switch (e[TAG]) {
    case 'noUpdate':
      return noUpdate
    case 'raw':
      return raw((e as { html: string }).html)
    case 'el': {
      // An expanded element is plain data (views/tree.ts `element`), as `expand` makes it.
      const { tag, props, children } = e as {
        tag: string
        props: Record<string, unknown>
        children: unknown[]
      }
      return element(tag, decode(props) as Record<string, unknown>, decode(children) as unknown[])
    }
    case 'hd': {
      const { kind, props, children } = e as {
        kind: string
        props: Record<string, unknown>
        children: unknown[]
      }
      const tag = components?.get(kind)?.component
      if (!tag)
        throw new Error(
          `A worker returned a component of kind '${kind}', which this app does not know: ` +
            'give it to the app with createApp({ components: [...] }).'
        )
      return jsx(tag as never, decode(props) as never, ...(decode(children) as never[]))
    }
  }
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = decode(v)
  return out
}

/** An error thrown in a worker, as it travels. */
export interface EncodedError {
  prevent: boolean
  name: string
  message: string
  stack?: string
}

export function encodeError(err: unknown): EncodedError {
  if (err instanceof PreventUpdate) return { prevent: true, name: err.name, message: err.message }
  if (err instanceof Error) return { prevent: false, name: err.name, message: err.message, stack: err.stack }
  return { prevent: false, name: 'Error', message: String(err) }
}

/** The error to throw in the main thread: `PreventUpdate` stays itself, others keep name, message, stack. */
export function decodeError(e: EncodedError): Error {
  if (e.prevent) return new PreventUpdate()
  const err = new Error(e.message)
  err.name = e.name
  if (e.stack) err.stack = e.stack
  return err
}
