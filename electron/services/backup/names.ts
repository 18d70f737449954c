import { basename, dirname, join } from 'node:path'
import type { BackupReason } from '../../../shared/backup'
import { backupDirFor } from '../db/paths'

/** `20250301T183000123Z`: the UTC instant, file-name safe and sortable as text. */
const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/

export function stampOf(time: Date) {
  return time.toISOString().replace(/[-:.]/g, '')
}

function timeOfStamp(stamp: string): Date | null {
  const m = STAMP.exec(stamp)
  if (!m) return null
  const [, y, mo, d, h, mi, s, ms] = m
  const time = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`)
  return Number.isNaN(time.getTime()) ? null : time
}

/** The file name without `.db`: backups of `logbook.db` start with `logbook-`. */
export function databaseStem(databasePath: string) {
  return basename(databasePath).replace(/\.(db|sqlite3?)$/i, '')
}

/** `<stem>-<stamp>-<reason>.db`, the shape every backup of Logbook has had. */
export function backupFileName(databasePath: string, time: Date, reason: BackupReason) {
  return `${databaseStem(databasePath)}-${stampOf(time)}-${reason}.db`
}

export function backupPathFor(databasePath: string, time: Date, reason: BackupReason) {
  return join(backupDirFor(databasePath), backupFileName(databasePath, time, reason))
}

/** The time and reason of one of `databasePath`'s backups, or null for any other file. */
export function parseBackupFileName(databasePath: string, fileName: string) {
  const stem = databaseStem(databasePath)
  if (!fileName.startsWith(`${stem}-`) || !fileName.endsWith('.db')) return null
  const rest = fileName.slice(stem.length + 1, -'.db'.length)
  const dash = rest.indexOf('-')
  if (dash < 0) return null
  const time = timeOfStamp(rest.slice(0, dash))
  const reason = rest.slice(dash + 1)
  if (!time || !/^[a-z][a-z-]*$/.test(reason)) return null
  return { time, reason: reason as BackupReason }
}

/** A temporary file in the same folder as `path`, so a rename onto it never crosses disks. */
export function siblingTempPath(path: string, purpose: string, time = new Date()) {
  return join(dirname(path), `.${basename(path)}.${purpose}-${stampOf(time)}.tmp`)
}
