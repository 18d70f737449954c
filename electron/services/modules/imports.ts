import { LogbookError } from '../../../shared/errors'
import type { ImportProgress, ImportSummary } from '../../../shared/imports'
import { auditSource, writeAudit } from '../audit/write'
import type { ServiceContext } from '../context'
import { previewImport } from '../imports/preview'
import { PRESETS, presetInfo } from '../imports/presets'
import { listImports, undoImport } from '../imports/registry'
import { UploadStore } from '../imports/uploads'
import { startImportWorker, type RunningImport } from '../imports/worker-client'
import type { HandlerModule } from '../registry'
import { readSettings } from '../settings/store'

const uploads = new UploadStore()
// Staged files are copies in a private temporary folder: gone when the process ends.
process.once('exit', () => uploads.clear())
/** The import running on each database file: one at a time, since each holds the write lock. */
const running = new Map<string, { uploadId: string; job: RunningImport }>()

function progressMessage(p: ImportProgress) {
  if (p.rows === 0) return 'Reading the file…'
  const rate = new Intl.NumberFormat().format(p.rowsPerSecond)
  const left = p.secondsLeft === null ? '' : `, about ${Math.ceil(p.secondsLeft)} s left`
  return `${new Intl.NumberFormat().format(p.rows)} rows read (${rate} rows/s${left})`
}

function reportImportProgress(ctx: ServiceContext) {
  return (p: ImportProgress) =>
    ctx.progress({
      fraction: p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : null,
      message: progressMessage(p),
    })
}

/** An import as one bulk entry: the worker commits on its own connection, so it follows the commit. */
function auditImport(ctx: ServiceContext, summary: ImportSummary) {
  if (summary.dryRun || summary.importId === null) return
  const { sqlite } = ctx.session.handle
  writeAudit(sqlite, auditSource(ctx, 'imports.run'), [
    {
      action: 'bulk',
      table: 'imports',
      rowKey: summary.importId,
      changes: {
        file: summary.fileName,
        preset: summary.preset,
        rows: summary.rows,
        inserted: summary.inserted,
        duplicates: summary.duplicates,
        skipped: summary.skipped,
        rejected: summary.rejected,
      },
    },
  ])
}

export const importsHandlers: HandlerModule = {
  'imports.presets': async () => PRESETS.map(presetInfo),
  'imports.upload': async (_ctx, input) =>
    uploads.append(input.uploadId, input.fileName, input.chunk),
  'imports.preview': async (ctx, input) => {
    const upload = uploads.get(input.uploadId)
    const { timeZone } = await readSettings(ctx.session.handle.db)
    return previewImport({
      file: upload.path,
      fileName: upload.fileName,
      preset: input.preset,
      remap: input.remap,
      timeZone,
    })
  },
  'imports.run': async (ctx, input) => {
    const upload = uploads.get(input.uploadId)
    const databasePath = ctx.session.handle.path
    if (running.has(databasePath)) {
      throw new LogbookError(
        'conflict',
        'Another import is running; wait for it or cancel it first',
      )
    }
    ctx.progress({ fraction: 0, message: `Importing ${upload.fileName}…` })
    const job = startImportWorker(
      {
        databasePath,
        import: {
          file: upload.path,
          fileName: upload.fileName,
          preset: input.preset,
          remap: input.remap,
          dryRun: input.dryRun,
        },
      },
      reportImportProgress(ctx),
    )
    running.set(databasePath, { uploadId: input.uploadId, job })
    try {
      const summary = await job.result
      auditImport(ctx, summary)
      if (!input.dryRun) uploads.discard(input.uploadId)
      return summary
    } finally {
      running.delete(databasePath)
    }
  },
  'imports.cancel': async (_ctx, input) => {
    for (const entry of running.values()) {
      if (entry.uploadId === input.uploadId) {
        entry.job.cancel()
        return { cancelled: true }
      }
    }
    return { cancelled: false }
  },
  'imports.history': async (ctx) => listImports(ctx.session.handle.sqlite),
  'imports.undo': async (ctx, input) => {
    ctx.progress({ fraction: null, message: `Undoing import ${input.importId}…` })
    const settings = await readSettings(ctx.session.handle.db)
    const { sqlite } = ctx.session.handle
    // undoImport's own transaction becomes a savepoint of this one: the entry commits with it.
    return sqlite
      .transaction(() => {
        const result = undoImport(sqlite, input.importId, settings)
        writeAudit(sqlite, auditSource(ctx, 'imports.undo'), [
          {
            action: 'bulk',
            table: 'imports',
            rowKey: input.importId,
            changes: {
              file: result.import.fileName,
              preset: result.import.preset,
              removed: result.removed,
              restored: result.restored,
              kept: result.kept,
            },
          },
        ])
        return result
      })
      .immediate()
  },
}
