/** The backup module's methods (filled in by its service; see electron/services/modules/backup.ts). */
export const backupMethods = {}
