/**
 * @module oob
 * The fragments of an update response: one out-of-band `<template hx-swap-oob="hd">` per changed
 * output, applied by the extension's `hd` swap (see src/protocol/constants.ts, SWAP_STYLE).
 */
import { CALLBACK_ATTR, META_ATTR, SWAP_STYLE } from '../src/protocol/constants.ts'

interface Base {
  id: string
  /** Indexes of the callbacks whose results this carries. */
  cbs: string
}

/** Replaces the children of element `id`. */
export const ChildrenSwap = (p: Base & { children?: unknown }) => (
  <template id={p.id} hx-swap-oob={SWAP_STYLE} hd-children="" {...{ [CALLBACK_ATTR]: p.cbs }}>
    {p.children as never}
  </template>
)

/** Sets (or removes, when absent on the carrier) the attributes `names` of element `id`. */
export const AttrSwap = (p: Base & { names: string; attrs: Record<string, unknown> }) => (
  <template id={p.id} hx-swap-oob={SWAP_STYLE} hd-attr={p.names} {...{ [CALLBACK_ATTR]: p.cbs }}>
    <i {...p.attrs} />
  </template>
)

/** Morphs component `id` into its re-rendered self (focus, caret and typed text are kept). */
export const MorphSwap = (p: Base & { children?: unknown }) => (
  <template id={p.id} hx-swap-oob={SWAP_STYLE} hd-morph="" {...{ [CALLBACK_ATTR]: p.cbs }}>
    {p.children as never}
  </template>
)

/**
 * One list edit of element `id`'s children (a `Patch`): `append` / `prepend` the template's content,
 * `insert <i>` it before child element i, `replace <i>` child element i by it, `remove <i>`, `clear`.
 */
export const EditSwap = (p: Base & { edit: string; children?: unknown }) => (
  <template id={p.id} hx-swap-oob={SWAP_STYLE} hd-edit={p.edit} {...{ [CALLBACK_ATTR]: p.cbs }}>
    {p.children as never}
  </template>
)

/**
 * A new signed state as the part that changed: characters `start`–`end` of `data-hd` become the
 * carrier's `data-hd-ins`, if the state has `length` characters and hash `hash` (src/protocol/state-splice.ts).
 */
export const StateSpliceSwap = (
  p: Base & { start: number; end: number; length: number; hash: string; insert: string; sig: string }
) => (
  <template
    id={p.id}
    hx-swap-oob={SWAP_STYLE}
    hd-state={`${p.start} ${p.end} ${p.length} ${p.hash}`}
    {...{ [CALLBACK_ATTR]: p.cbs }}
  >
    <i data-hd-ins={p.insert} data-hd-sig={p.sig} />
  </template>
)

/** A deferred call: the callback's index, its triggers, and its MATCH values when it has MATCH. */
export type DeferredMeta = [number, string[]] | [number, string[], Record<string, unknown>]

/**
 * Callbacks the server left to the client: deferred ones, waiting on requests in flight (R14), and
 * client-side ones for the page to run (R45).
 */
export const Meta = (p: { deferred: DeferredMeta[]; clientside?: [number, string[]][] }) => (
  <template
    {...{
      [META_ATTR]: JSON.stringify(
        p.clientside?.length ? { deferred: p.deferred, clientside: p.clientside } : { deferred: p.deferred }
      ),
    }}
  />
)

/** A background job a streamed answer started: its callback, its token, and its MATCH values. */
export type StreamJob = [number, string] | [number, string, Record<string, unknown>]

/**
 * What a batch of a streamed answer tells the page besides its swaps: background jobs started
 * (`jobs`: `[callback, token]`, kept to cancel or re-attach), jobs ended (`ended`: tokens), and
 * callbacks whose final result this batch holds (`finished`: their `running` goes back now).
 */
export const StreamMeta = (p: { jobs: StreamJob[]; ended: string[]; finished: number[] }) => (
  <template {...{ [META_ATTR]: JSON.stringify({ deferred: [], ...p }) }} />
)

/** The app's client-side callbacks (src/server/clientside.ts), read by static/hyperdash-clientside.js. */
export const ClientsideManifest = (p: { manifest: unknown }) => (
  <template hd-clientside={JSON.stringify(p.manifest)} />
)
