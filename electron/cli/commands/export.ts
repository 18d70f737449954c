import { existsSync } from 'node:fs'
import { LogbookError } from '../../../shared/errors'
import { openDatabase } from '../../services/db/open'
import { exportAll } from '../../services/exports/export-all'
import {
  assertExportRequest,
  exportTable,
  exportTableTo,
  isCalendarDay,
  type DateRange,
} from '../../services/exports/export-table'
import { UsageError, type Command } from '../command'

function dateOption(flag: 'from' | 'to', value: string | boolean | undefined) {
  if (value === undefined) return undefined
  const text = String(value)
  if (!isCalendarDay(text)) {
    throw new UsageError(`--${flag} must be a date written YYYY-MM-DD, not "${text}"`)
  }
  return text
}

function isBrokenPipe(error: unknown) {
  return error instanceof Error && 'code' in error && error.code === 'EPIPE'
}

export const exportCommand: Command = {
  name: 'export',
  summary:
    'Write a table or view as CSV (RFC 4180, UTF-8, formula cells neutralised), or every table with a manifest.',
  usage: [
    'export <table|view> [--out FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--bom]',
    '       logbook [--db PATH] export --all --out FOLDER [--bom]',
    '',
    'Without --out the CSV goes to stdout. --from/--to (days in the reporting time zone, both',
    'included) filter on the table’s main time column; --bom starts the file with a byte-order',
    'mark for spreadsheet apps. `logbook stats` lists the tables and views.',
  ].join('\n'),
  options: {
    out: { type: 'string', short: 'o' },
    from: { type: 'string' },
    to: { type: 'string' },
    bom: { type: 'boolean' },
    all: { type: 'boolean' },
  },
  async run(ctx, values, positionals) {
    const out = values.out === undefined ? undefined : String(values.out)
    const bom = values.bom === true
    const range: DateRange = {
      from: dateOption('from', values.from),
      to: dateOption('to', values.to),
    }

    if (values.all) {
      if (positionals.length > 0) throw new UsageError('--all exports every table; name no table')
      if (out === undefined) throw new UsageError('--all needs --out FOLDER')
      if (range.from !== undefined || range.to !== undefined)
        throw new UsageError('--from and --to apply to one table, not to --all')
    } else {
      if (positionals.length !== 1) {
        throw new UsageError('name one table or view to export, or use --all --out FOLDER')
      }
      try {
        assertExportRequest(positionals[0] ?? '', range)
      } catch (error) {
        if (error instanceof LogbookError) throw new UsageError(error.message)
        throw error
      }
    }
    // Exporting never creates a database as a side effect.
    if (!existsSync(ctx.dbPath)) {
      throw new LogbookError('not_found', `${ctx.dbPath} does not exist`)
    }

    const handle = await openDatabase(ctx.dbPath)
    try {
      if (values.all && out !== undefined) {
        const { manifest } = await exportAll(handle, out, { bom })
        const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0)
        ctx.out(
          `Exported ${manifest.tables.length} tables (${rows} rows) to ${out}; manifest.json lists them.`,
        )
        return
      }
      const name = positionals[0] ?? ''
      if (out !== undefined) {
        const { rows, path } = await exportTable(handle, name, { ...range, out, bom })
        ctx.out(`Exported ${rows} rows of ${name} to ${path}.`)
        return
      }
      // The CSV is bytes with its own line ends, so it goes to stdout directly (ctx.out writes
      // lines); a reader that stops early (`| head`) is not an error.
      try {
        await exportTableTo(handle, name, process.stdout, { ...range, bom })
      } catch (error) {
        if (!isBrokenPipe(error)) throw error
      }
    } finally {
      await handle.close()
    }
  },
}
