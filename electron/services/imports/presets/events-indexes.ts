import type BetterSqlite3 from 'better-sqlite3'
import { WRITTEN_COLUMNS } from './events-batch'

interface IndexDefinition {
  name: string
  sql: string
}

/**
 * SQLite's page cache while the indexes are built again. CREATE INDEX sorts its keys in runs of
 * at most the page cache's size and merges them: with a small cache each run is sorted inside
 * the CPU's caches, and the merge reads them back in order (bench/import-events.ts, 1M events:
 * 2 MB took about 2.9 s of CPU for the four sorted indexes, 40 MB about 4.7 s, 200 MB no better).
 */
const REBUILD_CACHE_KIB = 2 * 1024

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
 * fct_event's indexes that every imported row would enter, set aside for a long import and built
 * again at its end, inside its transaction (a cancel or a failure rolls them back with the rest).
 * The unique index on event_id goes too: without it rows go in as they come, and the repeated
 * ids are found once, sorted, at the end.
 */
export class SetAsideIndexes {
  private dropped: IndexDefinition[] = []

  constructor(private readonly sqlite: BetterSqlite3.Database) {}

  /** Whether the unique index on event_id is set aside (an insert cannot ask ON CONFLICT). */
  get uniqueSetAside() {
    return this.dropped.some((index) => isUnique(index.sql))
  }

  get any() {
    return this.dropped.length > 0
  }

  setAside() {
    const indexes = this.sqlite
      .prepare(
        `SELECT name, sql FROM sqlite_schema
          WHERE type = 'index' AND tbl_name = 'fct_event' AND sql IS NOT NULL`,
      )
      .all() as IndexDefinition[]
    const dropped = indexes.filter((index) => costsPerRow(index.sql))
    for (const index of dropped)
      this.sqlite.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`)
    this.dropped = dropped
  }

  /**
   * Builds the indexes again from their own SQL, with a small page cache (put back after). When
   * the unique index finds a repeated id, the copies this import added (event_key above
   * `keyBefore`) are deleted first; returns how many.
   */
  restore(keyBefore: number): number {
    const sqlite = this.sqlite
    const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number
    sqlite.pragma(`cache_size = -${REBUILD_CACHE_KIB}`)
    let laterDuplicates = 0
    try {
      for (const index of this.dropped) {
        try {
          sqlite.exec(index.sql)
        } catch (error) {
          // The common case has no duplicates and pays for one sorted build; only a file that
          // repeats ids pays for finding them.
          if (!isUnique(index.sql) || !isUniqueViolation(error)) throw error
          laterDuplicates = this.dropLaterDuplicates(keyBefore)
          sqlite.exec(index.sql)
        }
      }
    } finally {
      sqlite.pragma(`cache_size = ${cacheSize}`)
    }
    this.dropped = []
    return laterDuplicates
  }

  /**
   * Rows of this import whose event_id an earlier row already has (in the table before, or
   * earlier in the file): deleted, one sorted pass, before the unique index is built again.
   */
  private dropLaterDuplicates(keyBefore: number) {
    return this.sqlite
      .prepare(
        `DELETE FROM fct_event WHERE event_key IN (
           SELECT event_key FROM (
             SELECT event_key, event_id,
                    lag(event_id) OVER (ORDER BY event_id, event_key) AS previous
               FROM fct_event)
            WHERE event_id = previous AND event_key > ?)`,
      )
      .run(keyBefore).changes
  }
}
