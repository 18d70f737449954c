import type BetterSqlite3 from 'better-sqlite3'
import type { ImportTx, WriteOutcome } from '../types'
import type { EventRecord } from './events'
import { ALL_COLUMNS, EventBatches } from './events-batch'
import { SetAsideIndexes } from './events-indexes'

/** The category new actions get in the taxonomy (dim_actions' own default). */
export const NEW_ACTION_CATEGORY = 'uncategorised'

/**
 * A log at least this long, and at least as long as fct_event was before it, is written without
 * the table's secondary indexes, which are built again (sorted, in one pass each) at the end.
 * Until an import gets this far its rows wait in memory (a few MB), so a long log into an empty
 * or small table writes no row at all with the indexes in place.
 */
export const REBUILD_INDEXES_AFTER = 50_000
/**
 * SQLite's page cache while rows go in with the indexes in place (a long log into a longer
 * table), when the connection's is smaller: each index takes a random place for every event,
 * and with the default 16 MB the pages of a large one go back and forth to the file.
 */
const LIVE_INDEX_CACHE_KIB = 40 * 1024

/** ensureUser's details: none (and no new empty object per row for its default). */
const NO_DETAILS = Object.freeze({})

/** One import's state: made at its first row. */
interface Run {
  sqlite: BetterSqlite3.Database
  batches: EventBatches
  indexes: SetAsideIndexes
  /** Rows before this one are held in memory (no decision about the indexes yet). */
  holdUntil: number
  /** The count of rows at which the indexes are set aside. */
  rebuildAfter: number
  /** The largest event_key before the import: every row above it is this import's. */
  keyBefore: number
  /** Rows that found their event_id already there (ON CONFLICT DO NOTHING) when written. */
  skipped: number
  /** The connection's cache_size before the import, when it was raised. */
  cacheSize: number | undefined
}

/**
 * Writes events with prepared statements of its own, outside `tx.insert` (which would log each of
 * a million rows in import_rows: undo finds them by `fct_event.import_id`), a few dozen rows per
 * statement (events-batch.ts). Everything fct_event checks was checked in parse, so an insert
 * cannot fail half-way and needs no savepoint; write() therefore answers 'inserted' for every
 * row, and finish() says how many of them turned out to be duplicates.
 *
 * A long log is the one case where keeping fct_event's indexes up to date row by row costs more
 * than everything else together: each of them (person + time, session, event id…) takes a
 * random place in a large b-tree for every event. Once an import has REBUILD_INDEXES_AFTER
 * events, and at least as many as the table held before, the indexes are dropped and, in
 * finish(), created again from their own SQL (events-indexes.ts).
 */
export class FastEventWriter {
  private run: Run | undefined
  private lastUser = ''
  private lastAction = ''
  private written = 0

  /** @param layout the optional columns the file can fill (events-batch.ts). */
  constructor(private readonly layout = ALL_COLUMNS) {}

  private start(tx: ImportTx): Run {
    const sqlite = tx.sqlite
    this.lastUser = ''
    this.lastAction = ''
    this.written = 0
    // An upper bound on the rows already there, without counting them.
    const { span, last } = sqlite
      .prepare(
        'SELECT coalesce(max(event_key) - min(event_key) + 1, 0) AS span, coalesce(max(event_key), 0) AS last FROM fct_event',
      )
      .get() as { span: number; last: number }
    const run: Run = {
      sqlite,
      batches: new EventBatches(sqlite, this.layout, tx.importId, tx.now),
      indexes: new SetAsideIndexes(sqlite),
      holdUntil: REBUILD_INDEXES_AFTER,
      rebuildAfter: Math.max(REBUILD_INDEXES_AFTER, span),
      keyBefore: last,
      skipped: 0,
      cacheSize: undefined,
    }
    this.run = run
    return run
  }

  write(record: EventRecord, tx: ImportTx): WriteOutcome {
    const run = this.run?.sqlite === tx.sqlite ? this.run : this.start(tx)
    // Users and actions go in at once: the events that name them may be written any time.
    if (record.userId !== this.lastUser) {
      tx.ensureUser(record.userId, NO_DETAILS)
      this.lastUser = record.userId
    }
    if (record.name !== this.lastAction) {
      tx.ensureAction(record.name, NEW_ACTION_CATEGORY)
      this.lastAction = record.name
    }
    const written = ++this.written
    const full = run.batches.add(record)
    if (written === run.rebuildAfter) this.setIndexesAside(run)
    else if (written === run.holdUntil) this.writeHeld(run, false)
    else if (full && written > run.holdUntil) this.writeHeld(run, false)
    return 'inserted'
  }

  /**
   * Writes the rows held so far (with `all`, the part-filled batch too). A failure here is not
   * the row being written's (it is some row of the batch): it fails the whole import, which
   * rolls back, instead of being taken for that row's problem.
   */
  private writeHeld(run: Run, all: boolean) {
    const skipDuplicates = !run.indexes.uniqueSetAside
    if (skipDuplicates && !run.indexes.any) this.raiseCache(run)
    const rows = run.batches.pending
    let inserted: number
    try {
      inserted = run.batches.write(skipDuplicates, all)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new Error(`Writing a batch of events failed: ${reason}`, { cause: error })
    }
    run.skipped += rows - run.batches.pending - inserted
  }

  /** The rows held so far go in with the indexes as they are, then the indexes go. */
  private setIndexesAside(run: Run) {
    if (this.written > run.holdUntil) this.writeHeld(run, true)
    run.indexes.setAside()
    run.batches.forgetStatements()
    this.writeHeld(run, false)
  }

  private raiseCache(run: Run) {
    if (run.cacheSize !== undefined) return
    const sqlite = run.sqlite
    const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number
    const pageSize = sqlite.pragma('page_size', { simple: true }) as number
    const kib = cacheSize < 0 ? -cacheSize : (cacheSize * pageSize) / 1024
    if (kib >= LIVE_INDEX_CACHE_KIB) return
    run.cacheSize = cacheSize
    sqlite.pragma(`cache_size = -${LIVE_INDEX_CACHE_KIB}`)
  }

  /**
   * Writes what is still held, puts back the indexes set aside (still inside the import's
   * transaction), and says how many rows counted as inserted were duplicates after all.
   */
  finish(tx: ImportTx): { laterDuplicates: number } {
    const run = this.run
    this.run = undefined
    if (run === undefined || run.sqlite !== tx.sqlite) return { laterDuplicates: 0 }
    try {
      this.writeHeld(run, true)
      const removed = run.indexes.any ? run.indexes.restore(run.keyBefore) : 0
      return { laterDuplicates: run.skipped + removed }
    } finally {
      if (run.cacheSize !== undefined) run.sqlite.pragma(`cache_size = ${run.cacheSize}`)
    }
  }
}
