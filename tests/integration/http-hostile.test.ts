import fc from 'fast-check'
import { mkdirSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpServer, type RunningHttpServer } from '../../electron/adapters/http/server'
import { MAX_BODY_BYTES } from '../../electron/adapters/http/guards'
import { createAppRegistry } from '../../electron/services/handlers'
import { Session } from '../../electron/services/session'
import { methodNames } from '../../shared/api'
import { useSuiteTempDir } from '../helpers/tmp'

/** Short limits, so stalled clients are seen closed within a test. */
const TIMEOUTS = {
  headersTimeout: 1500,
  requestTimeout: 3000,
  keepAliveTimeout: 1000,
  checkInterval: 250,
}
const SECRET = 'not for the browser'

const tempDir = useSuiteTempDir()
let server: RunningHttpServer
let session: Session

interface RawReply {
  status: number
  text: string
  /** The server closed the connection (rather than the test giving up). */
  closed: boolean
}

/** A socket to the server, with everything it answers collected. */
function open() {
  const socket = connect(server.port, '127.0.0.1')
  let received = ''
  let closed = false
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')))
  socket.on('error', () => undefined) // a reset after the answer is expected for hostile clients
  const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()))
  socket.on('close', () => (closed = true))
  const reply = (): RawReply => ({
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0),
    text: received,
    closed,
  })
  /** Resolves once the server answered (a status line arrived) or closed, or after `ms`. */
  const answered = (ms: number) =>
    new Promise<RawReply>((resolve) => {
      const done = () => {
        clearInterval(poll)
        clearTimeout(limit)
        resolve(reply())
      }
      const poll = setInterval(() => {
        if (closed || /\r\n\r\n/.test(received)) done()
      }, 10)
      const limit = setTimeout(done, ms)
    })
  return { socket, ended, reply, answered }
}

/** Bytes sent as they are (a path no HTTP client would send), answered once the server closes. */
async function raw(request: string | Buffer, waitMs = 5000) {
  const conn = open()
  conn.socket.write(request)
  await Promise.race([conn.ended, new Promise((r) => setTimeout(r, waitMs))])
  conn.socket.destroy()
  return conn.reply()
}

const host = () => `127.0.0.1:${server.port}`
const get = (path: string, headers = '') =>
  raw(
    `GET ${path} HTTP/1.1\r\nHost: ${host()}\r\nCookie: logbook_token=${server.token}\r\n${headers}Connection: close\r\n\r\n`,
  )
const post = (path: string, body: string, headers = `X-Logbook-Token: ${server.token}\r\n`) =>
  raw(
    `POST ${path} HTTP/1.1\r\nHost: ${host()}\r\n${headers}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )

/** A normal call, to show the server keeps serving others while a hostile client hangs on. */
async function statusCall() {
  const reply = await post('/api/app.status', '{}')
  return reply.status
}

beforeAll(async () => {
  const dir = tempDir()
  const rendererDir = join(dir, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Logbook</title>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, 'secret.txt'), SECRET)
  session = await Session.open(join(dir, 'data', 'logbook.db'))
  server = await startHttpServer({
    session,
    registry: createAppRegistry(),
    rendererDir,
    port: 0,
    timeouts: TIMEOUTS,
  })
})
afterAll(async () => {
  await server.close()
  await session.close()
})

describe('tokens', () => {
  it('answers a call that carries the token (the control case)', async () => {
    expect(await statusCall()).toBe(200)
  })

  it.each([
    ['no token', ''],
    ['an empty token', 'X-Logbook-Token: \r\n'],
    ['a wrong token of the same length', 'X-Logbook-Token: TOKEN\r\n'],
    ['the token in another case', 'X-Logbook-Token: UPPER\r\n'],
    ['the token only as a cookie (what a cross-site form would carry)', 'COOKIE'],
  ])('refuses an API call with %s (401)', async (_case, headers) => {
    const forged = headers
      .replace('TOKEN', 'x'.repeat(server.token.length))
      .replace(
        'UPPER',
        server.token.toUpperCase() === server.token ? 'nope' : server.token.toUpperCase(),
      )
      .replace('COOKIE', `Cookie: logbook_token=${server.token}\r\n`)
    const reply = await post('/api/app.status', '{}', forged)
    expect(reply.status).toBe(401)
  })

  it('refuses the page and the event stream without the token (401)', async () => {
    expect(
      (await raw(`GET / HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`)).status,
    ).toBe(401)
    expect(
      (await raw(`GET /api/events HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`))
        .status,
    ).toBe(401)
  })
})

describe('DNS rebinding', () => {
  // PORT stands for the server's port, OTHER for another one.
  it.each([
    'evil.com',
    'evil.com:PORT',
    '127.0.0.1.evil.com:PORT',
    '127.0.0.1.evil.com',
    'localhost:PORT@evil',
    'localhost:1234@evil',
    'localhost:PORT.evil.com',
    '[::1]:PORT',
    '127.0.0.1:OTHER',
    'LOCALHOST:PORT',
    '',
  ])('refuses Host "%s" with 403, even with the token', async (given) => {
    const value = given
      .replace('PORT', String(server.port))
      .replace('OTHER', String(server.port + 1))
    const api = await raw(
      `POST /api/app.status HTTP/1.1\r\nHost: ${value}\r\nX-Logbook-Token: ${server.token}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    )
    expect(api.status).toBe(403)
    const page = await raw(
      `GET /?token=${server.token} HTTP/1.1\r\nHost: ${value}\r\nConnection: close\r\n\r\n`,
    )
    expect(page.status).toBe(403)
    expect(page.text).not.toContain('<title>Logbook</title>')
  })

  it('refuses a request without any Host (HTTP/1.0) with 403', async () => {
    const reply = await raw(`GET /?token=${server.token} HTTP/1.0\r\n\r\n`)
    expect(reply.status).toBe(403)
  })
})

