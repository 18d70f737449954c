import { LogbookError } from '../../../shared/errors'
import { isValidTimeZone, systemTimeZone } from '../../../shared/time'
import { openDatabase } from '../../services/db/open'
import { countRows } from '../../services/db/stats'
import { generateDemoData } from '../../services/demo'
import { UsageError, type Command } from '../command'

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Fill an empty database with the demo data (deterministic for a seed).',
  usage: 'seed [--seed N] [--now ISO-DATE] [--tz ZONE]',
  options: { seed: { type: 'string' }, now: { type: 'string' }, tz: { type: 'string' } },
  async run(ctx, values) {
    const seed = values.seed === undefined ? 42 : Number(values.seed)
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new UsageError(`--seed must be a whole number ≥ 0, not "${String(values.seed)}"`)
    const now = values.now === undefined ? new Date() : new Date(String(values.now))
    if (Number.isNaN(now.getTime()))
      throw new UsageError(`--now must be a date such as 2025-03-01, not "${String(values.now)}"`)
    const timeZone = typeof values.tz === 'string' ? values.tz : systemTimeZone()
    if (!isValidTimeZone(timeZone))
      throw new UsageError(`--tz must be a time zone such as Europe/London, not "${timeZone}"`)

    const handle = await openDatabase(ctx.dbPath)
    try {
      const existing = countRows(handle.sqlite)
        .filter((c) => c.kind === 'table' && c.name !== 'app_settings')
        .reduce((sum, c) => sum + c.rows, 0)
      if (existing > 0) {
        throw new LogbookError(
          'conflict',
          `${ctx.dbPath} already holds ${existing} rows; demo data goes into a new file (for example --db demo.db).`,
        )
      }
      const started = performance.now()
      await generateDemoData(handle, { seed, now, timeZone })
      const total = countRows(handle.sqlite)
        .filter((c) => c.kind === 'table')
        .reduce((sum, c) => sum + c.rows, 0)
      ctx.out(
        `Seeded ${ctx.dbPath} with ${total} rows (seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      )
    } finally {
      await handle.close()
    }
  },
}
