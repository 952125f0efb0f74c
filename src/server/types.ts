/**
 * @module types
 * The compile-time shape of `app.callback()`: parameter types from the Inputs and States, the return
 * type from the Outputs (a value, a tuple for a list of Outputs, `noUpdate` anywhere).
 */
import type { CallbackOptions as EngineOptions } from '../core/callback.ts'
import type { CallbackContext } from '../core/context.ts'
import type { Dependency, InputDep, OutputDep, StateDep } from '../core/dependency.ts'
import type { NoUpdate } from '../core/sentinels.ts'
import type { BackgroundOptions } from './jobs/background.ts'

// `any` here is the variance escape hatch for "a dependency of any value type"; no exported API surfaces it.
/* eslint-disable @typescript-eslint/no-explicit-any */

// Three levels of nesting: deep enough for any signature, shallow enough for the compiler.
type G0<D> = D | readonly D[] | { readonly [key: string]: D }
type G1<D> = D | readonly G0<D>[] | { readonly [key: string]: G0<D> }

/** A dependency, an array of groupings, or an object of groupings (flexible signatures, R39). */
export type Group<D> = D | readonly G1<D>[] | { readonly [key: string]: G1<D> }

export type OutputsArg = Group<OutputDep<any, boolean>>
type In = InputDep<any, boolean>
type InOrState = In | StateDep<any, boolean>
/** Inputs: one, a list of Inputs (nested lists and objects may hold States too), or an object. */
export type InputsArg =
  | In
  | readonly (In | readonly G1<InOrState>[] | { readonly [key: string]: G1<InOrState> })[]
  | { readonly [key: string]: G1<InOrState> }
export type StatesArg =
  | readonly Group<StateDep<any, boolean>>[]
  | { readonly [key: string]: Group<StateDep<any, boolean> | InputDep<any, boolean>> }

type AnyDep = Dependency<any, any, boolean>

/**
 * The value of one dependency, as a callback receives it or may write it: the prop's type, or `null`
 * (an unset prop reads as `null`, and writing `null` unsets it, R9); `unknown` for a plain string id.
 * ALL/ALLSMALLER: a list of those (`unknown[]` untyped).
 */
export type ValueOf<D> =
  D extends Dependency<any, infer V, infer M>
    ? [M] extends [true]
      ? unknown extends V
        ? unknown[]
        : (V | null)[]
      : unknown extends V
        ? unknown
        : V | null
    : never

/** The values of a grouping, in its shape. */
export type GroupValues<G> = G extends AnyDep
  ? ValueOf<G>
  : G extends readonly unknown[]
    ? { -readonly [K in keyof G]: GroupValues<G[K]> }
    : { -readonly [K in keyof G]: GroupValues<G[K]> }

type Values<T extends readonly unknown[]> = { -readonly [K in keyof T]: GroupValues<T[K]> }

/**
 * What the callback receives: Inputs' values, States' values, then the context. Inputs given as an
 * object (named arguments): one object of every Input's and State's value, then the context.
 */
export type CallbackArgs<I extends InputsArg, S extends StatesArg> = I extends AnyDep
  ? [ValueOf<I>, ...StateValues<S>, CallbackContext]
  : I extends readonly [...infer L]
    ? [...Values<L>, ...StateValues<S>, CallbackContext]
    : [GroupValues<I & (S extends readonly unknown[] ? unknown : S)>, CallbackContext]

type StateValues<S> = S extends readonly unknown[] ? Values<S> : []

type AllUntyped<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R]
  ? H extends AnyDep
    ? unknown extends ValueOf<H>
      ? AllUntyped<R>
      : false
    : false
  : true

/** What one Output (or a grouping of them) may return: ALL Outputs a list, `noUpdate` anywhere. */
type ReturnOf<G> = G extends AnyDep
  ? ValueOf<G> extends readonly (infer E)[]
    ? readonly (E | NoUpdate)[] | NoUpdate
    : ValueOf<G> | NoUpdate
  : { readonly [K in keyof G]: ReturnOf<G[K]> } | NoUpdate

/**
 * What the callback returns:
 * - one Output: its value, or `noUpdate`; an ALL Output: a list with one value per component;
 * - a list of Outputs (even of one): a tuple with a value per Output, each of which may be `noUpdate`,
 *   or `noUpdate` alone for all of them (R28);
 * - an object (or nested lists) of Outputs: the same shape;
 * - no Outputs: nothing.
 * A list of Outputs that are all plain string ids takes any array: its length is checked when the
 * callback returns (R31). (A tuple would reject `function f() { return [a, b] }` passed with options:
 * TypeScript types that function's array before it knows the expected tuple.)
 */
export type CallbackReturn<O extends OutputsArg> = O extends readonly []
  ? void | null | NoUpdate
  : O extends AnyDep
    ? ReturnOf<O>
    : O extends readonly unknown[]
      ? AllUntyped<O> extends true
        ? readonly unknown[] | NoUpdate
        : { readonly [K in keyof O]: ReturnOf<O[K]> } | NoUpdate
      : ReturnOf<O>

export type CallbackFn<O extends OutputsArg, I extends InputsArg, S extends StatesArg> = (
  ...args: CallbackArgs<I, S>
) => CallbackReturn<O> | Promise<CallbackReturn<O>>

/** The options of `app.callback()`: the engine's, the server's `worker`, and background jobs'. */
export interface CallbackOptions extends EngineOptions, BackgroundOptions {
  /**
   * Run the callback in a worker thread, which imports this module to find it: pass `import.meta.url`.
   * A call past `timeoutMs` is stopped for real (its thread is terminated), even a synchronous loop.
   * The server wraps the function (src/server/isolate.ts); the engine never sees this option.
   */
  worker?: string | URL
}
