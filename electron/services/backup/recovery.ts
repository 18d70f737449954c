import BetterSqlite3 from 'better-sqlite3'
import { existsSync, statSync } from 'node:fs'
import type { BackupInfo } from '../../../shared/backup'
import { readMigrationState } from '../db/migrate'
import { checkIntegrity, DatabaseDamagedError, isCorruptionError, withReadOnly } from './integrity'
import { restoreDatabaseFile } from './restore'
import { listBackups } from './store'

/**
 * The start-up check: `PRAGMA integrity_check` and `PRAGMA foreign_key_check` on a read-only
 * connection, before anything opens the file for writing. Throws DatabaseDamagedError; a file
 * that is not there yet (first start) passes.
 */
export function checkDatabaseAtStartup(path: string) {
  if (!existsSync(path) || statSync(path).size === 0) return
  let probe: BetterSqlite3.Database | null = null
  try {
    probe = new BetterSqlite3(path, { readonly: true, fileMustExist: true })
    const report = checkIntegrity(probe, 'full')
    if (!report.ok) throw new DatabaseDamagedError(path, report)
  } catch (error) {
    if (isCorruptionError(error))
      throw new DatabaseDamagedError(path, { ok: false, problems: [(error as Error).message] })
    // Anything else (not a database, a newer Logbook's file) is for openDatabase to explain.
    if (error instanceof DatabaseDamagedError) throw error
  } finally {
    probe?.close()
  }
}

/** A backup this Logbook can restore: intact, foreign keys whole, a migration history it knows. */
export async function isRestorableBackup(path: string) {
  try {
    return await withReadOnly(
      path,
      (sqlite) =>
        checkIntegrity(sqlite, 'full').ok && readMigrationState(sqlite).applied.length > 0,
    )
  } catch {
    return false
  }
}

/** The newest of the database's backups that passes the full check (each is checked in turn). */
export async function newestGoodBackup(databasePath: string): Promise<BackupInfo | null> {
  for (const backup of listBackups(databasePath).backups) {
    if (backup.reason === 'damaged') continue
    if (await isRestorableBackup(backup.path)) return backup
  }
  return null
}

/**
 * Replaces a damaged database with a backup; the damaged file is kept in `backups/` (reason
 * `damaged`), or backed up first when SQLite can still read it page by page.
 */
export function recoverFromBackup(databasePath: string, backupPath: string) {
  return restoreDatabaseFile(databasePath, backupPath)
}

export interface RecoveryOffer {
  /** One sentence: what is wrong. */
  message: string
  /** What SQLite found, and what Logbook offers. */
  detail: string
  newestGood: BackupInfo | null
}

/** What the start-up dialog (and the browser mode's error) tells and offers about a damaged file. */
export async function recoveryOffer(error: DatabaseDamagedError): Promise<RecoveryOffer> {
  const newestGood = await newestGoodBackup(error.path)
  const found = error.report.problems.map((p) => `• ${p}`).join('\n')
  const offer = newestGood
    ? `The newest backup that passes the check is from ${newestGood.takenAt} (${newestGood.fileName}). ` +
      `Restoring it keeps the damaged file in the backups folder.`
    : 'No backup of it passes the check; open another file, or keep the damaged file for an expert.'
  return {
    message: `The database ${error.path} failed its integrity check. Logbook has not changed it.`,
    detail: `SQLite found:\n${found}\n\n${offer}`,
    newestGood,
  }
}

/** The same as one line for a terminal, with the command that restores the newest good backup. */
export async function recoveryLine(error: DatabaseDamagedError) {
  const { newestGood } = await recoveryOffer(error)
  const found = error.report.problems[0] ?? 'integrity check failed'
  const damaged = `${error.path} is damaged (${found}); Logbook did not change it.`
  return newestGood
    ? `${damaged} To restore the newest good backup: logbook --db ${error.path} restore ${newestGood.path}`
    : `${damaged} No backup of it passes the check; use --db to open another file.`
}
