import { openDatabase } from '../../services/db/open'
import { countRows } from '../../services/db/stats'
import type { Command } from '../command'

export const statsCommand: Command = {
  name: 'stats',
  summary: 'Rows in every table and view.',
  usage: 'stats [--json]',
  options: { json: { type: 'boolean' } },
  async run(ctx, values) {
    const handle = await openDatabase(ctx.dbPath)
    try {
      const counts = countRows(handle.sqlite, { views: true })
      if (values.json) {
        ctx.out(JSON.stringify(counts))
        return
      }
      const width = Math.max(...counts.map((c) => c.name.length))
      ctx.out(`${'name'.padEnd(width)}  kind   ${'rows'.padStart(9)}`)
      for (const { name, kind, rows } of counts) {
        ctx.out(`${name.padEnd(width)}  ${kind.padEnd(5)}  ${String(rows).padStart(9)}`)
      }
    } finally {
      await handle.close()
    }
  },
}
