import { z } from 'zod'
import {
  contract,
  type CallOutcome,
  type Contract,
  type MethodName,
  type MethodResult,
} from '../../shared/api'
import type { ParsedInputOf } from '../../shared/contract/define'
import { LogbookError, type ErrorInfo } from '../../shared/errors'
import type { ServiceContext } from './context'

export type Handler<M extends MethodName> = (
  ctx: ServiceContext,
  input: ParsedInputOf<Contract[M]>,
) => Promise<MethodResult<M>>

export type HandlerModule = { [M in MethodName]?: Handler<M> }

export type Registry = ReadonlyMap<MethodName, Handler<MethodName>>

/**
 * Joins the modules' handlers. A method handled twice, a handler for a method the contract does
 * not have, or a contract method nobody handles is an error at start-up, not at first call.
 */
export function createRegistry(modules: Record<string, HandlerModule>): Registry {
  const registry = new Map<MethodName, Handler<MethodName>>()
  const owner = new Map<string, string>()
  for (const [moduleName, handlers] of Object.entries(modules)) {
    for (const [name, handler] of Object.entries(handlers)) {
      if (!(name in contract))
        throw new Error(
          `Module ${moduleName} handles "${name}", which the contract does not define`,
        )
      const previous = owner.get(name)
      if (previous)
        throw new Error(
          `Method "${name}" is registered twice (modules ${previous} and ${moduleName})`,
        )
      owner.set(name, moduleName)
      registry.set(name as MethodName, handler as Handler<MethodName>)
    }
  }
  const missing = Object.keys(contract).filter((name) => !owner.has(name))
  if (missing.length > 0) throw new Error(`No handler for ${missing.join(', ')}`)
  return registry
}

/** The first problem zod found, as a field path and a sentence. */
export function describeZodError(error: z.ZodError): ErrorInfo {
  const issue = error.issues[0]
  const field = issue?.path.map(String).join('.') ?? ''
  const message = issue ? (field ? `${field}: ${issue.message}` : issue.message) : 'Invalid input'
  return field ? { code: 'invalid_input', message, field } : { code: 'invalid_input', message }
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof LogbookError) return error.toInfo()
  if (error instanceof z.ZodError) return describeZodError(error)
  if (error instanceof Error && /constraint failed/.test(error.message)) {
    return { code: 'conflict', message: `The database refused the change: ${error.message}` }
  }
  return { code: 'internal', message: 'Something went wrong inside Logbook; nothing was changed.' }
}

/** The one way every adapter calls a service: validate, run, and never let a stack trace out. */
export async function invoke(
  registry: Registry,
  ctx: ServiceContext,
  name: string,
  rawInput: unknown,
): Promise<CallOutcome<unknown>> {
  const handler = registry.get(name as MethodName)
  if (!handler)
    return { ok: false, error: { code: 'not_found', message: `Unknown method "${name}"` } }
  const parsed = contract[name as MethodName].input.safeParse(rawInput ?? {})
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) }
  try {
    return { ok: true, result: await handler(ctx, parsed.data as never) }
  } catch (error) {
    if (!(error instanceof LogbookError)) console.error(`[logbook] ${name} failed:`, error)
    return { ok: false, error: toErrorInfo(error) }
  }
}
