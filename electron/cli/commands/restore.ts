import { restoreDatabaseFile } from '../../services/backup/restore'
import { openDatabase } from '../../services/db/open'
import { UsageError, type Command } from '../command'

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Replace the database with a backup, backing up the current state first (undoable).',
  usage: [
    'restore FILE',
    '',
    'FILE must be a Logbook database that passes SQLite’s integrity check and was made by this',
    'or an older Logbook (an older one is brought up to date). The current state is backed up',
    'into backups/ first (reason "before-restore"): restoring that file undoes the restore.',
    'A damaged current file is moved into backups/ (reason "damaged") instead.',
  ].join('\n'),
  options: {},
  async run(ctx, _values, positionals) {
    if (positionals.length !== 1) throw new UsageError('restore needs exactly one FILE')
    const source = positionals[0] ?? ''
    const installed = await restoreDatabaseFile(ctx.dbPath, source)
    if (installed.safetyBackup) ctx.out(`Backed up the current state to ${installed.safetyBackup}`)
    if (installed.damagedKeptAt) ctx.out(`Kept the damaged file at ${installed.damagedKeptAt}`)
    const handle = await openDatabase(ctx.dbPath)
    await handle.close()
    if (handle.migrationBackup) ctx.out(`Brought the restored data up to date with this Logbook`)
    ctx.out(`Restored ${source} into ${ctx.dbPath}`)
  },
}
