import { existsSync } from 'node:fs'
import { LogbookError } from '../../../shared/errors'
import { rejectsTable, type ImportSummary } from '../../../shared/imports'
import { openDatabase } from '../../services/db/open'
import { toCsv } from '../../services/exports/csv-writer'
import { writeFileAtomically } from '../../services/exports/export-table'
import { PRESETS } from '../../services/imports/presets'
import { listImports, undoImport } from '../../services/imports/registry'
import { isExportFolder, restoreExport, RESTORE_PRESET } from '../../services/imports/restore'
import { runImport } from '../../services/imports/run'
import { readSettings } from '../../services/settings/store'
import { UsageError, type Command, type CommandContext } from '../command'

function summaryLines(summary: ImportSummary): string[] {
  const verb = summary.dryRun ? 'Would import' : 'Imported'
  const lines = [
    `${summary.fileName}: ${summary.preset} (${summary.presetReason})`,
    `${verb} ${summary.inserted} of ${summary.rows} rows: ${summary.duplicates} already there, ` +
      `${summary.skipped} with nothing to import, ${summary.rejected} rejected.`,
  ]
  for (const r of summary.rejectedSample) {
    lines.push(
      `  line ${r.line}${r.column ? `, ${r.column}` : ''}${r.value ? ` "${r.value}"` : ''}: ${r.reason}`,
    )
  }
  if (summary.rejected > summary.rejectedSample.length) {
    lines.push(
      `  … and ${summary.rejected - summary.rejectedSample.length} more (--rejects FILE saves them all)`,
    )
  }
  if (summary.importId !== null)
    lines.push(`Import ${summary.importId}; undo it with: import --undo ${summary.importId}`)
  return lines
}

function jsonLine(summary: ImportSummary) {
  return JSON.stringify({
    preset: summary.preset,
    rows: summary.rows,
    inserted: summary.inserted,
    duplicates: summary.duplicates,
    rejected: summary.rejected,
    rejectedSample: summary.rejectedSample.map(({ line, column, value, reason }) => ({
      line,
      column,
      value,
      reason,
    })),
    skipped: summary.skipped,
    importId: summary.importId,
    dryRun: summary.dryRun,
  })
}

async function withDatabase<T>(
  ctx: CommandContext,
  work: (handle: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
) {
  const handle = await openDatabase(ctx.dbPath)
  try {
    return await work(handle)
  } finally {
    await handle.close()
  }
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import a CSV file with a preset (or auto), or restore an "export everything" folder.',
  usage: [
    'import <preset|auto> FILE [--dry-run] [--json] [--rejects FILE]',
    '       logbook [--db PATH] import auto FOLDER      (a folder written by export --all)',
    '       logbook [--db PATH] import --history | --undo ID',
    '',
    `Presets: ${PRESETS.map((p) => p.name).join(', ')}.`,
    'Everything goes in in one transaction; rejected rows are listed with line, column, value and',
    'reason. Rows already imported (same natural key) are counted as duplicates, not added again.',
    'A backup is taken first. --dry-run reads and checks everything and writes nothing. With',
    '--json the last line of output is one JSON object.',
  ].join('\n'),
  options: {
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    rejects: { type: 'string' },
    history: { type: 'boolean' },
    undo: { type: 'string' },
  },
  async run(ctx, values, positionals) {
    if (values.history) {
      await withDatabase(ctx, async (handle) => {
        for (const r of listImports(handle.sqlite)) {
          ctx.out(
            `${r.id}\t${r.startedAt}\t${r.status}\t${r.preset}\t${r.fileName}\t+${r.inserted} (${r.duplicates} dup, ${r.rejected} rejected)`,
          )
        }
      })
      return
    }
    if (values.undo !== undefined) {
      const id = Number(values.undo)
      if (!Number.isInteger(id) || id <= 0)
        throw new UsageError(`--undo needs an import number, not "${String(values.undo)}"`)
      await withDatabase(ctx, async (handle) => {
        const result = undoImport(handle.sqlite, id, await readSettings(handle.db))
        ctx.out(
          `Undid import ${id} (${result.import.fileName}): ${result.removed} rows removed, ${result.restored} put back, ${result.kept} kept because other records use them.`,
        )
      })
      return
    }
    if (positionals.length !== 2) throw new UsageError('name a preset (or auto) and a file')
    const [preset = '', file = ''] = positionals
    if (!existsSync(file)) throw new LogbookError('not_found', `${file} does not exist`)
    const folder = isExportFolder(file)
    if (folder && preset !== 'auto' && preset !== RESTORE_PRESET) {
      throw new UsageError(`${file} is an export folder: import it with auto`)
    }
    if (!folder && !PRESETS.some((p) => p.name === preset) && preset !== 'auto') {
      throw new UsageError(
        `unknown preset "${preset}"; use auto or one of: ${PRESETS.map((p) => p.name).join(', ')}`,
      )
    }
    const dryRun = values['dry-run'] === true
    const controller = new AbortController()
    const stop = () => controller.abort()
    process.once('SIGINT', stop)
    try {
      const summary = await withDatabase(ctx, async (handle) => {
        if (folder)
          return restoreExport(handle.sqlite, { folder: file, dryRun, signal: controller.signal })
        const settings = await readSettings(handle.db)
        return runImport(handle.sqlite, {
          file,
          preset,
          dryRun,
          timeZone: settings.timeZone,
          upkeep: settings,
          signal: controller.signal,
        })
      })
      if (typeof values.rejects === 'string') {
        const path = values.rejects
        const [header = [], ...body] = rejectsTable(summary.rejects)
        await writeFileAtomically(path, async (out) => {
          out.write(toCsv(header, body))
        })
      }
      for (const line of summaryLines(summary)) ctx.out(line)
      if (values.json) ctx.out(jsonLine(summary))
    } finally {
      process.off('SIGINT', stop)
    }
  },
}
