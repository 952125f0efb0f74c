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

/** A deferred call: the callback's index, its triggers, and its MATCH values when it has MATCH. */
export type DeferredMeta = [number, string[]] | [number, string[], Record<string, unknown>]

/** Callbacks the server left to the client, waiting on requests in flight (R14). */
export const Meta = (p: { deferred: DeferredMeta[] }) => (
  <template {...{ [META_ATTR]: JSON.stringify({ deferred: p.deferred }) }} />
)
