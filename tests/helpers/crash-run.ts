import { spawn } from 'node:child_process'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const ROOT = join(import.meta.dirname, '..', '..')
const CHILD = join(import.meta.dirname, 'crash-child.ts')

export interface KilledChild {
  /** The line on which the child was killed. */
  killedOn: string
  /** Every line the child printed up to then. */
  lines: string[]
  /** Bytes in the database's -wal file at the moment of the kill (0 when there was none). */
  walBytes: number
  signal: NodeJS.Signals | null
}

function walBytes(database: string) {
  try {
    return statSync(`${database}-wal`).size
  } catch {
    return 0
  }
}

/**
 * Runs tests/helpers/crash-child.ts with `args` and kills it with SIGKILL on the first line of
 * its output that `killOn` accepts. Fails when the child ends before that line.
 */
export function killChildOn(
  database: string,
  args: string[],
  killOn: (line: string) => boolean,
): Promise<KilledChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  const lines: string[] = []
  let killed: { line: string; walBytes: number } | undefined
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (killed) return
    lines.push(line)
    if (!killOn(line)) return
    killed = { line, walBytes: walBytes(database) }
    child.kill('SIGKILL')
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      if (!killed) {
        const last = lines.slice(-3).join(' | ')
        reject(
          new Error(
            `the child ended (code ${code}) before its kill point; last: ${last}\n${stderr}`,
          ),
        )
        return
      }
      resolve({ killedOn: killed.line, lines, walBytes: killed.walBytes, signal })
    })
  })
}
