import BetterSqlite3 from 'better-sqlite3'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { BackupInfo, BackupList, BackupReason } from '../../../shared/backup'
import { LogbookError } from '../../../shared/errors'
import { backupDirFor } from '../db/paths'
import { backupPathFor, parseBackupFileName, siblingTempPath } from './names'
import { backupsToKeep, DEFAULT_ROTATION, type RotationPolicy } from './rotation'

/** The backups of `databasePath` in its `backups/` folder, newest first. */
export function listBackups(databasePath: string): BackupList {
  const folder = backupDirFor(databasePath)
  const names = existsSync(folder) ? readdirSync(folder) : []
  const backups: BackupInfo[] = []
  for (const fileName of names) {
    const parsed = parseBackupFileName(databasePath, fileName)
    if (!parsed) continue
    const path = join(folder, fileName)
    let bytes: number
    try {
      const stat = statSync(path)
      if (!stat.isFile()) continue
      bytes = stat.size
    } catch {
      continue // removed meanwhile
    }
    backups.push({
      path,
      fileName,
      takenAt: parsed.time.toISOString(),
      reason: parsed.reason,
      bytes,
    })
  }
  backups.sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.fileName.localeCompare(a.fileName))
  return { databasePath, folder, backups }
}

/**
 * Copies the open database with SQLite's online backup API (a consistent snapshot even while
 * it is being written; never a file copy). The copy is written under a temporary name and
 * renamed when complete, and set to a rollback journal so a backup is one self-contained file.
 */
export async function writeBackupFile(sqlite: BetterSqlite3.Database, target: string) {
  const temp = siblingTempPath(target, 'writing')
  try {
    await sqlite.backup(temp)
    const copy = new BetterSqlite3(temp)
    try {
      copy.pragma('journal_mode = DELETE')
    } finally {
      copy.close()
    }
    renameSync(temp, target)
  } catch (error) {
    for (const leftover of [temp, `${temp}-wal`, `${temp}-shm`]) rmSync(leftover, { force: true })
    const reason = error instanceof Error ? error.message : String(error)
    throw new LogbookError('io_error', `Could not write the backup ${target}: ${reason}`)
  }
  return target
}

/** A backup into `backups/` beside the database, named with its time and reason. */
export async function createBackup(
  sqlite: BetterSqlite3.Database,
  databasePath: string,
  reason: BackupReason,
  now = new Date(),
): Promise<BackupInfo> {
  mkdirSync(backupDirFor(databasePath), { recursive: true })
  // Two backups in the same millisecond (a test, a double click) must not overwrite each other.
  let time = now
  while (existsSync(backupPathFor(databasePath, time, reason))) time = new Date(time.getTime() + 1)
  const path = await writeBackupFile(sqlite, backupPathFor(databasePath, time, reason))
  return {
    path,
    fileName: basename(path),
    takenAt: time.toISOString(),
    reason,
    bytes: statSync(path).size,
  }
}

/** Deletes a backup file with any `-wal`/`-shm` beside it. */
export function removeBackupFile(path: string) {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true })
}

/** Applies the rotation policy to the database's backups; returns the paths removed. */
export function rotateBackups(
  databasePath: string,
  now: Date,
  timeZone: string,
  policy: RotationPolicy = DEFAULT_ROTATION,
) {
  const all = listBackups(databasePath).backups.map((b) => ({
    path: b.path,
    time: new Date(b.takenAt),
    reason: b.reason,
  }))
  const keep = backupsToKeep(all, now, timeZone, policy)
  const removed = all.filter((b) => !keep.has(b)).map((b) => b.path)
  removed.forEach(removeBackupFile)
  return removed
}
