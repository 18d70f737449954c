import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpServer, type RunningHttpServer } from '../../electron/adapters/http/server'
import { createAppRegistry } from '../../electron/services/handlers'
import { Session } from '../../electron/services/session'
import { useSuiteTempDir } from '../helpers/tmp'

const tempDir = useSuiteTempDir()
let server: RunningHttpServer
let session: Session

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw request, so Host and body can be anything a hostile client might send. */
function send(options: {
  method?: string
  path: string
  headers?: Record<string, string>
  body?: string | Buffer
}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        )
      },
    )
    req.on('error', reject)
    if (options.body) req.write(options.body)
    req.end()
  })
}

const api = (name: string, body: string, headers: Record<string, string> = {}) =>
  send({
    method: 'POST',
    path: `/api/${name}`,
    body,
    headers: { 'Content-Type': 'application/json', 'X-Logbook-Token': server.token, ...headers },
  })

beforeAll(async () => {
  const dir = tempDir()
  const rendererDir = join(dir, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Logbook</title>')
  writeFileSync(join(dir, 'secret.txt'), 'not for the browser')
  session = await Session.open(join(dir, 'data', 'logbook.db'))
  server = await startHttpServer({ session, registry: createAppRegistry(), rendererDir, port: 0 })
})
afterAll(async () => {
  await server.close()
  await session.close()
})

describe('the HTTP adapter', () => {
  it('listens on 127.0.0.1 and answers a call with the token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/)
    const reply = await api('app.status', '{}')
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: true,
      result: { database: 'own', firstStart: true },
    })
  })

  it('refuses API calls without the token, or with a wrong one (401)', async () => {
    expect((await api('app.status', '{}', { 'X-Logbook-Token': '' })).status).toBe(401)
    expect((await api('app.status', '{}', { 'X-Logbook-Token': 'guess' })).status).toBe(401)
    expect((await send({ path: '/' })).status).toBe(401)
  })

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    const reply = await send({
      path: `/?token=${server.token}`,
      headers: { Host: `evil.example:${server.port}` },
    })
    expect(reply.status).toBe(403)
    expect((await api('app.status', '{}', { Host: 'localhost:1' })).status).toBe(403)
    expect((await api('app.status', '{}', { Host: `localhost:${server.port}` })).status).toBe(200)
  })

  it('sends no CORS headers', async () => {
    const reply = await api('app.status', '{}', { Origin: 'https://evil.example' })
    expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
  })

  it('refuses bodies over the limit with 413 and broken JSON with 400 and a message', async () => {
    expect(
      (await api('app.status', JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }))).status,
    ).toBe(413)
    const broken = await api('app.status', '{"oops": ')
    expect(broken.status).toBe(400)
    expect(JSON.parse(broken.body).error.message).toMatch(/not valid JSON/)
  })

  it('refuses invalid input with 400, naming the problem', async () => {
    const reply = await api('app.status', '{"unexpected": true}')
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('serves the page with the token, sets a same-site cookie, and keeps static paths inside', async () => {
    const page = await send({ path: `/?token=${server.token}` })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Logbook</title>')
    expect(String(page.headers['set-cookie'])).toMatch(/logbook_token=.*HttpOnly; SameSite=Strict/)
    expect(page.headers['content-security-policy']).toContain("default-src 'self'")
    const cookie = `logbook_token=${server.token}`
    expect(
      (await send({ path: '/../secret.txt', headers: { Cookie: cookie } })).body,
    ).not.toContain('not for the browser')
    expect((await send({ path: '/%2e%2e/secret.txt', headers: { Cookie: cookie } })).status).toBe(
      404,
    )
  })

  it('pushes progress of a long job to the page as server-sent events', async () => {
    let connected: () => void = () => undefined
    const listening = new Promise<void>((resolve) => (connected = resolve))
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: `/api/events?token=${server.token}`,
          headers: { Host: `127.0.0.1:${server.port}` },
        },
        (res) => {
          expect(res.headers['content-type']).toBe('text/event-stream')
          let buffer = ''
          res.on('data', (chunk: Buffer) => {
            buffer += chunk.toString()
            if (buffer.startsWith(': connected')) connected()
            const frame = buffer.split('\n\n').find((f) => f.startsWith('event: progress'))
            if (frame) {
              req.destroy()
              resolve(frame)
            }
          })
        },
      )
      req.on('error', reject)
      req.end()
    })
    await listening
    expect((await api('settings.update', '{"sessionGapMinutes": 40}')).status).toBe(200)
    const frame = await received
    expect(JSON.parse(frame.split('data: ')[1]!)).toMatchObject({
      method: 'settings.update',
      message: expect.any(String),
    })
  })

  it('refuses the event stream without the token', async () => {
    expect((await send({ path: '/api/events' })).status).toBe(401)
  })
})
