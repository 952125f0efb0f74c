/**
 * @module types
 * The compile-time shape of `app.callback()`: parameter types from the Inputs and States, the return
 * type from the Outputs (a value, a tuple for a list of Outputs, `noUpdate` anywhere).
 */
import type { CallbackOptions as EngineOptions } from '../core/callback.ts'
import type { CallbackContext } from '../core/context.ts'
import type { Dependency, InputDep, OutputDep, StateDep } from '../core/dependency.ts'
import type { NoUpdate } from '../core/sentinels.ts'

// `any` here is the variance escape hatch for "a dependency of any value type"; no exported API surfaces it.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type OutputsArg = OutputDep<any> | readonly OutputDep<any>[]
export type InputsArg = InputDep<any> | readonly InputDep<any>[]
export type StatesArg = readonly StateDep<any>[]

type AsList<T> = T extends readonly unknown[] ? T : [T]

/**
 * The value of one dependency, as a callback receives it or may write it: the prop's type, or `null`
 * (an unset prop reads as `null`, and writing `null` unsets it, R9); `unknown` for a plain string id.
 */
export type ValueOf<D> = D extends Dependency<any, infer V> ? (unknown extends V ? unknown : V | null) : never

type Values<T extends readonly unknown[]> = { -readonly [K in keyof T]: ValueOf<T[K]> }

/** What the callback receives: Inputs' values, States' values, then the context. */
export type CallbackArgs<I extends InputsArg, S extends StatesArg> = [
  ...Values<AsList<I>>,
  ...Values<S>,
  CallbackContext,
]

type AllUntyped<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R]
  ? unknown extends ValueOf<H>
    ? AllUntyped<R>
    : false
  : true

/**
 * What the callback returns:
 * - one Output: its value, or `noUpdate`;
 * - a list of Outputs (even of one): a tuple with a value per Output, each of which may be `noUpdate`,
 *   or `noUpdate` alone for all of them (R28);
 * - no Outputs: nothing.
 * A list of Outputs that are all plain string ids takes any array: its length is checked when the
 * callback returns (R31). (A tuple would reject `function f() { return [a, b] }` passed with options:
 * TypeScript types that function's array before it knows the expected tuple.)
 */
export type CallbackReturn<O extends OutputsArg> = O extends readonly []
  ? void | null | NoUpdate
  : O extends readonly unknown[]
    ? AllUntyped<O> extends true
      ? readonly unknown[] | NoUpdate
      : { readonly [K in keyof O]: ValueOf<O[K]> | NoUpdate } | NoUpdate
    : ValueOf<O> | NoUpdate

export type CallbackFn<O extends OutputsArg, I extends InputsArg, S extends StatesArg> = (
  ...args: CallbackArgs<I, S>
) => CallbackReturn<O> | Promise<CallbackReturn<O>>

/** The options of `app.callback()`: the engine's, and the server's `worker`. */
export interface CallbackOptions extends EngineOptions {
  /**
   * Run the callback in a worker thread, which imports this module to find it: pass `import.meta.url`.
   * A call past `timeoutMs` is stopped for real (its thread is terminated), even a synchronous loop.
   * The server wraps the function (src/server/isolate.ts); the engine never sees this option.
   */
  worker?: string | URL
}
