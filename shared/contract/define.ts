import type { z } from 'zod'

/**
 * One contract method: the zod schema its input must pass (adapters check it before a handler
 * runs) and, as a phantom type, what it returns.
 */
export interface MethodSpec<Input extends z.ZodType, Result> {
  input: Input
  /** Never read at run time; carries the result type. */
  result?: Result
  /** Long jobs report progress events while they run. */
  reportsProgress?: boolean
}

export function method<Input extends z.ZodType, Result>(
  input: Input,
  options: { reportsProgress?: boolean } = {},
): MethodSpec<Input, Result> {
  return { input, ...options }
}

export type AnyMethod = MethodSpec<z.ZodType, unknown>
export type InputOf<M> = M extends MethodSpec<infer I, unknown> ? z.input<I> : never
export type ParsedInputOf<M> = M extends MethodSpec<infer I, unknown> ? z.output<I> : never
export type ResultOf<M> = M extends MethodSpec<z.ZodType, infer R> ? R : never
