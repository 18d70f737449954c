import type BetterSqlite3 from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { LogbookError } from '../../../shared/errors'
import type { DatabaseHandle } from '../db/open'
import { DERIVED_TABLES } from '../imports/upkeep'
import { keepRollupsCurrent } from '../rollups/upkeep'
import { columnSql, tableSql } from './columns'
import type { CascadeSet, ClearedColumn } from './dependents'
import { identityWhere, shapeOf, type ForeignKeyGraph } from './graph'

/** The full rows of one table that a deletion took, with their rowids where SQLite chose them. */
interface CapturedRows {
  table: string
  columns: string[]
  rows: unknown[][]
}

/** Everything needed to put a deletion back: rows parents first, and the columns it cleared. */
export interface Capture {
  tables: CapturedRows[]
  cleared: ClearedColumn[]
  rows: number
}

const KEEP = 20

// Keyed by the connection's handle: switching databases drops the other file's undo history.
const stores = new WeakMap<DatabaseHandle, Map<string, Capture>>()

/** Reads, before the DELETE, every row the cascade will take. */
export function captureRows(
  sqlite: BetterSqlite3.Database,
  graph: ForeignKeyGraph,
  set: CascadeSet,
): Capture {
  const tables: CapturedRows[] = []
  let rows = 0
  for (const table of graph.insertOrder) {
    const ids = set.deleted.get(table)
    if (!ids || ids.size === 0) continue
    const shape = shapeOf(graph, table)
    // A table without an INTEGER PRIMARY KEY still has a rowid; keep it so the row comes back as it was.
    const columns =
      shape.withoutRowid || shape.rowidAlias !== null ? shape.columns : ['rowid', ...shape.columns]
    const select = sqlite
      .prepare(
        `SELECT ${columns.map((c) => columnSql(table, c)).join(', ')} FROM ${tableSql(table)} WHERE ${identityWhere(shape)}`,
      )
      .raw(true)
      .safeIntegers(true)
    const captured = [...ids.values()].map((id) => select.get(...id) as unknown[])
    tables.push({ table, columns, rows: captured })
    rows += captured.length
  }
  return { tables, cleared: set.cleared, rows }
}

/** Keeps a capture under a new token; only the last few per database are kept. */
export function rememberCapture(handle: DatabaseHandle, capture: Capture): string {
  let store = stores.get(handle)
  if (!store) stores.set(handle, (store = new Map()))
  const token = randomUUID()
  store.set(token, capture)
  for (const oldest of store.keys()) {
    if (store.size <= KEEP) break
    store.delete(oldest)
  }
  return token
}

function restore(sqlite: BetterSqlite3.Database, graph: ForeignKeyGraph, capture: Capture) {
  // Parents go in first; deferring the checks to COMMIT also covers rows that refer to each other.
  sqlite.pragma('defer_foreign_keys = ON')
  for (const { table, columns, rows } of capture.tables) {
    // Rows derived from the others are computed again below, never put back as they were.
    if (DERIVED_TABLES.includes(table)) continue
    const insert = sqlite.prepare(
      `INSERT INTO ${tableSql(table)} (${columns.map((c) => columnSql(table, c)).join(', ')})
       VALUES (${columns.map(() => '?').join(', ')})`,
    )
    for (const row of rows) insert.run(...row)
  }
  for (const { table, id, column, value } of capture.cleared) {
    // Only a column that is still empty: one set again since the deletion keeps its new value.
    sqlite
      .prepare(
        `UPDATE ${tableSql(table)} SET ${columnSql(table, column)} = ?
         WHERE ${identityWhere(shapeOf(graph, table))} AND ${columnSql(table, column)} IS NULL`,
      )
      .run(value, ...id)
  }
  // The events come back with their old keys: named to the rollups, which cannot find them.
  const events = capture.tables.find((t) => t.table === 'fct_event')
  const at = events?.columns.indexOf('event_key') ?? -1
  keepRollupsCurrent(sqlite, {
    eventKeys: at < 0 ? [] : (events?.rows ?? []).map((row) => row[at] as bigint),
  })
}

/** Puts a deletion back with its original keys; a token works once. */
export function undoDeletion(handle: DatabaseHandle, graph: ForeignKeyGraph, token: string) {
  const store = stores.get(handle)
  const capture = store?.get(token)
  if (!store || !capture) {
    throw new LogbookError(
      'not_found',
      'Nothing to undo: it was already undone, or it is too long ago',
    )
  }
  try {
    handle.sqlite.transaction(() => restore(handle.sqlite, graph, capture)).immediate()
  } catch (error) {
    if (
      error instanceof Error &&
      'code' in error &&
      String(error.code).startsWith('SQLITE_CONSTRAINT')
    ) {
      throw new LogbookError(
        'conflict',
        'The deleted records cannot be put back: something added since then takes their place. Nothing was changed.',
      )
    }
    throw error
  }
  store.delete(token)
  return { restored: capture.rows }
}
