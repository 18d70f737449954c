/** Why a backup was taken; it is part of the backup's file name. */
export type BackupReason =
  | 'manual'
  | 'scheduled'
  | 'before-restore'
  | 'before-import'
  | 'before-migration'
  | 'damaged'
  | (string & {})

/** One backup file of the open database, as Settings lists it. */
export interface BackupInfo {
  path: string
  fileName: string
  /** When it was taken (ISO 8601, UTC), read from the file name. */
  takenAt: string
  reason: BackupReason
  bytes: number
}

export interface BackupList {
  /** The database these backups belong to. */
  databasePath: string
  folder: string
  /** Newest first. */
  backups: BackupInfo[]
}

export interface RestoreResult {
  restoredFrom: string
  /** The state just before the restore, so the restore itself can be undone. */
  safetyBackup: string | null
  /** Where a damaged file was kept instead of being backed up (it could not be read). */
  damagedKeptAt: string | null
  /** The backup was made by an older Logbook and has been brought up to date. */
  migrated: boolean
}

/** The result of `PRAGMA integrity_check` and `PRAGMA foreign_key_check`. */
export interface IntegrityReport {
  ok: boolean
  /** What SQLite reported, at most a few lines. */
  problems: string[]
}
