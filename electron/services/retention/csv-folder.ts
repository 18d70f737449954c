import type BetterSqlite3 from 'better-sqlite3'
import { createHash } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { LogbookError } from '../../../shared/errors'
import { csvHeader, csvRow, type CsvValue } from '../exports/csv-writer'

export const FOLDER_MANIFEST = 'manifest.json'

/** One CSV file to write: the rows `sql` selects, under `columns` as the header. */
export interface CsvFileSpec {
  table: string
  columns: readonly string[]
  sql: string
  params: readonly unknown[] | Record<string, unknown>
}

export interface WrittenFile {
  table: string
  file: string
  rows: number
  sha256: string
}

const FLUSH_AT = 256 * 1024

/**
 * Writes one CSV per spec into `folder`, then a manifest, all synchronously: no other call on
 * this connection can run while it writes, so the files hold exactly what the statements read.
 * Each file is written beside its name, fsynced and renamed into place; the manifest comes last.
 * Nothing already in the folder is overwritten; on any failure every file written is removed and
 * a LogbookError('io_error') names the file.
 */
export function writeCsvFolder(
  sqlite: BetterSqlite3.Database,
  folder: string,
  specs: readonly CsvFileSpec[],
  manifest: Record<string, unknown>,
): WrittenFile[] {
  const files = [FOLDER_MANIFEST, ...specs.map((s) => `${s.table}.csv`)]
  const clash = files.find((file) => existsSync(join(folder, file)))
  if (clash !== undefined) {
    throw new LogbookError(
      'conflict',
      `${join(folder, clash)} already exists; choose an empty or new folder`,
      'folder',
    )
  }
  /** Only files this call created: anything that was there before is left alone. */
  const written: string[] = []
  let current = folder
  try {
    mkdirSync(folder, { recursive: true })
    const result: WrittenFile[] = []
    for (const spec of specs) {
      const file = `${spec.table}.csv`
      current = join(folder, file)
      const { rows, sha256 } = writeOne(sqlite, spec, current, written)
      result.push({ table: spec.table, file, rows, sha256 })
    }
    current = join(folder, FOLDER_MANIFEST)
    writeDurably(current, `${JSON.stringify({ ...manifest, files: result }, null, 2)}\n`, written)
    syncFolder(folder)
    return result
  } catch (error) {
    for (const path of written) rmSync(path, { force: true })
    if (error instanceof LogbookError) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new LogbookError('io_error', `Cannot write ${current}: ${reason}`, 'folder')
  }
}

function writeOne(
  sqlite: BetterSqlite3.Database,
  spec: CsvFileSpec,
  path: string,
  created: string[],
) {
  const temporary = `${path}.partial`
  const hash = createHash('sha256')
  const fd = openSync(temporary, 'wx')
  created.push(temporary)
  let rows = 0
  try {
    let buffer = csvHeader(spec.columns)
    const flush = () => {
      if (buffer === '') return
      hash.update(buffer, 'utf8')
      writeSync(fd, buffer, null, 'utf8')
      buffer = ''
    }
    // Integers as bigint, so ids and epochs above 2^53 are written exactly.
    const statement = sqlite.prepare(spec.sql).raw(true).safeIntegers(true)
    const iterator = Array.isArray(spec.params)
      ? statement.iterate(...spec.params)
      : statement.iterate(spec.params)
    for (const row of iterator as IterableIterator<CsvValue[]>) {
      buffer += csvRow(row)
      rows++
      if (buffer.length >= FLUSH_AT) flush()
    }
    flush()
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temporary, path)
  created.push(path)
  return { rows, sha256: hash.digest('hex') }
}

function writeDurably(path: string, text: string, created: string[]) {
  const temporary = `${path}.partial`
  const fd = openSync(temporary, 'wx')
  created.push(temporary)
  try {
    writeSync(fd, text, null, 'utf8')
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temporary, path)
  created.push(path)
}

/** The renames themselves survive a power cut once the folder is synced (not possible on Windows). */
function syncFolder(folder: string) {
  let fd: number | null = null
  try {
    fd = openSync(folder, 'r')
    fsyncSync(fd)
  } catch {
    // Windows cannot open a folder for syncing; the files themselves are synced.
  } finally {
    if (fd !== null) closeSync(fd)
  }
}

/** `20261122T061500Z`: a folder name that sorts by time. */
export function folderStamp(now: Date) {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')
}
