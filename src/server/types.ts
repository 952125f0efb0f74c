/**
 * @module types
 * The compile-time shape of `app.callback()`: parameter types from the Inputs and States, the return
 * type from the Outputs (a value, a tuple for a list of Outputs, `noUpdate` anywhere).
 */
import type { CallbackContext } from '../core/context.ts'
import type { Dependency, InputDep, OutputDep, StateDep } from '../core/dependency.ts'
import type { NoUpdate } from '../core/sentinels.ts'

// `any` here is the variance escape hatch for "a dependency of any value type"; no exported API surfaces it.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type OutputsArg = OutputDep<any> | readonly OutputDep<any>[]
export type InputsArg = InputDep<any> | readonly InputDep<any>[]
export type StatesArg = readonly StateDep<any>[]

type AsList<T> = T extends readonly unknown[] ? T : [T]
type ValueOf<D> = D extends Dependency<any, infer V> ? (unknown extends V ? unknown : V | null) : never
type Values<T extends readonly unknown[]> = { -readonly [K in keyof T]: ValueOf<T[K]> }

/** What the callback receives: Inputs' values, States' values, then the context. */
export type CallbackArgs<I extends InputsArg, S extends StatesArg> = [
  ...Values<AsList<I>>,
  ...Values<S>,
  CallbackContext,
]

type OutValue<D> = D extends OutputDep<infer V> ? (unknown extends V ? unknown : V) : never
type AllUnknown<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R]
  ? unknown extends OutValue<H>
    ? AllUnknown<R>
    : false
  : true

/** What the callback returns: one value, or a tuple for a list of Outputs; `noUpdate` anywhere. */
export type CallbackReturn<O extends OutputsArg> = O extends readonly unknown[]
  ? AllUnknown<O> extends true
    ? readonly unknown[] | NoUpdate
    : { -readonly [K in keyof O]: OutValue<O[K]> | NoUpdate } | NoUpdate
  : OutValue<O> | NoUpdate

export type CallbackFn<O extends OutputsArg, I extends InputsArg, S extends StatesArg> = (
  ...args: CallbackArgs<I, S>
) => CallbackReturn<O> | Promise<CallbackReturn<O>>
