// The real browser mode for bench/load.ts: a demo database made with `cli seed`, served by
// `cli serve --port 0` in a child process, and a client for its API (POST JSON with the token).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const ROOT = join(import.meta.dirname, '..')
const CLI = join(ROOT, 'electron/cli/main.ts')
const SERVING = /^Logbook is serving at http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)$/

export interface Served {
  origin: string
  token: string
  child: ChildProcess
  stop(): Promise<void>
}

/** Fills a new file with the demo data, as `npm run cli -- --db FILE seed` does. */
export function seedDemo(database: string) {
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      CLI,
      '--db',
      database,
      'seed',
      '--now',
      '2026-01-01',
      '--tz',
      'Europe/Berlin',
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  )
}

export async function serve(database: string): Promise<Served> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--db', database, 'serve', '--port', '0'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const { stdout } = child
  if (!stdout) throw new Error('serve has no stdout')
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: stdout }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before its address`)))
  })
  const match = SERVING.exec(first)
  if (!match) throw new Error(`Unexpected first line from serve: ${first}`)
  return {
    origin: `http://127.0.0.1:${match[1]}`,
    token: match[2] ?? '',
    child,
    stop: async () => {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await once(child, 'exit')
    },
  }
}

export interface CallOutcome {
  ok: boolean
  ms: number
  result?: unknown
  /** What went wrong: HTTP status and the error's code and message, or the network error. */
  error?: string
}

/** One contract call over HTTP, timed from before the request to the end of the body. */
export async function call(server: Served, method: string, input: unknown): Promise<CallOutcome> {
  const started = performance.now()
  try {
    const response = await fetch(`${server.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-logbook-token': server.token },
      body: JSON.stringify(input),
    })
    const body = (await response.json()) as {
      ok: boolean
      result?: unknown
      error?: { code: string; message: string }
    }
    const ms = performance.now() - started
    if (response.status === 200 && body.ok) return { ok: true, ms, result: body.result }
    return {
      ok: false,
      ms,
      error: `${response.status} ${body.error?.code ?? '?'}: ${body.error?.message ?? ''}`,
    }
  } catch (error) {
    const ms = performance.now() - started
    const cause =
      error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : ''
    return {
      ok: false,
      ms,
      error: `${error instanceof Error ? error.message : String(error)}${cause}`,
    }
  }
}

export interface ProgressFrame {
  method: string
  fraction: number | null
  message: string
}

/** Follows the server's progress events (/api/events, as the window does) until `stop()`. */
export function watchProgress(server: Served, onFrame: (frame: ProgressFrame) => void) {
  const controller = new AbortController()
  const url = `${server.origin}/api/events?token=${encodeURIComponent(server.token)}`
  const done = (async () => {
    const response = await fetch(url, { signal: controller.signal })
    if (!response.body) return
    const decoder = new TextDecoder()
    let pending = ''
    for await (const bytes of response.body) {
      pending += decoder.decode(bytes as Uint8Array, { stream: true })
      const frames = pending.split('\n\n')
      pending = frames.pop() ?? ''
      for (const frame of frames) {
        const data = /^data: (.*)$/m.exec(frame)?.[1]
        if (data) onFrame(JSON.parse(data) as ProgressFrame)
      }
    }
  })().catch((error: unknown) => {
    if (!controller.signal.aborted) throw error
  })
  return {
    stop: async () => {
      controller.abort()
      await done
    },
  }
}
