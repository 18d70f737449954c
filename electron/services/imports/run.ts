import type BetterSqlite3 from 'better-sqlite3'
import { statSync } from 'node:fs'
import { basename } from 'node:path'
import { LogbookError } from '../../../shared/errors'
import {
  REJECT_LIMIT,
  REJECT_SAMPLE,
  type ImportProgress,
  type ImportSummary,
  type RowProblem,
} from '../../../shared/imports'
import { DELIMITER_NAMES } from '../csv/delimiter'
import { ENCODING_NAMES } from '../csv/encoding'
import { readCsv, type CsvFormat, type CsvRowError } from '../csv/read'
import { createBackup } from '../backup/store'
import { assertUnambiguous, bindColumns, missingFields } from './columns'
import { choosePreset } from './detect'
import { hashFile } from './file-hash'
import { ImportWriter } from './tx'
import type { BoundPreset, PresetDefinition } from './types'
import { upkeepAfterImport } from './upkeep'

export interface ImportRequest {
  file: string
  /** The name shown in the history (a staged upload keeps its original name). */
  fileName?: string
  /** A preset name, or 'auto'. */
  preset: string
  /** Field key → column name (or null: no column) over the preset's own matching. */
  remap?: Readonly<Record<string, string | null>>
  /** Read and check everything, write nothing. */
  dryRun?: boolean
  signal?: AbortSignal
  onProgress?(progress: ImportProgress): void
  timeZone: string
  /** Settings the derived tables need; without them the rollups are left for the caller. */
  upkeep?: Parameters<typeof upkeepAfterImport>[2] | null
  /** Take a backup before writing (default true; the benchmark measures without). */
  backup?: boolean
  now?: number
}

const PROGRESS_EVERY_MS = 100

class Counter {
  rows = 0
  inserted = 0
  duplicates = 0
  skipped = 0
  rejected = 0
  rejects: RowProblem[] = []

  reject(problems: readonly RowProblem[]) {
    this.rejected += 1
    for (const problem of problems) {
      if (this.rejects.length < REJECT_LIMIT) this.rejects.push(problem)
    }
  }
}

function reasonOf(error: unknown) {
  return error instanceof Error ? error.message : String(error)
}

/** Writes one record in a savepoint of its own, so a row that fails half-way leaves nothing. */
function writeRecord<R>(
  bound: BoundPreset<R>,
  record: R,
  writer: ImportWriter,
  savepoint: boolean,
): 'inserted' | 'duplicate' {
  if (!savepoint) return bound.write(record, writer)
  const { sqlite } = writer
  sqlite.exec('SAVEPOINT import_row')
  try {
    const outcome = bound.write(record, writer)
    sqlite.exec('RELEASE import_row')
    return outcome
  } catch (error) {
    sqlite.exec('ROLLBACK TO import_row')
    sqlite.exec('RELEASE import_row')
    writer.forgetCaches()
    throw error
  }
}

/**
 * Reads a CSV file with a preset and writes it in one transaction: a file that cannot be read,
 * a cancel or any failure leaves the database as it was. Rows that do not validate are counted
 * and returned with line, column, value and reason; the rest go in. Natural keys make a second
 * import of the same rows add nothing. The connection must be this import's alone while it runs
 * (the app gives it a worker thread with its own connection).
 */
