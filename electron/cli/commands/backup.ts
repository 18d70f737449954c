import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { LogbookError } from '../../../shared/errors'
import { withReadOnly } from '../../services/backup/integrity'
import { createBackup, writeBackupFile } from '../../services/backup/store'
import { UsageError, type Command } from '../command'

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Back up the database with SQLite’s online backup (safe while the app has it open).',
  usage: [
    'backup [FILE]',
    '',
    'Without FILE the backup goes into the backups/ folder beside the database, named with the',
    'time and the reason "manual" (never removed by rotation); with FILE, into that new file.',
    'Prints where it went. docs/backups.md describes the folder and the rotation.',
  ].join('\n'),
  options: {},
  async run(ctx, _values, positionals) {
    if (positionals.length > 1) throw new UsageError('backup takes at most one FILE')
    const target = positionals[0]
    if (!existsSync(ctx.dbPath) || statSync(ctx.dbPath).size === 0)
      throw new LogbookError('not_found', `There is no database at ${ctx.dbPath} to back up.`)
    if (target !== undefined) {
      if (resolve(target) === resolve(ctx.dbPath))
        throw new UsageError('FILE is the database itself; name a new file')
      if (existsSync(target))
        throw new LogbookError('conflict', `${target} already exists; name a new file.`)
    }
    const written = await withReadOnly(ctx.dbPath, async (sqlite) => {
      try {
        if (target !== undefined) return await writeBackupFile(sqlite, target)
        return (await createBackup(sqlite, ctx.dbPath, 'manual')).path
      } catch (error) {
        if (error instanceof LogbookError) throw error
        const reason = error instanceof Error ? error.message : String(error)
        throw new LogbookError('database_unreadable', `Cannot back up ${ctx.dbPath}: ${reason}`)
      }
    })
    ctx.out(written)
  },
}
