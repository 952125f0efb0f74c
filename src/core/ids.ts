/**
 * @module ids
 * Component ids and prop keys: the one place that knows how `id.prop` strings are formed.
 */
import { ConfigError, messages } from './errors.ts'
import { isDictId, isWildcard, stringifyId, type IdPattern, type Wildcard } from './wildcards.ts'

/**
 * A component id as the engine keeps it: a string id, or a dict id in Dash's string form
 * (`{"index":3,"type":"todo"}`, see wildcards.ts). The user's dict form is {@link IdPattern}.
 */
export type ComponentId = string

/** `"<id>.<prop>"`, Dash's prop id form (R3). */
export type PropKey = string

/** Joins an id and a prop into a {@link PropKey}. */
export function propKey(id: ComponentId, prop: string): PropKey {
  return `${id}.${prop}`
}

/** Splits a {@link PropKey} at its last dot: ids may not contain dots (R4), props may not either. */
export function splitKey(key: PropKey): { id: ComponentId; prop: string } {
  const at = key.lastIndexOf('.')
  return at < 0 ? { id: key, prop: '' } : { id: key.slice(0, at), prop: key.slice(at + 1) }
}

/** R4: a string id may not be empty and may not contain `.` or `{`. */
export function assertValidId(id: unknown, where: string): asserts id is ComponentId {
  if (typeof id !== 'string' || id === '') throw new ConfigError(messages.badIdType(id, where))
  if (id.includes('.') || id.includes('{')) throw new ConfigError(messages.badIdChars(id, where))
}

/**
 * R4/R43: a dict id has at least one key; its keys are non-empty strings; its values are strings,
 * numbers, booleans, or (in a dependency) the wildcards `allowed`. Returns its string form.
 */
export function assertValidDictId(
  id: IdPattern,
  where: string,
  allowed: readonly Wildcard[] = []
): ComponentId {
  const keys = Object.keys(id)
  if (keys.length === 0) throw new ConfigError(messages.emptyDictId(where))
  for (const k of keys) {
    const v: unknown = id[k]
    if (k === '') throw new ConfigError(messages.badDictKey(where))
    if (isWildcard(v)) {
      if (!allowed.includes(v)) throw new ConfigError(messages.wildcardNotAllowed(where, k, v.wildcard))
    } else if (
      !['string', 'number', 'boolean'].includes(typeof v) ||
      (typeof v === 'number' && !Number.isFinite(v))
    )
      throw new ConfigError(messages.badDictValue(where, k, v))
  }
  return stringifyId(id)
}

/** A string id (R4) or a dict id: its string form, or a {@link ConfigError} naming `where`. */
export function idString(id: unknown, where: string, allowed: readonly Wildcard[] = []): ComponentId {
  if (isDictId(id)) return assertValidDictId(id, where, allowed)
  assertValidId(id, where)
  return id
}

/** A prop name must be a non-empty identifier-like string (`children`, `n_clicks`, `data-x`). */
export function assertValidProp(prop: unknown, where: string): asserts prop is string {
  if (typeof prop !== 'string' || !/^[A-Za-z_][\w-]*$/.test(prop)) {
    throw new ConfigError(messages.badProp(prop, where))
  }
}
