import BetterSqlite3 from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { LogbookError } from '../../../shared/errors'
import type { ImportSummary } from '../../../shared/imports'
import { dataTableNames, tables, type ColumnSpec, type TableName } from '../../../shared/schema'
import { readCsv } from '../csv/read'
import { createBackup } from '../backup/store'
import { knownMigrations } from '../db/migrate'
import { configureConnection } from '../db/open'
import { EXPORT_FORMAT, MANIFEST_FILE, type ExportManifest } from '../exports/export-all'
import { restoreNeutralised } from '../exports/csv-writer'
import { foreignKeyGraph } from '../records/graph'
import { readSettingsSync } from '../settings/store'
import { ImportWriter } from './tx'
import type { SqlValue } from './types'
import { upkeepAfterImport } from './upkeep'

export const RESTORE_PRESET = 'restore'

export interface RestoreRequest {
  folder: string
  dryRun?: boolean
  signal?: AbortSignal
  onProgress?(progress: { table: string; done: number; total: number }): void
  backup?: boolean
}

/** Whether a path is an "export everything" folder (it holds a manifest). */
export function isExportFolder(path: string) {
  try {
    return statSync(path).isDirectory() && existsSync(join(path, MANIFEST_FILE))
  } catch {
    return false
  }
}

function invalid(folder: string, why: string) {
  return new LogbookError(
    'invalid_input',
    `${folder} is not a Logbook export this version can restore: ${why}`,
  )
}

function readManifest(folder: string): ExportManifest {
  let manifest: ExportManifest
  try {
    manifest = JSON.parse(readFileSync(join(folder, MANIFEST_FILE), 'utf8')) as ExportManifest
  } catch (error) {
    throw invalid(
      folder,
      `its manifest cannot be read (${error instanceof Error ? error.message : String(error)})`,
    )
  }
  if (manifest.format !== EXPORT_FORMAT || manifest.format_version !== 1) {
    throw invalid(folder, 'the manifest is not a logbook-export version 1')
  }
  const newer = manifest.migrations.find((name, i) => knownMigrations[i] !== name)
  if (newer !== undefined) {
    throw invalid(folder, `it was written by a newer Logbook (schema step "${newer}")`)
  }
  for (const entry of manifest.tables) {
    if (!(dataTableNames as readonly string[]).includes(entry.table)) {
      throw invalid(folder, `it lists an unknown table "${entry.table}"`)
    }
    const path = join(folder, basename(entry.file))
    if (!existsSync(path)) throw invalid(folder, `${entry.file} is missing`)
    const hash = createHash('sha256').update(readFileSync(path)).digest('hex')
    if (hash !== entry.sha256)
      throw invalid(folder, `${entry.file} changed since the export (its SHA-256 differs)`)
  }
  return manifest
}

/** A CSV cell back into the SQLite value the export wrote, by the column's declared type. */
function cellValue(text: string, spec: ColumnSpec): SqlValue {
  if (text === '') return spec.nullable || spec.type !== 'TEXT' ? null : ''
  if (spec.type === 'TEXT') return restoreNeutralised(text)
  if (spec.type === 'INTEGER') {
    const big = BigInt(text)
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(big)
      : big
  }
  return Number(text)
}

function hasData(sqlite: BetterSqlite3.Database) {
  return dataTableNames.some(
    (table) =>
      table !== 'app_settings' &&
      sqlite.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() !== undefined,
  )
}

/**
 * Imports an "export everything" folder: every table's file, parents before children, in one
 * transaction, each row kept only when no row with its key is there yet (so restoring twice adds
 * nothing). Files are checked against the manifest's SHA-256 first. Restoring into an empty
 * database gives back exactly what was exported, derived tables included; into one with data,
 * the derived tables are recomputed afterwards.
 */
