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

/**
 * Reads a request body, refusing anything over the limit as soon as it is seen. The rest of an
 * oversized body is still read and dropped (never buffered), so the 413 reaches the client
 * instead of a reset connection; the server's request timeout bounds how long that can take.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let refused = Number(req.headers['content-length'] ?? 0) > limit
    if (refused) reject(new BodyTooLarge())
    req.on('data', (chunk: Buffer) => {
      if (refused) return
      size += chunk.length
      if (size > limit) {
        refused = true
        chunks.length = 0
        reject(new BodyTooLarge())
      } else chunks.push(chunk)
    })
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks).toString('utf8'))
    })
    req.on('error', reject)
  })
}
