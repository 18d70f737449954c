import { openDatabase } from '../../services/db/open'
import { knownMigrations } from '../../services/db/migrate'
import type { Command } from '../command'

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Create the database or bring its structure up to date (backing it up first).',
  usage: 'migrate',
  options: {},
  async run(ctx) {
    const handle = await openDatabase(ctx.dbPath)
    await handle.close()
    if (handle.migrationBackup) ctx.out(`Backed up the database first to ${handle.migrationBackup}`)
    ctx.out(`${ctx.dbPath} is up to date (${knownMigrations.length} migrations).`)
  },
}