export async function restoreExport(
  sqlite: BetterSqlite3.Database,
  request: RestoreRequest,
): Promise<ImportSummary> {
  const started = Date.now()
  const { folder } = request
  const manifest = readManifest(folder)
  const dryRun = request.dryRun ?? false
  const backupPath =
    !dryRun && (request.backup ?? true)
      ? (await createBackup(sqlite, sqlite.name, 'restore')).path
      : null
  const order = foreignKeyGraph(sqlite).insertOrder.filter((t) =>
    manifest.tables.some((entry) => entry.table === t),
  ) as TableName[]
  const counts = { rows: 0, inserted: 0, duplicates: 0 }
  const folderHash = createHash('sha256')
  for (const entry of manifest.tables) folderHash.update(`${entry.file}:${entry.sha256}\n`)

  sqlite.exec('BEGIN IMMEDIATE')
  try {
    const wasEmpty = !hasData(sqlite)
    const importId = Number(
      sqlite
        .prepare(
          `INSERT INTO imports (file_name, file_hash, file_bytes, preset, backup_path) VALUES (?, ?, 0, ?, ?)`,
        )
        .run(basename(folder), folderHash.digest('hex'), RESTORE_PRESET, backupPath)
        .lastInsertRowid,
    )
    const writer = new ImportWriter(sqlite, importId, 'UTC', started)
    for (const [index, table] of order.entries()) {
      const entry = manifest.tables.find((t) => t.table === table)
      if (!entry) continue
      const specs = tables[table] as Record<string, ColumnSpec>
      let columns: string[] = []
      await readCsv(join(folder, basename(entry.file)), {
        delimiter: ',',
        encoding: 'utf-8',
        signal: request.signal,
        onHeader: (header) => {
          const unknown = header.find((name) => !Object.hasOwn(specs, name))
          if (unknown !== undefined)
            throw invalid(folder, `${entry.file} has a column "${unknown}" that ${table} does not`)
          columns = header
        },
        onRow: (row, line) => {
          counts.rows += 1
          const values: Record<string, SqlValue> = {}
          columns.forEach((name, i) => {
            const spec = specs[name]
            if (!spec) return
            try {
              values[name] = cellValue(row[i] ?? '', spec)
            } catch {
              throw invalid(
                folder,
                `${entry.file} line ${line}: "${row[i] ?? ''}" is not a value for ${name}`,
              )
            }
          })
          if (table === 'fct_event') values.import_id = importId
          if (writer.insertIfNew(table, values) === null) counts.duplicates += 1
          else counts.inserted += 1
        },
        onError: ({ line, reason }) => {
          throw invalid(folder, `${entry.file} line ${line}: ${reason}`)
        },
      })
      request.onProgress?.({ table, done: index + 1, total: order.length })
    }
    if (!wasEmpty) {
      const settings = readSettingsSync(sqlite)
      upkeepAfterImport(sqlite, ['fct_event'], settings, { importId })
    }
    sqlite
      .prepare(
        `UPDATE imports SET rows_read = ?, inserted = ?, duplicates = ?, finished_at = ? WHERE id = ?`,
      )
      .run(counts.rows, counts.inserted, counts.duplicates, new Date().toISOString(), importId)
    sqlite.exec(dryRun ? 'ROLLBACK' : 'COMMIT')
    return {
      importId: dryRun ? null : importId,
      preset: RESTORE_PRESET,
      presetReason: `the folder holds ${MANIFEST_FILE}, a Logbook “export everything”`,
      fileName: basename(folder),
      fileHash: '',
      dryRun,
      encoding: 'UTF-8',
      delimiter: 'comma',
      elapsedMs: Date.now() - started,
      ...counts,
      skipped: 0,
      rejected: 0,
      rejectedSample: [],
      rejects: [],
      backupPath,
    }
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
    if (error instanceof Error && error.name === 'AbortError') {
      throw new LogbookError(
        'cancelled',
        `The restore of ${folder} was cancelled; nothing was written`,
      )
    }
    if (error instanceof LogbookError) throw error
    throw new LogbookError(
      'invalid_input',
      `Cannot restore ${folder}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}

/**
 * A restore on a connection of its own (the desktop menu's "Restore from Export…"): the restore
 * holds one transaction across file reads, which must not take in the window's own writes.
 */
export async function restoreExportInto(databasePath: string, folder: string) {
  const sqlite = new BetterSqlite3(databasePath, { fileMustExist: true })
  try {
    configureConnection(sqlite)
    return await restoreExport(sqlite, { folder })
  } finally {
    sqlite.close()
  }
}
