/*
 * The background full rebuild without holding the write lock while it computes (worker.ts runs
 * it on a connection of its own). Three steps:
 *
 * 1. Claim (one short write transaction): event days brought into the settings' zone when they
 *    are in another (a change of zone: this rewrites every event and is the one long write
 *    left), rollup_state marked not built (built_with NULL), event_mark set to the last event
 *    and rollup_dirty emptied. From here the window's writes only record what they change
 *    (event_mark/rollup_dirty: upkeep.ts defers to the background while the rollups are marked
 *    stale), and a crash at any point before step 3 commits leaves the rollups marked stale,
 *    so the next start rebuilds them: the old rows stay readable meanwhile.
 * 2. Compute (one read transaction, a WAL snapshot of the main file): every rollup computed into
 *    tables of a private temporary database attached as `rollup_shadow` (SQLite deletes its file
 *    when the connection closes, or at once on a crash). The window's connection writes freely.
 * 3. Swap (one write transaction): unless the settings or core actions changed meanwhile, or
 *    another full rebuild finished meanwhile (the result would be stale: another round), the
 *    main rollup tables are emptied and filled from the shadow tables in their order, their
 *    by-day indexes built again sorted, media_analytics rebuilt, rollup_state written with
 *    event_mark as it stands now, and the incremental upkeep takes in what the window wrote
 *    since step 1 (events above the mark, rows of rollup_dirty). Readers see the old rollups or
 *    the new ones, never a mix. This step holds the lock for a copy, not a computation.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { readSettingsSync } from '../settings/store'
import { recomputeEventDaysQuietly } from './day-keys'
import { rebuildMediaAnalytics } from './media-analytics'
import {
  computeRollupsInto,
  EVENT_ROLLUP_TABLES,
  setIndexesAside,
  writeDimDate,
  type RebuildOptions,
} from './rebuild'
import {
  coreFlagsCompatible,
  coreSignature,
  lastEventKey,
  readCoreFlags,
  readState,
  settingsSignature,
  writeState,
  type RollupSettings,
} from './state'
import { keepRollupsCurrent } from './upkeep'

const SHADOW = 'rollup_shadow'
/** The shadow tables' page cache: they are written once, in order. */
const SHADOW_CACHE_KIB = 32 * 1024

export type ShadowOutcome = 'swapped' | 'superseded'

/** Step 1: the rollups marked stale, the events' days in the settings' zone. */
function claim(sqlite: BetterSqlite3.Database, settings: RollupSettings, report: Progress) {
  sqlite
    .transaction(() => {
      const { keyZone } = readState(sqlite)
      if (keyZone !== null && keyZone !== settings.timeZone) {
        report(0, `Finding each event's day in ${settings.timeZone}`)
        recomputeEventDaysQuietly(sqlite, settings.timeZone)
      }
      sqlite
        .prepare(
          `UPDATE rollup_state SET built_with = NULL, key_zone = ?,
             event_mark = (SELECT coalesce(max(event_key), 0) FROM fct_event) WHERE id = 1`,
        )
        .run(settings.timeZone)
      sqlite.prepare(`DELETE FROM rollup_dirty`).run()
    })
    .immediate()
}

type Progress = (fraction: number, message: string) => void

/** Empty copies of the event rollup tables (columns only) in the attached shadow database. */
function createShadowTables(sqlite: BetterSqlite3.Database) {
  sqlite.exec(`ATTACH DATABASE '' AS ${SHADOW}`)
  sqlite.pragma(`${SHADOW}.cache_size = -${SHADOW_CACHE_KIB}`)
  sqlite.pragma(`${SHADOW}.journal_mode = OFF`)
  sqlite.pragma(`${SHADOW}.synchronous = OFF`)
  for (const table of EVENT_ROLLUP_TABLES) {
    sqlite.exec(`CREATE TABLE ${SHADOW}.${table} AS SELECT * FROM main.${table} WHERE 0`)
  }
}

/** Step 2, in a read transaction of the main file: returns the core flags it computed with. */
function compute(sqlite: BetterSqlite3.Database, settings: RollupSettings, report: Progress) {
  return sqlite.transaction(() => {
    const flags = readCoreFlags(sqlite)
    const { dayRange } = computeRollupsInto(sqlite, settings, SHADOW, (fraction, message) =>
      report(0.85 * fraction, message),
    )
    writeDimDate(sqlite, dayRange.minDay, dayRange.maxDay, SHADOW)
    // The people as the snapshot had them: rows of anyone deleted since are left out of the swap.
    sqlite.exec(`CREATE TABLE ${SHADOW}.people AS SELECT id, user_id FROM main.users`)
    return flags
  })()
}

