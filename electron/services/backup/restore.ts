import BetterSqlite3 from 'better-sqlite3'
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import type { RestoreResult } from '../../../shared/backup'
import { LogbookError } from '../../../shared/errors'
import { readMigrationState } from '../db/migrate'
import { backupDirFor } from '../db/paths'
import { checkFileIntegrity, checkIntegrity, isCorruptionError, withReadOnly } from './integrity'
import { backupPathFor, siblingTempPath } from './names'
import { createBackup } from './store'

export interface RestoreFileOptions {
  /** The app's open connection to the target, if any: the safety backup is taken through it. */
  live?: BetterSqlite3.Database
  now?: Date
}

/** What is known once the file is in place; the caller reopens it (migrating an older one). */
export type InstalledRestore = Omit<RestoreResult, 'migrated'>

/** Copy all remaining pages in one step, so the write lock is never held across event-loop turns. */
const ALL_AT_ONCE = { progress: () => 0x7fffffff }

function unchanged(targetPath: string) {
  return `The current database ${targetPath} was not changed.`
}

function removeWithSidecars(path: string) {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true })
}

/**
 * A private copy of the source (via the backup API, so a source in use is copied consistently),
 * checked in full: integrity, foreign keys, a Logbook migration history this version knows.
 */
async function validatedCopy(sourcePath: string, targetPath: string, now: Date) {
  if (!existsSync(sourcePath) || !statSync(sourcePath).isFile())
    throw new LogbookError('not_found', `There is no file ${sourcePath} to restore.`)
  const temp = siblingTempPath(targetPath, 'restoring', now)
  const refuse = (why: string, code: 'invalid_input' | 'newer_database' = 'invalid_input') =>
    new LogbookError(code, `${sourcePath} ${why} ${unchanged(targetPath)}`)
  try {
    try {
      await withReadOnly(sourcePath, (source) => source.backup(temp))
    } catch (error) {
      if (isCorruptionError(error)) throw refuse(`is damaged (${(error as Error).message}).`)
      throw refuse('is not a Logbook database (SQLite cannot read it), so it was not restored.')
    }
    const copy = new BetterSqlite3(temp)
    try {
      copy.pragma('journal_mode = DELETE')
      const report = checkIntegrity(copy, 'full')
      if (!report.ok)
        throw refuse(`is damaged (${report.problems[0] ?? 'integrity check failed'}).`)
      let applied: string[]
      try {
        applied = readMigrationState(copy).applied
      } catch (error) {
        if (error instanceof LogbookError && error.code === 'newer_database')
          throw refuse(
            'was made by a newer version of Logbook; update Logbook to restore it.',
            'newer_database',
          )
        throw error
      }
      if (applied.length === 0) throw refuse('is not a Logbook database.')
    } catch (error) {
      if (isCorruptionError(error)) throw refuse(`is damaged (${(error as Error).message}).`)
      throw error
    } finally {
      copy.close()
    }
    return temp
  } catch (error) {
    removeWithSidecars(temp)
    throw error
  }
}

/** A damaged file cannot be backed up reliably, so it is moved, whole, into `backups/`. */
function keepDamagedFile(targetPath: string, now: Date) {
  mkdirSync(backupDirFor(targetPath), { recursive: true })
  const kept = backupPathFor(targetPath, now, 'damaged')
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(targetPath + suffix)) renameSync(targetPath + suffix, kept + suffix)
  }
  return kept
}

async function safetyCopyOf(targetPath: string, options: RestoreFileOptions, now: Date) {
  if (options.live) {
    const backup = await createBackup(options.live, targetPath, 'before-restore', now)
    return { safetyBackup: backup.path, damagedKeptAt: null }
  }
  if (!existsSync(targetPath) || statSync(targetPath).size === 0)
    return { safetyBackup: null, damagedKeptAt: null }
  const healthy = await checkFileIntegrity(targetPath, 'quick').then(
    (report) => report.ok,
    () => false,
  )
  if (!healthy) return { safetyBackup: null, damagedKeptAt: keepDamagedFile(targetPath, now) }
  const safety = new BetterSqlite3(targetPath, { readonly: true, fileMustExist: true })
  try {
    const backup = await createBackup(safety, targetPath, 'before-restore', now)
    return { safetyBackup: backup.path, damagedKeptAt: null }
  } finally {
    safety.close()
  }
}

/**
 * Puts `sourcePath`'s data into `targetPath`. The source is copied and checked first; a source
 * that is damaged, not Logbook's, or from a newer Logbook is refused with the target untouched.
 * Then the current state is backed up (reason `before-restore`, so the restore can be undone),
 * and the checked copy is written into the target with the backup API: one SQLite write
 * transaction, so the target is never half-written and connections already open on it (the
 * app's) see either the old or the new data. A damaged target is kept aside instead and the copy
 * renamed into its place.
 */
export async function restoreDatabaseFile(
  targetPath: string,
  sourcePath: string,
  options: RestoreFileOptions = {},
): Promise<InstalledRestore> {
  const now = options.now ?? new Date()
  if (resolve(sourcePath) === resolve(targetPath))
    throw new LogbookError('invalid_input', `${sourcePath} is the open database itself.`)
  mkdirSync(dirname(targetPath), { recursive: true })
  const temp = await validatedCopy(sourcePath, targetPath, now)
  try {
    const safety = await safetyCopyOf(targetPath, options, now)
    if (safety.damagedKeptAt) {
      renameSync(temp, targetPath)
    } else {
      const copy = new BetterSqlite3(temp, { readonly: true, fileMustExist: true })
      try {
        await copy.backup(targetPath, ALL_AT_ONCE)
      } finally {
        copy.close()
      }
    }
    return { restoredFrom: sourcePath, ...safety }
  } catch (error) {
    if (error instanceof LogbookError) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new LogbookError(
      'io_error',
      `Could not restore ${basename(sourcePath)}: ${reason}. ${unchanged(targetPath)}`,
    )
  } finally {
    removeWithSidecars(temp)
  }
}
