import type BetterSqlite3 from 'better-sqlite3'
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs'
import { finished } from 'node:stream/promises'
import { dirname } from 'node:path'
import type { Writable } from 'node:stream'
import { LogbookError } from '../../../shared/errors'
import { EXPORT_TIME_FILTERS as TIME_FILTERS, type TimeFilter } from '../../../shared/export-ranges'
import { tables, views, type TableName, type ViewName } from '../../../shared/schema'
import { isoToDateKey, nextDateKey, zonedTimeToEpoch } from '../../../shared/time'
import type { DatabaseHandle } from '../db/open'
import { readSettings } from '../settings/store'
import { CsvSink, type CsvValue } from './csv-writer'

export type ExportableName = TableName | ViewName

export interface DateRange {
  /** First day included, YYYY-MM-DD in the reporting time zone. */
  from?: string
  /** Last day included. */
  to?: string
}

export interface ExportTableOptions extends DateRange {
  /** The CSV file to write (replaced if it exists; written beside it first, then renamed). */
  out: string
  /** Start with a UTF-8 byte-order mark, so spreadsheet apps pick the right encoding. */
  bom?: boolean
  signal?: AbortSignal
}

export function isExportable(name: string): name is ExportableName {
  return Object.hasOwn(tables, name) || Object.hasOwn(views, name)
}

/** Column names in schema order. */
export function exportColumns(name: ExportableName): string[] {
  const columns = Object.keys(
    Object.hasOwn(tables, name) ? tables[name as TableName] : views[name as ViewName],
  )
  // Which import wrote an event is bookkeeping of this file, meaningless in another one.
  return name === 'fct_event' ? columns.filter((column) => column !== 'import_id') : columns
}

/** The column a date range filters on, or null when the table has none. */
export function rangeColumnOf(name: ExportableName): string | null {
  const filter = TIME_FILTERS[name]
  if (!filter) return null
  return filter.kind === 'workout_date' ? 'fitness_workouts.workout_date' : filter.column
}

/** A real calendar day written YYYY-MM-DD. */
export function isCalendarDay(text: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const [y, m, d] = text.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/**
 * Checks a request before any file is touched: the name is a table or view of the schema, the
 * days are real YYYY-MM-DD dates in order, and a range is only asked of a table that has a time
 * column. Throws LogbookError('invalid_input') naming the problem.
 */
export function assertExportRequest(
  name: string,
  range: DateRange = {},
): asserts name is ExportableName {
  if (!isExportable(name)) {
    throw new LogbookError('invalid_input', `unknown table or view "${name}"`, 'table')
  }
  for (const field of ['from', 'to'] as const) {
    const day = range[field]
    if (day !== undefined && !isCalendarDay(day)) {
      throw new LogbookError(
        'invalid_input',
        `the ${field === 'from' ? 'first' : 'last'} day must be a date written YYYY-MM-DD, not "${day}"`,
        field,
      )
    }
  }
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw new LogbookError(
      'invalid_input',
      `the range ends (${range.to}) before it starts (${range.from})`,
      'to',
    )
  }
  if ((range.from !== undefined || range.to !== undefined) && !TIME_FILTERS[name]) {
    throw new LogbookError(
      'invalid_input',
      `${name} has no date column to filter on, so it can only be exported whole`,
      'from',
    )
  }
}

interface Query {
  sql: string
  params: (string | number)[]
}

function dayBounds(range: DateRange, timeZone: string) {
  const startOf = (day: string) => {
    const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number]
    return zonedTimeToEpoch({ year, month, day: dayOfMonth }, timeZone)
  }
  const afterDay = (day: string) => {
    const next = nextDateKey(isoToDateKey(day))
    const year = Math.floor(next / 10000)
    return zonedTimeToEpoch(
      { year, month: Math.floor(next / 100) % 100, day: next % 100 },
      timeZone,
    )
  }
  return {
    start: range.from === undefined ? null : startOf(range.from),
    end: range.to === undefined ? null : afterDay(range.to),
  }
}

