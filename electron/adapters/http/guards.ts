import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const TOKEN_HEADER = 'x-logbook-token'
export const TOKEN_COOKIE = 'logbook_token'
export const MAX_BODY_BYTES = 1024 * 1024

/**
 * Only our own origin may talk to us: a page elsewhere that resolves its name to 127.0.0.1
 * (DNS rebinding) still sends its own Host, which is refused.
 */
export function hostAllowed(host: string | undefined, port: number) {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}

export function sameToken(given: string | undefined | null, token: string) {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function cookieToken(req: IncomingMessage) {
  const cookies = req.headers.cookie?.split(';') ?? []
  for (const cookie of cookies) {
    const [name, ...value] = cookie.trim().split('=')
    if (name === TOKEN_COOKIE) return value.join('=')
  }
  return undefined
}

export class BodyTooLarge extends Error {}
/** The client went away (or the server's request timeout closed it) before the body ended. */
export class BodyAborted extends Error {}

/**
 * Reads a request body, refusing anything over the limit as soon as it is seen: a declared
 * Content-Length over it before a byte is read, a chunked or lying body once the bytes pass it.
 * What follows is dropped, never buffered; the caller answers 413 and closes the connection.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const fail = (error: Error) => {
      if (settled) return
      settled = true
      chunks.length = 0
      reject(error)
    }
    if (Number(req.headers['content-length'] ?? 0) > limit) fail(new BodyTooLarge())
    req.on('data', (chunk: Buffer) => {
      if (settled) return
      size += chunk.length
      if (size > limit) fail(new BodyTooLarge())
      else chunks.push(chunk)
    })
    req.on('end', () => {
      if (settled) return
      settled = true
      resolve(Buffer.concat(chunks).toString('utf8'))
    })
    req.on('error', () => fail(new BodyAborted()))
    req.on('close', () => fail(new BodyAborted()))
  })
}

/**
 * Why a request target may not be routed at all, or null when it may: it must be origin-form (one
 * leading slash) and its path must decode, with no `..` or `.` segments (raw or encoded), no
 * encoded slashes, no backslashes and no NUL bytes. Traversal is refused here, before any route sees it, whatever the
 * static-file resolver would make of it: 400 for what cannot be decoded, else 404 (as a file
 * that is not there, saying nothing about what is outside).
 */
export function targetRefusal(target: string): 400 | 404 | null {
  if (!target.startsWith('/') || target.startsWith('//')) return 404
  const rawPath = target.split('?', 1)[0] ?? ''
  let path: string
  try {
    path = decodeURIComponent(rawPath)
  } catch {
    return 400
  }
  // An encoded slash or backslash only ever serves to hide a separator from a check like this.
  if (/[\\\0]/.test(path) || /%(2f|5c)/i.test(rawPath)) return 404
  return path.split('/').some((segment) => segment === '..' || segment === '.') ? 404 : null
}

/** How long a client may take: slow or stalled clients are closed, others keep being served. */
export interface HttpTimeouts {
  /** Until the request's headers are complete (slowloris). */
  headersTimeout: number
  /** Until the whole request, body included, is received (a body that never ends). */
  requestTimeout: number
  /** An idle kept-alive connection between requests. */
  keepAliveTimeout: number
  /** How often the server looks for connections past these limits. */
  checkInterval: number
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  checkInterval: 1_000,
}