/** Columns to copy: all but an INTEGER PRIMARY KEY the main table numbers itself. */
function copiedColumns(sqlite: BetterSqlite3.Database, table: string) {
  const columns = sqlite.prepare(`SELECT name FROM pragma_table_info(?, 'main')`).pluck().all(table)
  return (columns as string[]).filter(
    (name) => !(table === 'fact_user_sessions' && name === 'session_key'),
  )
}

/** Copies a shadow table into its emptied main table, in the order it was written. */
function copyIn(sqlite: BetterSqlite3.Database, table: string) {
  const columns = copiedColumns(sqlite, table)
  const list = columns.join(', ')
  // Only people still there as the snapshot had them (same key, same user_id).
  const stillThere = columns.includes('user_key')
    ? `WHERE user_key IN (SELECT p.id FROM ${SHADOW}.people AS p
         JOIN main.users AS u ON u.id = p.id AND u.user_id = p.user_id)`
    : ''
  sqlite
    .prepare(
      `INSERT INTO main.${table} (${list}) SELECT ${list} FROM ${SHADOW}.${table} ${stillThere}
       ORDER BY rowid`,
    )
    .run()
}

/** Step 3: the shadow tables swapped in, then what was written since taken in. */
function swap(
  sqlite: BetterSqlite3.Database,
  settings: RollupSettings,
  flags: ReadonlyMap<number, boolean>,
  report: Progress,
): ShadowOutcome {
  // Checked by hand instead (the copy keeps only people still there, dim_date goes in whole):
  // with foreign keys on, SQLite deletes the old rows one by one (with every index entry) where
  // it would otherwise drop their pages, and looks each copied row's parents up.
  sqlite.pragma('foreign_keys = OFF')
  try {
    return swapUnchecked(sqlite, settings, flags, report)
  } finally {
    sqlite.pragma('foreign_keys = ON')
  }
}

function swapUnchecked(
  sqlite: BetterSqlite3.Database,
  settings: RollupSettings,
  flags: ReadonlyMap<number, boolean>,
  report: Progress,
): ShadowOutcome {
  return sqlite
    .transaction((): ShadowOutcome => {
      const state = readState(sqlite)
      const now = readCoreFlags(sqlite)
      if (
        state.builtWith !== null ||
        state.keyZone !== settings.timeZone ||
        settingsSignature(readSettingsSync(sqlite)) !== settingsSignature(settings) ||
        !coreFlagsCompatible(coreSignature(flags), now)
      ) {
        return 'superseded'
      }
      report(0.9, 'Putting the recomputed rollups in place')
      const buildIndexes = setIndexesAside(sqlite)
      for (const table of EVENT_ROLLUP_TABLES) sqlite.prepare(`DELETE FROM main.${table}`).run()
      // dim_date first, so the copy holds its references even on a connection with foreign
      // keys still on (the pragma is a no-op inside a caller's transaction).
      for (const table of [...EVENT_ROLLUP_TABLES].reverse()) copyIn(sqlite, table)
      buildIndexes()
      rebuildMediaAnalytics(sqlite, settings.timeZone)
      writeState(sqlite, {
        eventMark: Math.min(state.eventMark, lastEventKey(sqlite)),
        keyZone: settings.timeZone,
        builtWith: settingsSignature(settings),
        coreActions: coreSignature(flags),
      })
      report(0.97, 'Taking in what was written meanwhile')
      keepRollupsCurrent(sqlite, { settings })
      return 'swapped'
    })
    .immediate()
}

export interface ShadowResult {
  outcome: ShadowOutcome
  /** Wall time of the two write transactions (claim and swap), in ms: the lock was held this long. */
  lockedMs: number
  /** Wall time of the whole rebuild, in ms. */
  totalMs: number
}

/**
 * A full rebuild of the event rollups that holds the write lock only to claim the work and to
 * swap the result in (see the header). 'superseded': the result was stale before it could be
 * swapped in, and nothing was changed beyond step 1.
 */
export function rebuildBeside(
  sqlite: BetterSqlite3.Database,
  settings: RollupSettings,
  options: RebuildOptions = {},
): ShadowResult {
  const report: Progress = (fraction, message) => options.onProgress?.(fraction, message)
  const started = performance.now()
  claim(sqlite, settings, report)
  const claimed = performance.now()
  createShadowTables(sqlite)
  try {
    const flags = compute(sqlite, settings, report)
    const computed = performance.now()
    const outcome = swap(sqlite, settings, flags, report)
    const done = performance.now()
    report(1, 'Done')
    return { outcome, lockedMs: claimed - started + (done - computed), totalMs: done - started }
  } finally {
    sqlite.exec(`DETACH DATABASE ${SHADOW}`)
  }
}
