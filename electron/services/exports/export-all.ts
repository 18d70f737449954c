import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, rmSync, writeFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { version as appVersion } from '../../../package.json'
import { LogbookError } from '../../../shared/errors'
import { dataTableNames, type TableName } from '../../../shared/schema'
import { knownMigrations } from '../db/migrate'
import type { DatabaseHandle } from '../db/open'
import { readSettings } from '../settings/store'
import { exportColumns, exportTableTo, writeFileAtomically } from './export-table'

export const MANIFEST_FILE = 'manifest.json'
export const EXPORT_FORMAT = 'logbook-export'

export interface ManifestTable {
  table: TableName
  file: string
  rows: number
  /** SHA-256 of the file's bytes, hex. */
  sha256: string
  columns: string[]
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT
  format_version: 1
  app_version: string
  exported_at: string
  /** The schema the files follow: the migrations this Logbook has applied, in order. */
  migrations: string[]
  /** The reporting zone the data's local days (date_key) were computed in. */
  time_zone: string
  tables: ManifestTable[]
}

export interface ExportAllOptions {
  bom?: boolean
  signal?: AbortSignal
  onProgress?: (progress: { table: TableName; done: number; total: number }) => void
  /** The export time written to the manifest (tests); defaults to now. */
  now?: Date
}

export const fileForTable = (table: TableName) => `${table}.csv`

/**
 * "Export everything": one CSV per table into `folder` (created if needed), then manifest.json
 * listing each file's rows and SHA-256. The manifest is written last, so a folder with one holds
 * a complete export. Nothing already in the folder is overwritten, and a failure removes the
 * files this export wrote. The tables are read in one read transaction, so they agree with each
 * other even if another connection writes meanwhile.
 */
export async function exportAll(
  handle: DatabaseHandle,
  folder: string,
  options: ExportAllOptions = {},
): Promise<{ folder: string; manifest: ExportManifest }> {
  const targets = [MANIFEST_FILE, ...dataTableNames.map(fileForTable)]
  const existing = targets.find((file) => existsSync(join(folder, file)))
  if (existing !== undefined) {
    throw new LogbookError(
      'conflict',
      `${join(folder, existing)} already exists; export into an empty or new folder`,
    )
  }
  try {
    mkdirSync(folder, { recursive: true })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new LogbookError('io_error', `Cannot create ${folder}: ${reason}`)
  }

  const { sqlite } = handle
  const ownTransaction = !sqlite.inTransaction
  const written: string[] = []
  try {
    if (ownTransaction) sqlite.exec('BEGIN')
    const { timeZone } = await readSettings(handle.db)
    const entries: ManifestTable[] = []
    for (const [index, table] of dataTableNames.entries()) {
      options.signal?.throwIfAborted()
      const file = fileForTable(table)
      const path = join(folder, file)
      const hash = createHash('sha256')
      let rows = 0
      written.push(path)
      await writeFileAtomically(path, async (out) => {
        rows = await exportTableTo(handle, table, out, {
          bom: options.bom,
          signal: options.signal,
          onChunk: (chunk) => hash.update(chunk, 'utf8'),
        })
      })
      entries.push({ table, file, rows, sha256: hash.digest('hex'), columns: exportColumns(table) })
      options.onProgress?.({ table, done: index + 1, total: dataTableNames.length })
    }
    if (ownTransaction) sqlite.exec('COMMIT')

    const manifest: ExportManifest = {
      format: EXPORT_FORMAT,
      format_version: 1,
      app_version: appVersion,
      exported_at: (options.now ?? new Date()).toISOString(),
      migrations: [...knownMigrations],
      time_zone: timeZone,
      tables: entries,
    }
    const manifestPath = join(folder, MANIFEST_FILE)
    written.push(manifestPath)
    writeFileSync(`${manifestPath}.partial`, `${JSON.stringify(manifest, null, 2)}\n`)
    renameSync(`${manifestPath}.partial`, manifestPath)
    return { folder, manifest }
  } catch (error) {
    if (ownTransaction && sqlite.inTransaction) sqlite.exec('ROLLBACK')
    for (const path of written) rmSync(path, { force: true })
    if (error instanceof LogbookError || (error instanceof Error && error.name === 'AbortError'))
      throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new LogbookError('io_error', `Cannot write the export into ${folder}: ${reason}`)
  }
}
