/**
 * @module errors
 * Error classes, chosen by who must act, and every message's wording in one place.
 *
 * - {@link ConfigError}: the app's author made a mistake; thrown while registering, stops the boot.
 * - {@link CallbackError}: a user callback threw or returned a wrong shape; becomes an error fragment.
 *
 * A client's bad request is a `RequestError` (src/protocol/errors.ts): it carries an HTTP status.
 */

/** A mistake in the app's definition (layout, callbacks). Thrown at registration, never per request. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** A callback failed at run time; `cause` holds what it threw. */
export class CallbackError extends Error {
  override name = 'CallbackError'
  constructor(
    message: string,
    readonly callback: string,
    readonly outputs: readonly string[],
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

const show = (v: unknown): string => {
  try {
    const s = JSON.stringify(v)
    return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 77) + '...' : s
  } catch {
    return String(v)
  }
}

/** Message builders: tests assert these texts exactly. */
export const messages = {
  badIdType: (id: unknown, where: string) =>
    `${where}: component id ${show(id)} is not a non-empty string. Give the component a string id such as 'my-output'.`,
  badIdChars: (id: string, where: string) =>
    `${where}: component id '${id}' contains '.' or '{', which Dash reserves for prop ids and pattern ids. ` +
    `Rename it, e.g. '${id.replace(/[.{]/g, '-')}'.`,
  emptyDictId: (where: string) =>
    `${where}: a dict id needs at least one key, e.g. { type: 'item', index: 0 }.`,
  badDictKey: (where: string) => `${where}: a dict id's keys must be non-empty strings.`,
  badDictValue: (where: string, key: string, v: unknown) =>
    `${where}: the value of '${key}' in a dict id is ${show(v)}; dict id values must be strings, numbers ` +
    `or booleans (or a wildcard in a dependency).`,
  wildcardNotAllowed: (where: string, key: string, w: string) =>
    w === 'ALLSMALLER'
      ? `${where}: ALLSMALLER ('${key}') may only be used in an Input or a State, never in an Output. ` +
        `Use MATCH in the Output and ALLSMALLER in the Input on the same key.`
      : `${where}: the wildcard ${w} ('${key}') may not be used here: wildcards belong in the ids of ` +
        `Output, Input and State, never in a component's own id. Give the component concrete values.`,
  badProp: (prop: unknown, where: string) =>
    `${where}: property ${show(prop)} is not a valid prop name. Use a name such as 'children' or 'value'.`,
  wrongOrder: (name: string, position: string, got: string, expected: string) =>
    `In the callback ${name}: ${position} is ${got}, but ${expected} was expected here. ` +
    `A callback takes its dependencies in this order: Outputs first,\nthen all Inputs, then all States.`,
  statesMustBeObject: (name: string) =>
    `In the callback ${name}: the Inputs are given as an object (named arguments), so the States must be ` +
    `an object too, e.g. { inputs: { n: Input('btn', 'n_clicks') } } with { text: State('in', 'value') }.`,
  duplicateArgName: (name: string, key: string) =>
    `In the callback ${name}: '${key}' names both an Input and a State. Give each argument its own name.`,
  noInputs: (name: string) =>
    `In the callback ${name}: a callback with \`preventInitialCall: true\` needs at least one Input, ` +
    `or it could never run. Add an Input, or drop \`preventInitialCall\`.`,
  duplicateOutputInCallback: (name: string, index: number, key: string) =>
    `In the callback ${name}: Output ${index} (${key}) is already used by this callback. Remove the repeated Output.`,
  duplicateOutput: (key: string, first: string, second: string) =>
    `Output \`${key}\` is set by two callbacks (${first}, ${second}). Each output may have only one callback: ` +
    `merge them into one callback with several outputs, and use \`ctx.triggeredId\` to tell the triggers apart, ` +
    `or, if several callbacks must write it, pass \`Output('${key.slice(0, key.lastIndexOf('.'))}', '${key.slice(key.lastIndexOf('.') + 1)}', { allowDuplicate: true })\`.`,
  cycle: (path: readonly string[]) =>
    `Circular dependencies between callbacks: Dependency Cycle Found: ${path.join(' -> ')}. ` +
    `A callback may use one of its own outputs as an Input (a circular update inside one callback), ` +
    `but a chain of several callbacks may not loop. Merge the callbacks of the loop into one.`,
  notAFunction: (name: string) =>
    `In the callback ${name}: the callback function is missing or is not a function.`,
  multiNotArray: (name: string, n: number, got: unknown) =>
    `The callback ${name} is a multi-output callback (${n} outputs given as a list), so it must return an array ` +
    `of ${n} values (or \`noUpdate\`), but it returned ${show(got)}.`,
  multiWrongLength: (name: string, n: number, m: number) =>
    `Invalid number of output values for the callback ${name}: expected ${n}, got ${m}.`,
  wildcardWrongLength: (name: string, key: string, n: number, got: unknown) =>
    `The callback ${name} has the wildcard Output \`${key}\`, which names ${n} component(s) on the page now, ` +
    `so its value must be a list of ${n} (one per component, in page order; \`noUpdate\` allowed), ` +
    `but it returned ${show(got)}.`,
  groupingMismatch: (name: string, why: string) =>
    `The callback ${name} must return the shape of its Outputs: ${why}.`,
  notSerialisable: (name: string, key: string, why: string) =>
    `The callback ${name} returned a value for \`${key}\` that cannot be sent to the page: ${why}. ` +
    `Return strings, numbers, booleans, null, arrays, plain objects or JSX.`,
  invalidProp: (name: string, id: string, kind: string, prop: string, why: string) =>
    `The callback ${name} set '${id}.${prop}' (a ${kind}) to a value it does not accept: ${why}. ` +
    `Return a value of the type the component's \`${prop}\` prop takes.`,
  badSideUpdate: (name: string, id: string, prop: string, why: string) =>
    `The callback ${name} called setProps('${id}', { ${prop}: … }), but ${why}. setProps may only set ` +
    `props that the components on the page have.`,
  unseenSideUpdate: (name: string, id: string, prop: string, why: string) =>
    `The callback ${name} called setProps('${id}', { ${prop}: … }), but this event's request did not carry ` +
    `'${id}' (no Input, State or Output of the callbacks its event sets off names it) and ${why}. Declare ` +
    `'${id}' in the callback, as a State (State('${id}', '${prop}')) or as an Output with allowDuplicate ` +
    `that returns noUpdate, so that its events carry it.`,
  badPatch: (name: string, key: string, kind: string, why: string) =>
    `The callback ${name} returned a Patch for '${key}' (a ${kind}) that cannot be applied: ${why}.`,
  timedOut: (name: string, ms: number) =>
    `The callback ${name} did not finish within ${ms} ms and was abandoned. Raise \`timeoutMs\` for it, ` +
    `or make it faster.`,
}