export async function runImport(
  sqlite: BetterSqlite3.Database,
  request: ImportRequest,
): Promise<ImportSummary> {
  const started = Date.now()
  const now = request.now ?? started
  const fileName = request.fileName ?? basename(request.file)
  let totalBytes: number
  try {
    totalBytes = statSync(request.file).size
  } catch (error) {
    throw new LogbookError('io_error', `Cannot read ${request.file}: ${reasonOf(error)}`)
  }
  if (totalBytes === 0) {
    throw new LogbookError('invalid_input', `${fileName} is empty: there is nothing to import`)
  }

  const dryRun = request.dryRun ?? false
  const backupPath =
    !dryRun && (request.backup ?? true)
      ? (await createBackup(sqlite, sqlite.name, 'before-import', new Date(now))).path
      : null

  const hash = hashFile(request.file, totalBytes)
  const counter = new Counter()
  let format: CsvFormat | undefined
  let chosen: { preset: PresetDefinition; reason: string } | undefined
  let bound: BoundPreset<unknown> | undefined
  let bytesRead = 0
  let lastProgress = 0
  let writer: ImportWriter | undefined
  const unreadable: CsvRowError[] = []

  const reportProgress = (force: boolean) => {
    const at = Date.now()
    if (!request.onProgress || (!force && at - lastProgress < PROGRESS_EVERY_MS)) return
    lastProgress = at
    const seconds = Math.max((at - started) / 1000, 0.001)
    const bytesPerSecond = bytesRead / seconds
    request.onProgress({
      rows: counter.rows,
      bytesRead,
      totalBytes,
      rowsPerSecond: Math.round(counter.rows / seconds),
      secondsLeft:
        bytesRead > 0 && seconds > 0.5
          ? Math.max(0, (totalBytes - bytesRead) / bytesPerSecond)
          : null,
    })
  }

  try {
    sqlite.exec('BEGIN IMMEDIATE')
  } catch (error) {
    hash.stop()
    throw error
  }
  try {
    const importId = Number(
      sqlite
        .prepare(
          `INSERT INTO imports (file_name, file_hash, file_bytes, preset, backup_path, started_at)
           VALUES (?, '', ?, '', ?, ?)`,
        )
        .run(fileName, totalBytes, backupPath, new Date(now).toISOString()).lastInsertRowid,
    )
    const activeWriter = new ImportWriter(sqlite, importId, request.timeZone, now)
    writer = activeWriter
    let savepoints = true

    const result = await readCsv(request.file, {
      fileName,
      signal: request.signal,
      onFormat: (detected) => (format = detected),
      onChunk: (chunk, read) => {
        hash.update(chunk)
        bytesRead = read
        reportProgress(false)
      },
      onHeader: (header) => {
        chosen = choosePreset(request.preset, header, fileName)
        const columns = bindColumns(chosen.preset.fields, header, request.remap)
        assertUnambiguous(fileName, header, columns)
        const missing = missingFields(chosen.preset.fields, columns)
        if (missing.length > 0) {
          throw new LogbookError(
            'invalid_input',
            `${fileName} has no column for ${missing.join(', ')} (${chosen.preset.label}); map a column to it`,
            'mapping',
          )
        }
        savepoints = chosen.preset.savepointPerRecord ?? true
        bound = chosen.preset.bind(columns, header, {
          delimiter: format?.delimiter ?? ',',
          timeZone: request.timeZone,
          fileName,
        })
      },
      onRow: (row, line) => {
        if (!bound) return
        counter.rows += 1
        const parsed = bound.parse(row, line)
        if (parsed.kind === 'skip') counter.skipped += 1
        else if (parsed.kind === 'reject') counter.reject(parsed.problems)
        else {
          try {
            if (writeRecord(bound, parsed.record, activeWriter, savepoints) === 'inserted') {
              counter.inserted += 1
            } else counter.duplicates += 1
          } catch (error) {
            if (!(error instanceof LogbookError) && !isConstraintError(error)) throw error
            counter.reject([{ line, column: fieldOf(error), value: '', reason: reasonOf(error) }])
          }
        }
        if ((counter.rows & 1023) === 0) reportProgress(false)
      },
      onError: (problem) => {
        counter.rows += 1
        unreadable.push(problem)
      },
    })
    if (unreadable.length > 0) throw malformed(fileName, unreadable)
    if (!chosen || !bound) {
      throw new LogbookError(
        'invalid_input',
        `${fileName} has no header row: there is nothing to import`,
      )
    }
    if (result.rows === 0 && result.errors === 0) {
      throw new LogbookError(
        'invalid_input',
        `${fileName} has a header but no rows: there is nothing to import`,
      )
    }
    const finished = bound.finish?.(activeWriter)
    if (finished) {
      counter.inserted -= finished.laterDuplicates
      counter.duplicates += finished.laterDuplicates
    }
    request.signal?.throwIfAborted()
    if (request.upkeep) upkeepAfterImport(sqlite, chosen.preset.targets, request.upkeep)
    const fileHash = await hash.digest()
    sqlite
      .prepare(
        `UPDATE imports SET file_hash = ?, preset = ?, rows_read = ?, inserted = ?, duplicates = ?,
           skipped = ?, rejected = ?, finished_at = ? WHERE id = ?`,
      )
      .run(
        fileHash,
        chosen.preset.name,
        counter.rows,
        counter.inserted,
        counter.duplicates,
        counter.skipped,
        counter.rejected,
        new Date().toISOString(),
        importId,
      )
    sqlite.exec(dryRun ? 'ROLLBACK' : 'COMMIT')
    reportProgress(true)
    return {
      importId: dryRun ? null : importId,
      preset: chosen.preset.name,
      presetReason: chosen.reason,
      fileName,
      fileHash,
      dryRun,
      encoding: format ? ENCODING_NAMES[format.encoding] : '',
      delimiter: format ? DELIMITER_NAMES[format.delimiter] : '',
      elapsedMs: Date.now() - started,
      rows: counter.rows,
      inserted: counter.inserted,
      duplicates: counter.duplicates,
      skipped: counter.skipped,
      rejected: counter.rejected,
      rejectedSample: counter.rejects.slice(0, REJECT_SAMPLE),
      rejects: counter.rejects,
      backupPath,
    }
  } catch (error) {
    hash.stop()
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
    writer?.forgetCaches()
    if (error instanceof Error && error.name === 'AbortError') {
      throw new LogbookError(
        'cancelled',
        `The import of ${fileName} was cancelled; nothing was written`,
      )
    }
    throw error
  }
}

/**
 * A record the reader could not split into fields (an unclosed quote, a field over the limit,
 * bytes that are not text) means the columns of what follows cannot be trusted: the reader goes
 * on so every such line is named, and then the whole file is refused.
 */
function malformed(fileName: string, problems: readonly CsvRowError[]) {
  const shown = problems
    .slice(0, 3)
    .map((p) => `line ${p.line}: ${p.reason}`)
    .join('; ')
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''
  const rows =
    problems.length === 1 ? 'a record that cannot' : `${problems.length} records that cannot`
  return new LogbookError(
    'invalid_input',
    `${fileName} has ${rows} be read, so nothing was imported — ${shown}${more}`,
  )
}

function isConstraintError(error: unknown) {
  return (
    error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT')
  )
}

function fieldOf(error: unknown) {
  return error instanceof LogbookError ? (error.field ?? '') : ''
}
