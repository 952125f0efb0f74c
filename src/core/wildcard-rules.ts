/**
 * @module wildcard-rules
 * Registration checks of pattern-matching dependencies (R43, Dash's `findMismatchedWildcards` and
 * `validateArg`), each a {@link ConfigError} that says how to fix it, and a callback's MATCH keys.
 */
import type { Dependency } from './dependency.ts'
import { ConfigError } from './errors.ts'
import { ALLSMALLER, keysWith, MATCH, patternsOverlap } from './wildcards.ts'

const label = (d: Dependency) => `${d.kind[0]!.toUpperCase()}${d.kind.slice(1)}(${d.id}, '${d.prop}')`
const matchKeys = (d: Dependency) => (d.pattern ? keysWith(d.pattern, MATCH) : [])
const smallerKeys = (d: Dependency) => (d.pattern ? keysWith(d.pattern, ALLSMALLER) : [])
const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i])

export const wildcardMessages = {
  mismatchedOutputs: (name: string, i: number, d: Dependency, first: Dependency) =>
    `In the callback ${name}: Mismatched \`MATCH\` wildcards across Outputs: ${label(d)} (Output ${i}) does ` +
    `not have MATCH on the same keys as ${label(first)} (Output 0). MATCH must be on the same keys in every ` +
    `Output (ALL need not match). Use the same MATCH keys, or split the callback.`,
  notInOutputs: (name: string, d: Dependency, keys: readonly string[], first: Dependency | undefined) =>
    `In the callback ${name}: ${label(d)} has MATCH or ALLSMALLER on ${keys.map((k) => `'${k}'`).join(', ')}, ` +
    `but ${first ? label(first) : 'the callback (it has no Output)'} has no MATCH there. ALLSMALLER needs a ` +
    `MATCH on the same key in the Outputs, and when the Outputs have MATCH, Input/State MATCH keys must be ` +
    `among them. Add MATCH on ${keys.map((k) => `'${k}'`).join(', ')} to the Outputs, or use ALL.`,
  outputMatchWithoutInput: (name: string, d: Dependency, keys: readonly string[]) =>
    `In the callback ${name}: ${label(d)} has MATCH on ${keys.map((k) => `'${k}'`).join(', ')}, but no Input ` +
    `or State has MATCH (or ALLSMALLER) there, so nothing ties a call to its item. Add an Input with MATCH on the same ` +
    `key(s) (e.g. Input({ ..., index: MATCH }, 'value')), or use ALL in the Output to update every item ` +
    `from one call.`,
  overlapInCallback: (name: string, i: number, d: Dependency, other: Dependency) =>
    `In the callback ${name}: Output ${i} (${d.key}) overlaps another Output of this callback ` +
    `(${other.key}): both can match the same component. Remove one of them.`,
  overlap: (key: string, first: string, second: string, other: string) =>
    `Overlapping wildcard callback outputs: \`${key}\` (callback ${second}) can match the same components ` +
    `as \`${other}\` (callback ${first}). Each component prop may have only one callback: make the ` +
    `patterns disjoint (different keys or a fixed value), or merge the callbacks.`,
}

/**
 * Checks one callback's wildcards (R43) and returns its MATCH keys: the Outputs' MATCH keys, or when
 * the Outputs have none, the Inputs' (Dash #3756: the triggering Input's MATCH values tell the calls
 * apart).
 */
export function checkWildcards(
  name: string,
  outputs: readonly Dependency[],
  inputs: readonly Dependency[],
  states: readonly Dependency[]
): string[] {
  const first = outputs[0]
  const out0 = first ? matchKeys(first) : []
  outputs.forEach((d, i) => {
    if (i > 0 && !same(matchKeys(d), out0))
      throw new ConfigError(wildcardMessages.mismatchedOutputs(name, i, d, first!))
    for (let j = 0; j < i; j++) {
      const o = outputs[j]!
      if (
        o.prop === d.prop &&
        o.pattern &&
        d.pattern &&
        o.shape === d.shape &&
        patternsOverlap(o.pattern, d.pattern)
      )
        throw new ConfigError(wildcardMessages.overlapInCallback(name, i, d, o))
    }
  })
  for (const d of [...inputs, ...states]) {
    const keys = out0.length ? [...matchKeys(d), ...smallerKeys(d)] : smallerKeys(d)
    const missing = keys.filter((k) => !out0.includes(k)).sort()
    if (missing.length) throw new ConfigError(wildcardMessages.notInOutputs(name, d, missing, first))
  }
  if (out0.length) {
    const covered = new Set([...inputs, ...states].flatMap((d) => [...matchKeys(d), ...smallerKeys(d)]))
    const uncovered = out0.filter((k) => !covered.has(k))
    if (uncovered.length)
      throw new ConfigError(wildcardMessages.outputMatchWithoutInput(name, first!, uncovered))
    return out0
  }
  return [...new Set(inputs.flatMap(matchKeys))].sort()
}
