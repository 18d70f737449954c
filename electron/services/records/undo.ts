import type BetterSqlite3 from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { LogbookError } from '../../../shared/errors'
import { diffRows, writeAudit, type AuditEntry, type AuditSource } from '../audit/write'
import type { DatabaseHandle } from '../db/open'
import { DERIVED_TABLES } from '../imports/upkeep'
import { keepRollupsCurrent } from '../rollups/upkeep'
import { columnSql, tableSql } from './columns'
import type { CascadeSet, ClearedColumn } from './dependents'
import { identityWhere, shapeOf, type ForeignKeyGraph, type TableShape } from './graph'

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

type Key = string | number

const keyValue = (value: unknown): Key =>
  typeof value === 'number' || typeof value === 'string' ? value : String(value)

/** A row's primary key as the audit log names it (its rowid where it has none). */
function rowKeyOf(shape: TableShape, row: Record<string, unknown>): AuditEntry['rowKey'] {
  if (shape.primaryKey.length === 0) return keyValue(row.rowid)
  const values = shape.primaryKey.map((column) => keyValue(row[column]))
  return values.length === 1 ? (values[0] as Key) : values
}

/** The primary key of a row that stays (one whose column a deletion clears or puts back). */
function keyOfRowId(sqlite: BetterSqlite3.Database, shape: TableShape, id: readonly unknown[]) {
  const columns = shape.primaryKey.length > 0 ? shape.primaryKey : ['rowid']
  const row = sqlite
    .prepare(
      `SELECT ${columns.map((c) => columnSql(shape.name, c)).join(', ')} FROM ${tableSql(shape.name)} WHERE ${identityWhere(shape)}`,
    )
    .get(...id) as Record<string, unknown> | undefined
  return rowKeyOf(shape, row ?? {})
}

/**
 * One audit entry per row a deletion took ('delete', every field to null) or its undo put back
 * ('create'), and one 'update' per column it cleared or set again. Derived tables are left out:
 * they are recomputed from the others, not deleted or restored one row at a time.
 */
export function captureAuditEntries(
  sqlite: BetterSqlite3.Database,
  graph: ForeignKeyGraph,
  capture: Capture,
  action: 'delete' | 'create',
): AuditEntry[] {
  const entries: AuditEntry[] = []
  for (const { table, columns, rows } of capture.tables) {
    if (DERIVED_TABLES.includes(table)) continue
    const shape = shapeOf(graph, table)
    for (const values of rows) {
      const row = Object.fromEntries(columns.map((column, i) => [column, values[i]]))
      const rowKey = rowKeyOf(shape, row)
      // The rowid a table without a key of its own was given is not one of its fields.
      if (!shape.columns.includes('rowid')) delete row.rowid
      const changes = action === 'delete' ? diffRows(row, null) : diffRows(null, row)
      entries.push({ action, table, rowKey, changes })
    }
  }
  for (const { table, id, column, value } of capture.cleared) {
    const from = action === 'delete' ? value : null
    const to = action === 'delete' ? null : value
    entries.push({
      action: 'update',
      table,
      rowKey: keyOfRowId(sqlite, shapeOf(graph, table), id),
      changes: { [column]: [from, to] },
    })
  }
  return entries
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
  const putBack: ClearedColumn[] = []
  for (const cleared of capture.cleared) {
    const { table, id, column, value } = cleared
    // Only a column that is still empty: one set again since the deletion keeps its new value.
    const { changes } = sqlite
      .prepare(
        `UPDATE ${tableSql(table)} SET ${columnSql(table, column)} = ?
         WHERE ${identityWhere(shapeOf(graph, table))} AND ${columnSql(table, column)} IS NULL`,
      )
      .run(value, ...id)
    if (changes > 0) putBack.push(cleared)
  }
  // The events come back with their old keys: named to the rollups, which cannot find them.
  const events = capture.tables.find((t) => t.table === 'fct_event')
  const at = events?.columns.indexOf('event_key') ?? -1
  keepRollupsCurrent(sqlite, {
    eventKeys: at < 0 ? [] : (events?.rows ?? []).map((row) => row[at] as bigint),
  })
  return { ...capture, cleared: putBack }
}

/** Puts a deletion back with its original keys; a token works once. */
export function undoDeletion(
  handle: DatabaseHandle,
  graph: ForeignKeyGraph,
  token: string,
  source: AuditSource,
) {
  const store = stores.get(handle)
  const capture = store?.get(token)
  if (!store || !capture) {
    throw new LogbookError(
      'not_found',
      'Nothing to undo: it was already undone, or it is too long ago',
    )
  }
  try {
    const { sqlite } = handle
    sqlite
      .transaction(() => {
        const restored = restore(sqlite, graph, capture)
        writeAudit(sqlite, source, captureAuditEntries(sqlite, graph, restored, 'create'))
      })
      .immediate()
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
