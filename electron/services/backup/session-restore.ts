import { resolve } from 'node:path'
import type { RestoreResult } from '../../../shared/backup'
import { LogbookError } from '../../../shared/errors'
import type { Session } from '../session'
import { restoreDatabaseFile } from './restore'
import { listBackups } from './store'

/**
 * Restores one of the open database's own backups (Settings → Backups) and reopens the file,
 * which migrates a backup made by an older Logbook. Only listed backups: the UI (and the
 * browser mode's HTTP adapter) cannot name an arbitrary file; the CLI's `restore FILE` can.
 */
export async function restoreBackupIntoSession(
  session: Session,
  backupPath: string,
  now = new Date(),
): Promise<RestoreResult> {
  if (session.database === 'demo')
    throw new LogbookError(
      'invalid_input',
      'The demo data is open; switch back to your own database to restore one of its backups.',
    )
  const handle = session.handle
  const known = listBackups(handle.path).backups.some(
    (b) => resolve(b.path) === resolve(backupPath),
  )
  if (!known)
    throw new LogbookError(
      'not_found',
      `${backupPath} is not one of this database's backups; the current database was not changed.`,
      'path',
    )
  const installed = await restoreDatabaseFile(handle.path, backupPath, {
    live: handle.sqlite,
    now,
  })
  // A fresh connection: migrates an older backup, and no cached statement outlives the swap.
  await session.openOwnFile(handle.path)
  return { ...installed, migrated: session.handle.migrationBackup !== null }
}
