import type BetterSqlite3 from 'better-sqlite3'
import type { ImportTx, WriteOutcome } from '../types'
import type { EventRecord } from './events'

/** The category new actions get in the taxonomy (dim_actions' own default). */
export const NEW_ACTION_CATEGORY = 'uncategorised'

/**
 * A log at least this long, and at least as long as fct_event was before it, is written without
 * the table's secondary indexes, which are built again (sorted, in one pass each) at the end.
 */
export const REBUILD_INDEXES_AFTER = 50_000
/**
 * SQLite's page cache for the length of the import, when the connection's is smaller: the
 * unique index on event_id takes a random place for every event, and with the default 16 MB the
 * pages of a large one go back and forth to the file (bench/import-events.ts: 40 MB made a
 * million-event import about 8% faster; more gave nothing).
 */
const IMPORT_CACHE_KIB = 40 * 1024

/** The optional columns, in the order of their bit in a statement's shape. */
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
const INGESTED_BIT = 1 << OPTIONAL_COLUMNS.indexOf('ingested_at')

/**
 * The insert for one shape of row: the columns the row has a value for are parameters, the
 * others NULL in the SQL (binding a value costs more than SQLite's insert of it, and most logs
 * fill the same few columns on every row). The import's id, and the import's time when the row
 * gives no ingestion time, are constants of the import.
 */
function insertSql(shape: number, importId: number, now: number, checkDuplicates: boolean) {
  const values = OPTIONAL_COLUMNS.map((column, bit) =>
    shape & (1 << bit) ? '?' : column === 'ingested_at' ? String(now) : 'NULL',
  )
  return `INSERT INTO fct_event (event_id, user_id, event_name, event_ts, date_key,
      ${OPTIONAL_COLUMNS.join(', ')}, import_id)
    VALUES (?, ?, ?, ?, ?, ${values.join(', ')}, ${importId})
    ${checkDuplicates ? 'ON CONFLICT (event_id) DO NOTHING' : ''}`
}

/** ensureUser's details: none (and no new empty object per row for its default). */
const NO_DETAILS = Object.freeze({})

interface IndexDefinition {
  name: string
  sql: string
}

/** The columns an event-log import writes. */
const WRITTEN_COLUMNS = [
  'event_id',
  'user_id',
  'event_name',
  'event_ts',
  'date_key',
  ...OPTIONAL_COLUMNS,
  'import_id',
]

const isUniqueViolation = (error: unknown) =>
  error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE'

const isUnique = (sql: string) => /^\s*CREATE\s+UNIQUE\b/i.test(sql)

/**
 * Whether an index is worth dropping for a long import: not a partial index whose condition
 * reads none of the columns this import writes (`… WHERE account_id IS NOT NULL`: the imported
 * rows are not in it, so it costs nothing per row, and building it again would scan the table).
 */
function costsPerRow(sql: string) {
  const where = /\bWHERE\b([\s\S]*)$/i.exec(sql)
  if (!where) return true
  const condition = (where[1] ?? '').toLowerCase()
  return WRITTEN_COLUMNS.some((column) => new RegExp(`\\b${column}\\b`).test(condition))
}

/**
 * Writes events with prepared statements of its own, outside `tx.insert` (which would log each of a
 * million rows in import_rows: undo finds them by `fct_event.import_id`). Everything was checked
 * in parse, so an insert cannot fail half-way and needs no savepoint.
 *
 * A long log is the one case where keeping fct_event's indexes up to date row by row costs more
 * than everything else together: each of them (person + time, session…) takes a random place in
 * a large b-tree for every event. Once an import has written REBUILD_INDEXES_AFTER events and at
 * least as many as the table held before, the non-unique indexes are dropped and, in finish(),
 * created again from their own SQL. All of it happens inside the import's transaction: a cancel
 * or a failure rolls the indexes back with everything else, and no other connection ever sees
 * the table without them. The unique index on event_id stays: it is what finds duplicates.
 */
export class FastEventWriter {
  private sqlite: BetterSqlite3.Database | undefined
  /** Prepared inserts and their argument arrays, by shape (made when first needed). */
  private statements: (BetterSqlite3.Statement | undefined)[] = []
  private arguments: unknown[][] = []
  private importId = 0
  private now = 0
  private lastUser = ''
  private lastAction = ''
  private written = 0
  private rebuildAfter = Number.POSITIVE_INFINITY
  private dropped: IndexDefinition[] = []
  /** The unique index on event_id is set aside too: duplicates are found once, at the end. */
  private uniqueDropped = false
  /** The largest event_key before the import: every row above it is this import's. */
  private keyBefore = 0
  /** The connection's cache_size before the import, to put back. */
  private cacheSize: number | undefined