describe('oversized bodies', () => {
  const head = (extra: string) =>
    `POST /api/app.status HTTP/1.1\r\nHost: ${host()}\r\nX-Logbook-Token: ${server.token}\r\nContent-Type: application/json\r\n${extra}\r\n`
  const overLimit = Buffer.alloc(MAX_BODY_BYTES + 64 * 1024, 'x')

  it('refuses a declared body over 1 MiB before reading it (413)', async () => {
    const conn = open()
    conn.socket.write(head(`Content-Length: ${5 * MAX_BODY_BYTES}\r\n`))
    // Not a byte of the body sent: the answer can only come from the declared length.
    const reply = await conn.answered(5000)
    conn.socket.destroy()
    expect(reply.status).toBe(413)
    expect(reply.text).toMatch(/Request body too large/)
  })

  it('answers 413 to a lying Content-Length once the bytes pass the limit, without waiting for the rest', async () => {
    const conn = open()
    conn.socket.write(head(`Content-Length: 1000\r\n`))
    conn.socket.write(overLimit)
    const reply = await conn.answered(5000)
    conn.socket.destroy()
    // The first 1000 bytes are the body (not JSON: 400); the rest is not a request at all.
    expect([400, 413]).toContain(reply.status)
    expect(await statusCall()).toBe(200)
  })

  it('answers 413 to a chunked body past the limit that never ends, and closes it', async () => {
    const conn = open()
    conn.socket.write(head('Transfer-Encoding: chunked\r\n'))
    for (let sent = 0; sent < overLimit.length; sent += 64 * 1024) {
      conn.socket.write(`${(64 * 1024).toString(16)}\r\n`)
      conn.socket.write(overLimit.subarray(0, 64 * 1024))
      conn.socket.write('\r\n')
    }
    const reply = await conn.answered(5000)
    expect(reply.status).toBe(413)
    await Promise.race([conn.ended, new Promise((r) => setTimeout(r, 5000))])
    expect(conn.reply().closed).toBe(true)
  })

  it('answers 413 to a declared 5 MiB body that is really sent, and keeps serving', async () => {
    const conn = open()
    conn.socket.write(head(`Content-Length: ${overLimit.length}\r\n`))
    conn.socket.write(overLimit)
    const reply = await conn.answered(5000)
    conn.socket.destroy()
    expect(reply.status).toBe(413)
    expect(await statusCall()).toBe(200)
  })
})

describe('path traversal', () => {
  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2E%2E/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..\\secret.txt',
    '/%5c..%5csecret.txt',
    '/assets%5c..%5c..%5csecret.txt',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/C:/Windows/win.ini',
    '/index.html%00.txt',
    '/%00',
    '/assets/./../../secret.txt',
    '/api/../../secret.txt',
  ])('%s gives 404 or 400 and nothing from outside', async (path) => {
    const reply = await get(path)
    expect([400, 404]).toContain(reply.status)
    expect(reply.text).not.toContain(SECRET)
    expect(reply.text).not.toContain('root:')
  })

  it('refuses an absolute-form target and a raw NUL byte', async () => {
    const absolute = await get(`http://${host()}/../secret.txt`)
    expect([400, 404]).toContain(absolute.status)
    expect(absolute.text).not.toContain(SECRET)
    const nul = await get('/index.html\0.txt')
    expect([400, 404]).toContain(nul.status)
  })

  it('refuses an undecodable API path (400) and keeps serving', async () => {
    const reply = await post('/api/%E0%A4%A', '{}')
    expect(reply.status).toBe(400)
    expect(await statusCall()).toBe(200)
  })

  it('still serves files inside the app folder', async () => {
    const reply = await get('/assets/app.js')
    expect(reply.status).toBe(200)
    expect(reply.text).toContain('console.log(1)')
  })
})

