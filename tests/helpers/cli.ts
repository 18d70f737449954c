import { spawnSync } from 'node:child_process'
import { expect } from 'vitest'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..', '..')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the real CLI in a child process, as a user's terminal would. */
export function runCliProcess(args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 120_000,
    },
  )
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Errors are one clear line on stderr and nothing on stdout. */
export function expectOneLineError(result: { stdout: string; stderr: string }, pattern: RegExp) {
  expect(result.stdout).toBe('')
  const lines = result.stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
}
