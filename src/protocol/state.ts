/**
 * @module state
 * Server-owned props travel in the page (DESIGN.md §1.3), signed with HMAC-SHA256 so a client can
 * neither forge them nor move them to another component, another app, or keep them for ever.
 *
 * - **Per-app keys.** The MAC key is derived (HKDF-SHA256) from the secret and the app's scope: its
 *   `name` (or, without one, a fingerprint of its callback graph) and its base path. Two apps sharing
 *   `HYPERDASH_SECRET` (in one process or in two services) refuse each other's state.
 * - **Issue time.** A signature is `<issued, base 36 seconds>.<MAC over issued, id and JSON>`; state
 *   older than `maxAgeSeconds` is refused with {@link StaleStateError} (409): the page must reload.
 */
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'
import { RequestError } from './errors.ts'
import type { Graph } from '../core/graph.ts'

/** The state a component carries in the page. */
export interface ComponentState {
  /** An HTML tag or a component name such as `dcc.Input`. */
  kind: string
  /** Server-owned props the server needs back (read by callbacks, or needed to re-render). */
  props: Record<string, unknown>
  /**
   * Browser-owned props the client must send (Inputs or States of some callback, or kept for a
   * re-render), each with the name of the reader that reads it in the browser (`{ value: 'number' }`).
   */
  read: Record<string, string>
}

export interface Signer {
  sign(id: string, json: string): string
  /** False for a wrong signature; throws {@link StaleStateError} for a valid one past the maximum age. */
  verify(id: string, json: string, sig: string): boolean
  /** The same for every process signing with the same keys (no issue time): cluster.ts compares it. */
  fingerprint?(): string
}

export interface SignerOptions {
  /**
   * Who the state belongs to: keys are derived per scope, so state signed for one scope is refused by
   * another. A function is called on each use (a graph fingerprint grows as callbacks register).
   */
  scope?: string | (() => string)
  /** Oldest state accepted, in seconds. Default: 24 h. `Infinity` or 0: no limit. */
  maxAgeSeconds?: number
  /** The clock, in ms since the epoch (tests). Default: `Date.now`. */
  now?: () => number
}

/** The default maximum age of signed state: 24 hours. */
export const DEFAULT_STATE_MAX_AGE_SECONDS = 24 * 60 * 60

/** Characters of signed state whose signatures a signer remembers as checked. */
const VERIFIED_CACHE_CHARS = 4_000_000

/** The status of a request whose signed state is past its maximum age. */
export const STALE_STATUS = 409

/** Signed state past the maximum age: 409, and the page shows a reload notice (static/hyperdash.js). */
export class StaleStateError extends RequestError {
  override name = 'StaleStateError'
  constructor(maxAgeSeconds: number) {
    // RequestError's status type lists the statuses of src/core; 409 is this module's own.
    super(
      `This page is older than ${maxAgeSeconds} seconds (the app's \`stateMaxAgeSeconds\`): its signed ` +
        'state has expired. Reload the page.',
      STALE_STATUS as never
    )
  }
}

/**
 * A signer over one or more secrets: signs with the first, accepts any (key rotation: put the new
 * secret first and keep the old one until pages rendered with it are gone).
 */
export function createSigner(secrets: readonly string[], options: SignerOptions = {}): Signer {
  if (secrets.length === 0 || secrets.some((s) => s.length < 16)) {
    throw new Error('Each hyperdash secret must be at least 16 characters long (HYPERDASH_SECRET).')
  }
  const maxAge =
    options.maxAgeSeconds === undefined
      ? DEFAULT_STATE_MAX_AGE_SECONDS
      : options.maxAgeSeconds > 0
        ? options.maxAgeSeconds
        : Infinity
  const now = options.now ?? (() => Date.now())
  const scopeOf = typeof options.scope === 'function' ? options.scope : () => (options.scope as string) ?? ''
  // One derived key per secret for the current scope, recomputed when the scope changes.
  let keysFor: string | null = null
  let keys: Buffer[] = []
  const currentKeys = () => {
    const scope = scopeOf()
    if (scope !== keysFor) {
      keys = secrets.map((s) =>
        Buffer.from(hkdfSync('sha256', s, 'hyperdash/state/v2', `scope:${scope}`, 32))
      )
      keysFor = scope
      verified.clear()
      cached = 0
    }
    return keys
  }
  const mac = (key: Buffer, t: string, id: string, json: string) =>
    createHmac('sha256', key)
      .update(t)
      .update('\n')
      .update(id)
      .update('\n')
      .update(json)
      .digest('base64url')
      .slice(0, 27)
  // Signatures already checked, with what they signed: a page sends the same states with every
  // request, and a string comparison costs far less than an HMAC. Bounded by total size.
  const verified = new Map<string, string>()
  let cached = 0
  return {
    sign(id, json) {
      const t = Math.floor(now() / 1000).toString(36)
      return `${t}.${mac(currentKeys()[0]!, t, id, json)}`
    },
    verify(id, json, sig) {
      const dot = sig.indexOf('.')
      if (dot <= 0 || dot > 12) return false
      const t = sig.slice(0, dot)
      const issued = parseInt(t, 36)
      if (!/^[0-9a-z]+$/.test(t) || !Number.isSafeInteger(issued)) return false
      const ks = currentKeys()
      const signed = `${id}\n${json}`
      let ok = verified.get(sig) === signed
      if (!ok) {
        const got = Buffer.from(sig.slice(dot + 1))
        ok = ks.some((k) => {
          const want = Buffer.from(mac(k, t, id, json))
          return want.length === got.length && timingSafeEqual(want, got)
        })
        if (ok) {
          if (cached + signed.length > VERIFIED_CACHE_CHARS) (verified.clear(), (cached = 0))
          verified.set(sig, signed)
          cached += signed.length
        }
      }
      if (ok && now() / 1000 - issued > maxAge) throw new StaleStateError(maxAge)
      return ok
    },
    fingerprint: () => mac(currentKeys()[0]!, '0', 'hd-fingerprint', ''),
  }
}

/**
 * The scope of an app's state: its `name` when it has one, else a fingerprint of its callback graph
 * (every callback's id, Inputs and States, in order: the same code gives the same scope in every
 * process), and the base path it is served under.
 */
export function stateScope(graph: Graph, name: string | undefined, basePath: string): () => string {
  let counted = -1
  let app = ''
  return () => {
    if (name !== undefined) return `name:${name}\nbase:${basePath}`
    if (counted !== graph.callbacks.length) {
      counted = graph.callbacks.length
      const shape = graph.callbacks.map((cb) => [
        cb.id,
        cb.inputs.map((d) => d.key),
        cb.states.map((d) => d.key),
      ])
      app = createHash('sha256').update(JSON.stringify(shape)).digest('base64url')
    }
    return `graph:${app}\nbase:${basePath}`
  }
}

/** A random secret for one process, when the app has none configured. */
export const randomSecret = () => randomBytes(32).toString('base64url')

/** Secrets from `HYPERDASH_SECRET` (comma-separated, newest first), or null when unset. */
export function secretsFromEnv(env: Record<string, string | undefined> = process.env): string[] | null {
  const raw = env['HYPERDASH_SECRET']?.trim()
  return raw
    ? raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : null
}
