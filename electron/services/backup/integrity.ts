import BetterSqlite3 from 'better-sqlite3'
import { existsSync, rmSync, statSync } from 'node:fs'
import type { IntegrityReport } from '../../../shared/backup'
import { LogbookError } from '../../../shared/errors'

/**
 * `full`: `PRAGMA integrity_check` (every page, every index against its table) and
 * `PRAGMA foreign_key_check`. `quick`: `PRAGMA quick_check`, the same page and structure checks
 * without matching indexes to tables, several times faster (docs/backups.md has the figures).
 */
export type IntegrityMode = 'full' | 'quick'

const MAX_PROBLEMS = 5

/** A database that failed its integrity check: nothing was written to it. */
export class DatabaseDamagedError extends LogbookError {
  constructor(
    readonly path: string,
    readonly report: IntegrityReport,
  ) {
    super(
      'database_unreadable',
      `${path} is damaged (${report.problems[0] ?? 'integrity check failed'}). ` +
        `Logbook did not change it; restore a backup or open another file.`,
    )
    this.name = 'DatabaseDamagedError'
  }
}

function sqliteCode(error: unknown) {
  return error instanceof Error && 'code' in error ? String(error.code) : ''
}

/** SQLite says the file's pages are broken (rather than not a database at all). */
export function isCorruptionError(error: unknown) {
  return sqliteCode(error).startsWith('SQLITE_CORRUPT')
}

function foreignKeyProblems(sqlite: BetterSqlite3.Database) {
  const rows = sqlite.pragma('foreign_key_check') as {
    table: string
    rowid: number | null
    parent: string
  }[]
  return rows.map((r) => `${r.table} row ${r.rowid ?? '?'} refers to a missing ${r.parent}`)
}

/** Runs the check on an open connection; a corruption error while checking is a failed check. */
export function checkIntegrity(
  sqlite: BetterSqlite3.Database,
  mode: IntegrityMode = 'full',
): IntegrityReport {
  try {
    const pragma = mode === 'full' ? 'integrity_check' : 'quick_check'
    const lines = sqlite.pragma(`${pragma}(${MAX_PROBLEMS})`, { simple: false }) as Record<
      string,
      string
    >[]
    // One row can hold several lines, headed by "*** in database main ***".
    const problems = lines
      .flatMap((row) => (Object.values(row)[0] ?? '').split('\n'))
      .map((line) => line.trim())
      .filter((line) => line !== 'ok' && line !== '' && !line.startsWith('***'))
    if (mode === 'full') problems.push(...foreignKeyProblems(sqlite))
    return { ok: problems.length === 0, problems: problems.slice(0, MAX_PROBLEMS) }
  } catch (error) {
    if (!isCorruptionError(error)) throw error
    return { ok: false, problems: [(error as Error).message] }
  }
}

/**
 * Opens `path` read-only for `read`: for files no one else has open (backups, a file to
 * restore). A read-only connection to a WAL-mode file leaves `-wal` and `-shm` files behind;
 * the ones this call made are removed again, so checking a backup leaves its folder as it was.
 */
export async function withReadOnly<T>(
  path: string,
  read: (sqlite: BetterSqlite3.Database) => T | Promise<T>,
): Promise<T> {
  const extras = [`${path}-wal`, `${path}-shm`].filter((p) => !existsSync(p))
  const sqlite = new BetterSqlite3(path, { readonly: true, fileMustExist: true })
  try {
    return await read(sqlite)
  } finally {
    sqlite.close()
    for (const extra of extras) {
      if (existsSync(extra) && (extra.endsWith('-shm') || statSync(extra).size === 0))
        rmSync(extra, { force: true })
    }
  }
}

/** Checks a file that is not open; an unreadable file throws (it is not a database at all). */
export async function checkFileIntegrity(
  path: string,
  mode: IntegrityMode = 'full',
): Promise<IntegrityReport> {
  try {
    return await withReadOnly(path, (sqlite) => checkIntegrity(sqlite, mode))
  } catch (error) {
    if (isCorruptionError(error)) return { ok: false, problems: [(error as Error).message] }
    throw error
  }
}
