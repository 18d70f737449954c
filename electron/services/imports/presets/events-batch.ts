import type BetterSqlite3 from 'better-sqlite3'
import type { EventRecord } from './events'

/** The optional columns, in the order of their bit in a layout. */
const OPTIONAL_COLUMNS = [
  'duration_seconds',
  'task_id',
  'source',
  'app_session_id',
  'page_url',
  'action_context',
  'properties',
  'ingested_at',
] as const

export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number]

/** The bit of an optional column in a layout. */
export const columnBit = (column: OptionalColumn) => 1 << OPTIONAL_COLUMNS.indexOf(column)

/** Every optional column bound: a layout for when the file's columns are not known. */
export const ALL_COLUMNS = (1 << OPTIONAL_COLUMNS.length) - 1

/** The columns an event-log import writes. */
export const WRITTEN_COLUMNS: readonly string[] = [
  'event_id',
  'user_id',
  'event_name',
  'event_ts',
  'date_key',
  ...OPTIONAL_COLUMNS,
  'import_id',
]

/**
 * Rows per INSERT statement. One statement per row pays better-sqlite3's call and SQLite's
 * statement set-up a million times; a few dozen rows per statement pay it once for all of them.
 * Measured with 10 values a row, indexes set aside, the values passed as arguments: 1 row per
 * statement 7.7 µs a row, 16 to 128 rows 3.1–3.4 µs (about half of it SQLite's insert).
 */
export const ROWS_PER_STATEMENT = 32

/**
 * What stands for NULL in a bound column, turned back into NULL by the SQL: binding a number
 * costs better-sqlite3 one type check, a null five (about 0.4 µs a row for three of them). No
 * text equals the integer 0, and no duration is negative.
 */
const NO_TEXT = 0
const NO_NUMBER = -1
const PARAMETER: Record<OptionalColumn, string> = {
  duration_seconds: `nullif(?, ${NO_NUMBER})`,
  task_id: `nullif(?, ${NO_TEXT})`,
  source: `nullif(?, ${NO_TEXT})`,
  app_session_id: `nullif(?, ${NO_TEXT})`,
  page_url: `nullif(?, ${NO_TEXT})`,
  action_context: `nullif(?, ${NO_TEXT})`,
  properties: `nullif(?, ${NO_TEXT})`,
  ingested_at: '?',
}

const DURATION = columnBit('duration_seconds')
const TASK = columnBit('task_id')
const SOURCE = columnBit('source')
const SESSION = columnBit('app_session_id')
const PAGE = columnBit('page_url')
const CONTEXT = columnBit('action_context')
const PROPERTIES = columnBit('properties')
const INGESTED = columnBit('ingested_at')

/**
 * Events on their way into fct_event, a statement's worth of rows at a time, in file order.
 *
 * The layout (which optional columns the file can fill) is fixed for the whole import, so every
 * row has the same values in the same places, one INSERT of many rows takes a whole batch, and
 * the rows keep the file's order (event_key order decides which copy of a repeated id stays).
 * A column the file has no field for is NULL in the SQL, not a bound value; so are the import's
 * id, and the import's time as `ingested_at` when the file has no such column.
 */
export class EventBatches {
  /** Values per row. */
  readonly width: number
  private readonly statements = new Map<string, BetterSqlite3.Statement>()
  /** Full batches not written yet, then the batch being filled. */
  private held: unknown[][] = []
  private current: unknown[]
  private filled = 0

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly layout: number,
    private readonly importId: number,
    private readonly now: number,
  ) {
    let width = 5
    for (let bit = 0; bit < OPTIONAL_COLUMNS.length; bit++) if (layout & (1 << bit)) width++
    this.width = width
    this.current = new Array<unknown>(ROWS_PER_STATEMENT * width)
  }

  /** Rows added and not written yet. */
  get pending() {
    return this.held.length * ROWS_PER_STATEMENT + this.filled / this.width
  }

  /** Adds a row; true when a batch just filled (`write` it, or let it wait). */
  add(record: EventRecord): boolean {
    const values = this.current
    const layout = this.layout
    let n = this.filled
    values[n++] = record.eventId
    values[n++] = record.userId
    values[n++] = record.name
    values[n++] = record.eventTs
    values[n++] = record.dateKey
    if (layout & DURATION) values[n++] = record.duration ?? NO_NUMBER
    if (layout & TASK) values[n++] = record.taskId ?? NO_TEXT
    if (layout & SOURCE) values[n++] = record.source ?? NO_TEXT
    if (layout & SESSION) values[n++] = record.session ?? NO_TEXT
    if (layout & PAGE) values[n++] = record.pageUrl ?? NO_TEXT
    if (layout & CONTEXT) values[n++] = record.context ?? NO_TEXT
    if (layout & PROPERTIES) values[n++] = record.properties ?? NO_TEXT
    if (layout & INGESTED) values[n++] = record.ingestedAt < 0 ? this.now : record.ingestedAt
    this.filled = n
    if (n < values.length) return false
    this.held.push(values)
    this.current = new Array<unknown>(values.length)
    this.filled = 0
    return true
  }

  /**
   * Writes every full batch held (and, with `all`, the part-filled one too); returns how many
   * rows went in. With `skipDuplicates`, a row whose event_id is already there is left out
   * (the unique index must be in place); without, every row goes in.
   */
  write(skipDuplicates: boolean, all = false): number {
    let inserted = 0
    if (this.held.length > 0) {
      const statement = this.statement(ROWS_PER_STATEMENT, skipDuplicates)
      // Spread: better-sqlite3 binds arguments directly, an array's values one lookup at a time.
      for (const values of this.held) inserted += statement.run(...values).changes
      this.held = []
    }
    if (all && this.filled > 0) {
      const rows = this.filled / this.width
      const values = this.current.slice(0, this.filled)
      inserted += this.statement(rows, skipDuplicates).run(...values).changes
      this.filled = 0
    }
    return inserted
  }

  /** Statements are compiled against the indexes there are: made again after they change. */
  forgetStatements() {
    this.statements.clear()
  }

  private statement(rows: number, skipDuplicates: boolean) {
    const key = `${rows}${skipDuplicates ? '+' : ''}`
    let statement = this.statements.get(key)
    if (statement === undefined) {
      statement = this.sqlite.prepare(this.insertSql(rows, skipDuplicates))
      this.statements.set(key, statement)
    }
    return statement
  }

  private insertSql(rows: number, skipDuplicates: boolean) {
    const values = ['?', '?', '?', '?', '?']
    OPTIONAL_COLUMNS.forEach((column, bit) => {
      if (this.layout & (1 << bit)) values.push(PARAMETER[column])
      else values.push(column === 'ingested_at' ? String(this.now) : 'NULL')
    })
    values.push(String(this.importId))
    const row = `(${values.join(', ')})`
    return `INSERT INTO fct_event (${WRITTEN_COLUMNS.join(', ')})
      VALUES ${Array.from({ length: rows }, () => row).join(',\n')}
      ${skipDuplicates ? 'ON CONFLICT (event_id) DO NOTHING' : ''}`
  }
}
