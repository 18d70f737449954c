/** Settings → Backup: filled in by the backup work. */
export function BackupPanel() {
  return null
}
