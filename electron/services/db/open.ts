import BetterSqlite3 from 'better-sqlite3'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { Kysely, SqliteDialect } from 'kysely'
import { LogbookError } from '../../../shared/errors'
import type { Database } from '../../../shared/schema'
import {
  checkIntegrity,
  DatabaseDamagedError,
  isCorruptionError,
  type IntegrityMode,
} from '../backup/integrity'
import { createBackup } from '../backup/store'
import { migrateToLatest, readMigrationState } from './migrate'

export interface DatabaseHandle {
  path: string
  sqlite: BetterSqlite3.Database
  db: Kysely<Database>
  /** Where the pre-migration backup went, when one was needed. */
  migrationBackup: string | null
  close(): Promise<void>
}

export interface OpenOptions {
  /** Leave the schema as it is (tests that walk migrations by hand). */
  migrate?: boolean
  /**
   * Check an existing file before anything writes to it (default `quick`; the app's start-up
   * runs `full` first, see electron/services/backup/recovery.ts). A failed check throws
   * DatabaseDamagedError and the file stays as it was.
   */
  integrity?: IntegrityMode | 'none'
}

function readOnlyState(path: string, integrity: IntegrityMode | 'none') {
  let probe: BetterSqlite3.Database
  try {
    probe = new BetterSqlite3(path, { readonly: true, fileMustExist: true })
  } catch (error) {
    throw unreadable(path, error)
  }
  try {
    if (integrity !== 'none') {
      const report = checkIntegrity(probe, integrity)
      if (!report.ok) throw new DatabaseDamagedError(path, report)
    }
    const state = readMigrationState(probe)
    const foreignTables = probe
      .prepare(
        `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
      )
      .pluck()
      .get() as number
    if (state.applied.length === 0 && foreignTables > 0) {
      throw new LogbookError(
        'database_unreadable',
        `${path} holds tables but is not a Logbook database, so Logbook will not change it. ` +
          `Choose a Logbook file or a new file name.`,
      )
    }
    return state
  } catch (error) {
    if (error instanceof LogbookError) throw error
    if (isCorruptionError(error))
      throw new DatabaseDamagedError(path, { ok: false, problems: [(error as Error).message] })
    throw unreadable(path, error)
  } finally {
    probe.close()
  }
}

function unreadable(path: string, error: unknown) {
  const reason = error instanceof Error ? error.message : String(error)
  return new LogbookError(
    'database_unreadable',
    `Cannot open ${path} as a Logbook database: ${reason}`,
  )
}

/** Per-connection settings; WAL lets a worker write while the UI reads. */
export function configureConnection(sqlite: BetterSqlite3.Database) {
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
}

/**
 * Opens (creating if needed) a Logbook database and brings its schema up to date. A file made by
 * a newer Logbook, or one that fails its integrity check, is refused before anything writes to
 * it, so it stays byte-identical. A file with data is backed up with the online backup API
 * before any migration runs.
 */
export async function openDatabase(
  path: string,
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  const existed = existsSync(path) && statSync(path).size > 0
  const state = existed ? readOnlyState(path, options.integrity ?? 'quick') : null

  mkdirSync(dirname(path), { recursive: true })
  let sqlite: BetterSqlite3.Database
  try {
    sqlite = new BetterSqlite3(path)
    configureConnection(sqlite)
  } catch (error) {
    throw unreadable(path, error)
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  const close = async () => {
    await db.destroy()
  }

  let migrationBackup: string | null = null
  try {
    if (options.migrate !== false && (state === null || state.pending.length > 0)) {
      if (existed) {
        migrationBackup = (await createBackup(sqlite, path, 'before-migration')).path
      }
      await migrateToLatest(sqlite, db)
    }
  } catch (error) {
    await close()
    throw error
  }
  return { path, sqlite, db, migrationBackup, close }
}