  private start(tx: ImportTx) {
    const sqlite = tx.sqlite
    this.sqlite = sqlite
    this.statements = []
    this.arguments = []
    this.importId = tx.importId
    this.now = tx.now
    this.lastUser = ''
    this.lastAction = ''
    this.written = 0
    // An upper bound on the rows already there, without counting them.
    const { span, last } = sqlite
      .prepare(
        'SELECT coalesce(max(event_key) - min(event_key) + 1, 0) AS span, coalesce(max(event_key), 0) AS last FROM fct_event',
      )
      .get() as { span: number; last: number }
    this.keyBefore = last
    this.uniqueDropped = false
    this.rebuildAfter = Math.max(REBUILD_INDEXES_AFTER, span)
    const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number
    const pageSize = sqlite.pragma('page_size', { simple: true }) as number
    const kib = cacheSize < 0 ? -cacheSize : (cacheSize * pageSize) / 1024
    if (kib < IMPORT_CACHE_KIB) {
      this.cacheSize = cacheSize
      sqlite.pragma(`cache_size = -${IMPORT_CACHE_KIB}`)
    }
  }

  private statement(shape: number) {
    let statement = this.statements[shape]
    if (statement === undefined) {
      statement = (this.sqlite as BetterSqlite3.Database).prepare(
        insertSql(shape, this.importId, this.now, !this.uniqueDropped),
      )
      this.statements[shape] = statement
      let count = 5
      for (let bit = 0; bit < OPTIONAL_COLUMNS.length; bit++) if (shape & (1 << bit)) count++
      this.arguments[shape] = new Array<unknown>(count)
    }
    return statement
  }

  write(record: EventRecord, tx: ImportTx): WriteOutcome {
    if (this.sqlite !== tx.sqlite) this.start(tx)
    if (++this.written === this.rebuildAfter) this.dropIndexes(tx.sqlite)
    if (record.userId !== this.lastUser) {
      tx.ensureUser(record.userId, NO_DETAILS)
      this.lastUser = record.userId
    }
    if (record.name !== this.lastAction) {
      tx.ensureAction(record.name, NEW_ACTION_CATEGORY)
      this.lastAction = record.name
    }
    const shape =
      (record.duration === null ? 0 : 1) |
      (record.taskId === null ? 0 : 2) |
      (record.source === null ? 0 : 4) |
      (record.session === null ? 0 : 8) |
      (record.pageUrl === null ? 0 : 16) |
      (record.context === null ? 0 : 32) |
      (record.properties === null ? 0 : 64) |
      (record.ingestedAt < 0 ? 0 : INGESTED_BIT)
    const statement = this.statement(shape)
    const args = this.arguments[shape] as unknown[]
    args[0] = record.eventId
    args[1] = record.userId
    args[2] = record.name
    args[3] = record.eventTs
    args[4] = record.dateKey
    let n = 5
    if (record.duration !== null) args[n++] = record.duration
    if (record.taskId !== null) args[n++] = record.taskId
    if (record.source !== null) args[n++] = record.source
    if (record.session !== null) args[n++] = record.session
    if (record.pageUrl !== null) args[n++] = record.pageUrl
    if (record.context !== null) args[n++] = record.context
    if (record.properties !== null) args[n++] = record.properties
    if (record.ingestedAt >= 0) args[n] = record.ingestedAt
    return statement.run(...args).changes > 0 ? 'inserted' : 'duplicate'
  }

  private dropIndexes(sqlite: BetterSqlite3.Database) {
    const indexes = sqlite
      .prepare(
        `SELECT name, sql FROM sqlite_schema
          WHERE type = 'index' AND tbl_name = 'fct_event' AND sql IS NOT NULL`,
      )
      .all() as IndexDefinition[]
    const dropped = indexes.filter((index) => costsPerRow(index.sql))
    for (const index of dropped) sqlite.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`)
    this.dropped = dropped
    // Statements compiled against the dropped indexes are made again; without the unique index
    // an insert cannot ask ON CONFLICT, so rows go in as they come and duplicates go at the end.
    this.uniqueDropped = dropped.some((index) => isUnique(index.sql))
    this.statements = []
    this.arguments = []
  }

  /**
   * Rows of this import whose event_id an earlier row already has (in the table before, or
   * earlier in the file): deleted, one sorted pass, before the unique index is built again.
   */
  private dropLaterDuplicates(sqlite: BetterSqlite3.Database) {
    return sqlite
      .prepare(
        `DELETE FROM fct_event WHERE event_key IN (
           SELECT event_key FROM (
             SELECT event_key, event_id,
                    lag(event_id) OVER (ORDER BY event_id, event_key) AS previous
               FROM fct_event)
            WHERE event_id = previous AND event_key > ?)`,
      )
      .run(this.keyBefore).changes
  }

  /**
   * Puts back the indexes dropped for speed (still inside the import's transaction), and says
   * how many rows counted as inserted turned out to be duplicates.
   */
  finish(tx: ImportTx): { laterDuplicates: number } {
    let laterDuplicates = 0
    for (const index of this.dropped) {
      try {
        tx.sqlite.exec(index.sql)
      } catch (error) {
        // The common case has no duplicates and pays for one sorted build; only a file that
        // repeats ids pays for finding them.
        if (!isUnique(index.sql) || !isUniqueViolation(error)) throw error
        laterDuplicates = this.dropLaterDuplicates(tx.sqlite)
        tx.sqlite.exec(index.sql)
      }
    }
    this.dropped = []
    this.uniqueDropped = false
    if (this.cacheSize !== undefined) tx.sqlite.pragma(`cache_size = ${this.cacheSize}`)
    this.cacheSize = undefined
    this.statements = []
    this.arguments = []
    this.sqlite = undefined
    return { laterDuplicates }
  }
}
