import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const ROOT = join(import.meta.dirname, '..', '..')
const SERVING = /^Logbook is serving at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))$/

export interface TestServer {
  url: string
  origin: string
  token: string
  dataDir: string
  dbPath: string
  stop(): Promise<void>
}

/** The real browser mode (`cli -- serve --port 0`) on a fresh temporary database. */
export async function startTestServer(): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'logbook-e2e-'))
  const dbPath = join(dataDir, 'logbook.db')
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), '--db', dbPath, 'serve', '--port', '0'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', resolve)
    child.once('exit', (code) =>
      reject(new Error(`serve exited with ${code} before printing its address`)),
    )
  })
  const match = SERVING.exec(firstLine)
  if (!match) throw new Error(`Unexpected first line from serve: ${firstLine}`)
  return {
    url: match[1]!,
    origin: `http://127.0.0.1:${match[2]}`,
    token: match[3]!,
    dataDir,
    dbPath,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
