import type BetterSqlite3 from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { basename, join } from 'node:path'

/** A file-name-safe UTC stamp such as 20250301T183000123Z, sortable as text. */
export function backupStamp(now = new Date()) {
  return now.toISOString().replace(/[-:.]/g, '')
}

/**
 * SQLite's online backup API: a consistent copy even while the database is in use (never a file
 * copy of a live database, which can tear). Returns the backup's path.
 */
export async function backupDatabase(
  sqlite: BetterSqlite3.Database,
  destinationDir: string,
  reason: string,
  now = new Date(),
) {
  mkdirSync(destinationDir, { recursive: true })
  const stem = basename(sqlite.name).replace(/\.db$/, '')
  const path = join(destinationDir, `${stem}-${backupStamp(now)}-${reason}.db`)
  await sqlite.backup(path)
  return path
}
