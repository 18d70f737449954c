import { z } from 'zod'
import type { BackupInfo, BackupList, IntegrityReport, RestoreResult } from '../backup'
import { method } from './define'

const noInput = z.object({}).strict()
const restoreInput = z.object({ path: z.string().min(1, 'Choose a backup to restore') }).strict()

export const backupMethods = {
  /** The open database's backups, newest first. */
  'backup.list': method<typeof noInput, BackupList>(noInput),
  /** A backup now, by hand (reason `manual`, never rotated away). */
  'backup.create': method<typeof noInput, BackupInfo>(noInput),
  /**
   * Puts one of the listed backups back; the current state is backed up first (reason
   * `before-restore`), so the restore can be undone by restoring that one.
   */
  'backup.restore': method<typeof restoreInput, RestoreResult>(restoreInput),
  /** `PRAGMA integrity_check` and `PRAGMA foreign_key_check` on the open database. */
  'backup.check': method<typeof noInput, IntegrityReport>(noInput),
}