describe('random calls over HTTP', () => {
  /** Methods that would switch or replace the database file are left to fuzz-contract. */
  const callable = methodNames.filter(
    (name) => !/\.(open|restore|replace|switch|rebuild)/i.test(name),
  )

  it('any body to any name: 200, 400 or 404 with a JSON outcome, never a 500 or a dead server', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...callable), fc.string({ maxLength: 30 })),
        fc.oneof(
          fc.json({ maxDepth: 4 }),
          fc.string({ maxLength: 200 }),
          fc.constantFrom(
            '',
            'null',
            '[]',
            '{"__proto__":{"polluted":1}}',
            '{"a":1}{"b":2}',
            '\uFEFF{}',
          ),
        ),
        async (name, body) => {
          const reply = await fetch(`http://${host()}/api/${encodeURIComponent(name)}`, {
            method: 'POST',
            headers: { 'X-Logbook-Token': server.token },
            body,
          })
          expect([200, 400, 404]).toContain(reply.status)
          const outcome = (await reply.json()) as { ok: unknown }
          expect(typeof outcome.ok).toBe('boolean')
        },
      ),
      { numRuns: 150 },
    )
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(await statusCall()).toBe(200)
  })
})

describe('slow clients', () => {
  /** Sends `text` one byte per `everyMs`, until the server closes the connection. */
  function trickle(conn: ReturnType<typeof open>, text: string, everyMs: number) {
    let i = 0
    const timer = setInterval(() => {
      if (i >= text.length || conn.socket.destroyed) return clearInterval(timer)
      conn.socket.write(text[i++]!)
    }, everyMs)
    return { stop: () => clearInterval(timer), sent: () => i }
  }

  it('closes a client trickling its headers a byte a second, serving others meanwhile', async () => {
    const conn = open()
    const request = `GET /?token=${server.token} HTTP/1.1\r\nHost: ${host()}\r\nX-Padding: ${'y'.repeat(40)}\r\n\r\n`
    const slow = trickle(conn, request, 1000)
    await new Promise((r) => setTimeout(r, 500))
    expect(await statusCall()).toBe(200)
    await Promise.race([conn.ended, new Promise((r) => setTimeout(r, 10_000))])
    slow.stop()
    const reply = conn.reply()
    expect(reply.closed).toBe(true)
    // Closed long before its headers could have been complete, answered at most with a 408.
    expect(slow.sent()).toBeLessThan(request.length / 4)
    expect([0, 408]).toContain(reply.status)
    conn.socket.destroy()
  })

  it('closes a client whose body never completes, serving others meanwhile', async () => {
    const conn = open()
    conn.socket.write(
      `POST /api/app.status HTTP/1.1\r\nHost: ${host()}\r\nX-Logbook-Token: ${server.token}\r\nContent-Length: 100\r\n\r\n{"a":`,
    )
    expect(await statusCall()).toBe(200)
    await Promise.race([conn.ended, new Promise((r) => setTimeout(r, 10_000))])
    const reply = conn.reply()
    expect(reply.closed).toBe(true)
    expect([0, 408]).toContain(reply.status)
    conn.socket.destroy()
  })

  it('closes a connection that never sends anything', async () => {
    const conn = open()
    await Promise.race([conn.ended, new Promise((r) => setTimeout(r, 10_000))])
    expect(conn.reply().closed).toBe(true)
    conn.socket.destroy()
  })

  it('closes an idle kept-alive connection after its answer', async () => {
    const conn = open()
    conn.socket.write(
      `POST /api/app.status HTTP/1.1\r\nHost: ${host()}\r\nX-Logbook-Token: ${server.token}\r\nContent-Length: 2\r\n\r\n{}`,
    )
    const reply = await conn.answered(5000)
    expect(reply.status).toBe(200)
    await Promise.race([conn.ended, new Promise((r) => setTimeout(r, 10_000))])
    expect(conn.reply().closed).toBe(true)
    conn.socket.destroy()
  })
})
