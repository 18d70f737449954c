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
  if (
    error instanceof Error &&
    String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')
  ) {
    return {
      code: 'busy',
      message:
        'Logbook is busy writing something else (an import or a recomputation); nothing was changed. Try again when it has finished.',
    }
  }
  if (error instanceof Error && /constraint failed/.test(error.message)) {
    return { code: 'conflict', message: `The database refused the change: ${error.message}` }
  }
  return { code: 'internal', message: 'Something went wrong inside Logbook; nothing was changed.' }
}

/** Deeper than any contract input nests (a record's values inside the call: three levels). */
const MAX_INPUT_DEPTH = 16

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * A key set to undefined means the key is absent, as it does over HTTP (JSON has no undefined).
 * IPC's structured clone keeps such keys, and a partial schema would pass them on to overwrite a
 * stored value with undefined. Copies, never mutates; keys are defined, not assigned, so a
 * `__proto__` key stays a plain key; cycles (structured clone allows them) and anything nested
 * deeper than any contract schema goes are left as they are, for the schema to refuse.
 */
export function withoutUndefinedKeys(
  value: unknown,
  seen = new WeakSet<object>(),
  depth = 0,
): unknown {
  if (value === null || typeof value !== 'object' || seen.has(value) || depth > MAX_INPUT_DEPTH)
    return value
  seen.add(value)
  const inner = (item: unknown) => withoutUndefinedKeys(item, seen, depth + 1)
  if (Array.isArray(value)) return value.map(inner)
  if (!isPlainObject(value)) return value
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<
    string,
    unknown
  >
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue
    Object.defineProperty(copy, key, {
      value: inner(item),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return copy
}

/**
 * A Date, Map, Set, typed array or class instance (IPC's structured clone carries them): it has
 * no own fields, so a schema of optional fields would take it for an empty object.
 */
function isOddObject(value: unknown) {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && !isPlainObject(value)
  )
}

/** A caller's text quoted back in a message: never more than a line of it. */
function shortened(text: string) {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}

/**
 * The input as the handler would receive it, or why it is refused: exactly the check `invoke`
 * makes before a handler runs (tests use it to tell which inputs would reach a handler).
 */
export function parseInput(
  name: MethodName,
  rawInput: unknown,
): { ok: true; data: unknown } | { ok: false; error: ErrorInfo } {
  if (isOddObject(rawInput)) {
    return {
      ok: false,
      error: { code: 'invalid_input', message: 'The input must be an object of named fields' },
    }
  }
  try {
    const parsed = contract[name].input.safeParse(withoutUndefinedKeys(rawInput ?? {}))
    return parsed.success
      ? { ok: true, data: parsed.data }
      : { ok: false, error: describeZodError(parsed.error) }
  } catch (error) {
    // A refinement choking on a value no schema check expected (a deep or odd structure).
    console.error(`[logbook] validating ${name} failed:`, error)
    return { ok: false, error: { code: 'invalid_input', message: `Invalid input for ${name}` } }
  }
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
    return {
      ok: false,
      error: { code: 'not_found', message: `Unknown method "${shortened(name)}"` },
    }
  const parsed = parseInput(name as MethodName, rawInput)
  if (!parsed.ok) return parsed
  for (let attempt = 0; ; attempt++) {
    try {
      return { ok: true, result: await handler(ctx, parsed.data as never) }
    } catch (error) {
      const wait = BUSY_RETRY_DELAYS_MS[attempt]
      if (isBusy(error) && wait !== undefined) {
        await delay(wait)
        continue
      }
      if (!(error instanceof LogbookError) && !isBusy(error))
        console.error(`[logbook] ${name} failed:`, error)
      return { ok: false, error: toErrorInfo(error) }
    }
  }
}

/**
 * Another connection holding the write lock (an import's transaction in its worker) makes a
 * call fail with SQLITE_BUSY after the serving connection's short busy timeout (session.ts).
 * Every handler changes the database in one transaction, so the failed attempt changed nothing
 * and is tried again, waiting without blocking other calls: about 10 s in all (longer than the
 * swap at the end of a background rollup rebuild), then "busy".
 */
export const BUSY_RETRY_DELAYS_MS = [50, 100, 200, 400, 800, ...Array<number>(8).fill(1000)]

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function isBusy(error: unknown) {
  return (
    error instanceof Error && String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')
  )
}
