/**
 * @module ids
 * Component ids and prop keys: the one place that knows how `id.prop` strings are formed.
 */
import { ConfigError, messages } from './errors.ts'

/** A component id. Dict ids (pattern matching, R40) will extend this type later. */
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

/** A prop name must be a non-empty identifier-like string (`children`, `n_clicks`, `data-x`). */
export function assertValidProp(prop: unknown, where: string): asserts prop is string {
  if (typeof prop !== 'string' || !/^[A-Za-z_][\w-]*$/.test(prop)) {
    throw new ConfigError(messages.badProp(prop, where))
  }
}
