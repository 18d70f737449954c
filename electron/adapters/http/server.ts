import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { MethodName, ProgressEvent } from '../../../shared/api'
import { LogbookError, type ErrorCode, type ErrorInfo } from '../../../shared/errors'
import type { ServiceContext } from '../../services/context'
import { invoke, type Registry } from '../../services/registry'
import type { Session } from '../../services/session'
import {
  BodyAborted,
  BodyTooLarge,
  DEFAULT_TIMEOUTS,
  TOKEN_COOKIE,
  TOKEN_HEADER,
  cookieToken,
  hostAllowed,
  readBody,
  sameToken,
  targetRefusal,
  type HttpTimeouts,
} from './guards'
import { resolveStaticPath, sendFile } from './static-files'

/** A call's failure as an HTTP status; the body says the rest. */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  not_found: 404,
  internal: 500,
  busy: 503,
}

export interface HttpServerOptions {
  session: Session
  registry: Registry
  /** The built renderer (out/renderer). */
  rendererDir: string
  port?: number
  /** Shorter limits for tests; the defaults suit a person's browser on the same machine. */
  timeouts?: Partial<HttpTimeouts>
}

export interface RunningHttpServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
  })
  res.end(JSON.stringify(body))
}

function sendError(
  res: ServerResponse,
  status: number,
  error: ErrorInfo,
  headers: Record<string, string> = {},
) {
  sendJson(res, status, { ok: false, error }, headers)
}

/**
 * Browser mode: the built renderer and the contract on 127.0.0.1 only, behind a random per-run
 * token (the page gets it in its URL and keeps it in a same-site cookie; API calls send it in a
 * header, which no other site's page can add without a CORS grant we never give).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { session, registry, rendererDir } = options
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new LogbookError(
      'io_error',
      `The app is not built (no ${join(rendererDir, 'index.html')}): run npm run build first.`,
    )
  }
  const token = randomBytes(24).toString('base64url')
  const listeners = new Set<ServerResponse>()
  let port = 0

  const broadcast = (event: ProgressEvent) => {
    const frame = `event: progress\ndata: ${JSON.stringify(event)}\n\n`
    for (const res of listeners) res.write(frame)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string) {
    if (req.method !== 'POST')
      return sendError(res, 405, { code: 'invalid_input', message: 'Use POST for API calls' })
    if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) {
      return sendError(res, 401, { code: 'invalid_input', message: 'Missing or wrong token' })
    }
    let raw: string
    try {
      raw = await readBody(req)
    } catch (error) {
      if (error instanceof BodyAborted) return
      if (error instanceof BodyTooLarge) {
        // Answer at once and close: the rest of the body is never read, let alone kept.
        return sendError(
          res,
          413,
          { code: 'invalid_input', message: 'Request body too large' },
          { Connection: 'close' },
        )
      }
      throw error
    }
    let input: unknown
    try {
      input = raw.trim() === '' ? {} : JSON.parse(raw)
    } catch (error) {
      return sendError(res, 400, {
        code: 'invalid_input',
        message: `The request body is not valid JSON: ${(error as Error).message}`,
      })
    }
    const ctx: ServiceContext = {
      session,
      adapter: 'http',
      progress: (p) => broadcast({ ...p, method: name as MethodName }),
    }
    const outcome = await invoke(registry, ctx, name, input)
    if (outcome.ok) return sendJson(res, 200, outcome)
    const status = HTTP_STATUS[outcome.error.code] ?? 400
    return sendJson(res, status, outcome)
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (!sameToken(url.searchParams.get('token') ?? cookieToken(req), token)) {
      return sendError(res, 401, { code: 'invalid_input', message: 'Missing or wrong token' })
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream',
      Connection: 'keep-alive',
    })
    res.write(': connected\n\n')
    listeners.add(res)
    req.on('close', () => listeners.delete(res))
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(res, 405, { code: 'invalid_input', message: 'Method not allowed' })
    }
    const queryToken = url.searchParams.get('token')
    if (!sameToken(queryToken ?? cookieToken(req), token)) {
      return sendError(res, 401, {
        code: 'invalid_input',
        message: 'Open the address Logbook printed, with its token',
      })
    }
    const file = resolveStaticPath(rendererDir, url.pathname)
    if (!file) return sendError(res, 404, { code: 'not_found', message: 'No such file' })
    const cookie: Record<string, string> = queryToken
      ? { 'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` }
      : {}
    sendFile(res, file, { ...SECURITY_HEADERS, ...cookie })
  }

  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts }
  const server = createServer(
    {
      headersTimeout: timeouts.headersTimeout,
      requestTimeout: timeouts.requestTimeout,
      keepAliveTimeout: timeouts.keepAliveTimeout,
      connectionsCheckingInterval: timeouts.checkInterval,
    },
    (req, res) => handleRequest(req, res),
  )

  function handleRequest(req: IncomingMessage, res: ServerResponse) {
    if (!hostAllowed(req.headers.host, port)) {
      return sendError(res, 403, { code: 'invalid_input', message: 'Wrong Host header' })
    }
    const refusal = targetRefusal(req.url ?? '')
    if (refusal === 400)
      return sendError(res, 400, { code: 'invalid_input', message: 'The path cannot be decoded' })
    if (refusal === 404) return sendError(res, 404, { code: 'not_found', message: 'No such file' })
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    const route =
      url.pathname === '/api/events'
        ? 'events'
        : url.pathname.startsWith('/api/')
          ? 'api'
          : 'static'
    const done =
      route === 'api'
        ? handleApi(req, res, decodeURIComponent(url.pathname.slice('/api/'.length)))
        : Promise.resolve(
            route === 'events' ? handleEvents(req, res, url) : handleStatic(req, res, url),
          )
    done.catch((error: unknown) => {
      console.error('[logbook] HTTP request failed:', error)
      if (!res.headersSent)
        sendError(res, 500, { code: 'internal', message: 'Something went wrong inside Logbook' })
      else res.end()
    })
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise())
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const res of listeners) res.end()
        server.closeAllConnections()
        server.close(() => resolvePromise())
      }),
  }
}
