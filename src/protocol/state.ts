/**
 * @module state
 * Server-owned props travel in the page (DESIGN.md §1.3), signed with HMAC-SHA256 so a client can
 * neither forge them nor move them to another component.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

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
  verify(id: string, json: string, sig: string): boolean
}

/** Characters of signed state whose signatures a signer remembers as checked. */
const VERIFIED_CACHE_CHARS = 4_000_000

/**
 * A signer over one or more secrets: signs with the first, accepts any (key rotation: put the new
 * secret first and keep the old one until pages rendered with it are gone).
 */
export function createSigner(secrets: readonly string[]): Signer {
  if (secrets.length === 0 || secrets.some((s) => s.length < 16)) {
    throw new Error('Each hyperdash secret must be at least 16 characters long (HYPERDASH_SECRET).')
  }
  const mac = (secret: string, id: string, json: string) =>
    createHmac('sha256', secret).update(id).update('\n').update(json).digest('base64url').slice(0, 27)
  // Signatures already checked, with what they signed: a page sends the same states with every
  // request, and a string comparison costs far less than an HMAC. Bounded by total size.
  const verified = new Map<string, string>()
  let cached = 0
  return {
    sign: (id, json) => mac(secrets[0]!, id, json),
    verify(id, json, sig) {
      const signed = `${id}\n${json}`
      if (verified.get(sig) === signed) return true
      const got = Buffer.from(sig)
      const ok = secrets.some((s) => {
        const want = Buffer.from(mac(s, id, json))
        return want.length === got.length && timingSafeEqual(want, got)
      })
      if (ok) {
        if (cached + signed.length > VERIFIED_CACHE_CHARS) (verified.clear(), (cached = 0))
        verified.set(sig, signed)
        cached += signed.length
      }
      return ok
    },
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