function rangeConditions(filter: TimeFilter, range: DateRange, timeZone: string): Query {
  const conditions: string[] = []
  const params: (string | number)[] = []
  const add = (condition: string, value: string | number) => {
    conditions.push(condition)
    params.push(value)
  }
  const column = `"${filter.column}"`
  switch (filter.kind) {
    case 'epoch_ms':
    case 'instant': {
      const { start, end } = dayBounds(range, timeZone)
      const asValue = (ms: number) => (filter.kind === 'epoch_ms' ? ms : new Date(ms).toISOString())
      if (start !== null) add(`${column} >= ?`, asValue(start))
      if (end !== null) add(`${column} < ?`, asValue(end))
      break
    }
    case 'date':
      if (range.from !== undefined) add(`${column} >= ?`, range.from)
      if (range.to !== undefined) add(`${column} <= ?`, range.to)
      break
    case 'date_key':
      if (range.from !== undefined) add(`${column} >= ?`, isoToDateKey(range.from))
      if (range.to !== undefined) add(`${column} <= ?`, isoToDateKey(range.to))
      break
    case 'workout_date': {
      const days: string[] = []
      if (range.from !== undefined) {
        days.push('w.workout_date >= ?')
        params.push(range.from)
      }
      if (range.to !== undefined) {
        days.push('w.workout_date <= ?')
        params.push(range.to)
      }
      conditions.push(
        `${column} IN (SELECT w.id FROM fitness_workouts w WHERE ${days.join(' AND ')})`,
      )
      break
    }
  }
  return { sql: conditions.join(' AND '), params }
}

/** Primary-key order for tables, so the same data always gives the same file. */
function orderFor(sqlite: BetterSqlite3.Database, name: ExportableName) {
  if (!Object.hasOwn(tables, name)) return ''
  const key = (
    sqlite.prepare(`SELECT name, pk FROM pragma_table_info(?)`).all(name) as {
      name: string
      pk: number
    }[]
  )
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => `"${c.name}"`)
  return ` ORDER BY ${key.length > 0 ? key.join(', ') : 'rowid'}`
}

/** Every identifier in the SQL comes from shared/schema, never from the caller. */
async function buildQuery(
  handle: DatabaseHandle,
  name: ExportableName,
  range: DateRange,
): Promise<Query> {
  const columns = exportColumns(name)
    .map((c) => `"${c}"`)
    .join(', ')
  const filter = TIME_FILTERS[name]
  let where: Query = { sql: '', params: [] }
  if (filter && (range.from !== undefined || range.to !== undefined)) {
    const { timeZone } = await readSettings(handle.db)
    where = rangeConditions(filter, range, timeZone)
  }
  return {
    sql: `SELECT ${columns} FROM "${name}"${where.sql ? ` WHERE ${where.sql}` : ''}${orderFor(handle.sqlite, name)}`,
    params: where.params,
  }
}

export interface StreamExportOptions extends DateRange {
  bom?: boolean
  signal?: AbortSignal
  /** Sees every chunk written (to hash the file while it is written). */
  onChunk?: (chunk: string) => void
}

/**
 * Streams a table or view as CSV into `out` (which it does not end): header of column names in
 * schema order, then the rows, read with `.iterate()` so only one batch is ever in memory.
 * Integers are read as bigint so ids and epochs above 2^53 are written exactly. The connection
 * is busy while the rows stream, so exports belong on a connection of their own.
 */
export async function exportTableTo(
  handle: DatabaseHandle,
  name: string,
  out: Writable,
  options: StreamExportOptions = {},
): Promise<number> {
  assertExportRequest(name, options)
  const { sql, params } = await buildQuery(handle, name, options)
  const statement = handle.sqlite.prepare(sql).raw(true).safeIntegers(true)
  const sink = new CsvSink(out, options.onChunk)
  sink.start(exportColumns(name), { bom: options.bom })
  for (const row of statement.iterate(...params) as IterableIterator<CsvValue[]>) {
    const wait = sink.row(row)
    if (wait) {
      await wait
      options.signal?.throwIfAborted()
    }
  }
  await sink.flush()
  return sink.rows
}

function writeError(path: string, error: unknown) {
  if (error instanceof LogbookError || (error instanceof Error && error.name === 'AbortError'))
    return error
  const reason = error instanceof Error ? error.message : String(error)
  return new LogbookError('io_error', `Cannot write ${path}: ${reason}`)
}

/**
 * Writes `path` through a temporary file beside it that is renamed into place once complete, so
 * a failed or cancelled export never leaves half a file under the real name.
 */
export async function writeFileAtomically(
  path: string,
  write: (out: Writable) => Promise<void>,
): Promise<void> {
  const temporary = `${path}.${process.pid}.partial`
  try {
    mkdirSync(dirname(path), { recursive: true })
    const out = createWriteStream(temporary)
    try {
      await write(out)
      out.end()
      await finished(out)
    } catch (error) {
      out.destroy()
      throw error
    }
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw writeError(path, error)
  }
}

/** Exports one table or view to a CSV file. */
export async function exportTable(
  handle: DatabaseHandle,
  table: string,
  options: ExportTableOptions,
): Promise<{ rows: number; path: string }> {
  assertExportRequest(table, options)
  let rows = 0
  await writeFileAtomically(options.out, async (out) => {
    rows = await exportTableTo(handle, table, out, options)
  })
  return { rows, path: options.out }
}
