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

/** Reads a request body, refusing (before buffering it) anything over the limit. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) throw new BodyTooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new BodyTooLarge()
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}
