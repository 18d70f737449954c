import type BetterSqlite3 from 'better-sqlite3'
import type { DependentCount } from '../../../shared/contract/records'
import { columnSql, tableSql } from './columns'
import { identityWhere, shapeOf, type ForeignKeyGraph } from './graph'
import { tableLabel } from './labels'

/** The values of a row's identity columns (rowid, or a WITHOUT ROWID table's primary key). */
export type RowId = readonly unknown[]

/** A column that ON DELETE SET NULL clears on a row that stays, with the value it held. */
export interface ClearedColumn {
  table: string
  id: RowId
  column: string
  value: unknown
}

export interface CascadeSet {
  root: { table: string; id: RowId }
  /** Every row the deletion takes, the record itself included: table → row. */
  deleted: Map<string, Map<string, RowId>>
  cleared: ClearedColumn[]
  /** Rows of RESTRICT / NO ACTION children that would stop the deletion. */
  blockers: Map<string, number>
}

const idKey = (id: RowId) =>
  id.map((v) => (typeof v === 'bigint' ? `i${v}` : JSON.stringify(v))).join('|')

function statements(sqlite: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>()
  return (text: string) => {
    let statement = cache.get(text)
    if (!statement) {
      // Integers as BigInt so values go back exactly as they were read.
      statement = sqlite.prepare(text).raw(true).safeIntegers(true)
      cache.set(text, statement)
    }
    return statement
  }
}

/** The identity of the row whose `column` is `value`, if there is one. */
export function rowIdOf(
  sqlite: BetterSqlite3.Database,
  graph: ForeignKeyGraph,
  table: string,
  column: string,
  value: unknown,
): RowId | undefined {
  const shape = shapeOf(graph, table)
  const select = shape.identity.map((c) => columnSql(table, c)).join(', ')
  return sqlite
    .prepare(`SELECT ${select} FROM ${tableSql(table)} WHERE ${columnSql(table, column)} = ?`)
    .raw(true)
    .safeIntegers(true)
    .get(value) as RowId | undefined
}

/**
 * Follows the schema's foreign keys from one row: what ON DELETE CASCADE would take with it (all
 * the way down), which SET NULL columns it would clear, and which rows would refuse it.
 */
export function collectCascade(
  sqlite: BetterSqlite3.Database,
  graph: ForeignKeyGraph,
  table: string,
  id: RowId,
): CascadeSet {
  const prepare = statements(sqlite)
  const deleted = new Map<string, Map<string, RowId>>([[table, new Map([[idKey(id), id]])]])
  const cleared: ClearedColumn[] = []
  const blocking = new Map<string, Map<string, RowId>>()
  const queue: [string, RowId][] = [[table, id]]
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    const [parent, parentId] = next
    const parentShape = shapeOf(graph, parent)
    for (const key of graph.referencing.get(parent) ?? []) {
      const values = prepare(
        `SELECT ${key.to.map((c) => columnSql(parent, c)).join(', ')} FROM ${tableSql(parent)} WHERE ${identityWhere(parentShape)}`,
      ).get(...parentId) as unknown[] | undefined
      if (!values || values.some((v) => v === null)) continue
      const child = shapeOf(graph, key.child)
      const children = prepare(
        `SELECT ${child.identity.map((c) => columnSql(child.name, c)).join(', ')} FROM ${tableSql(child.name)}
         WHERE ${key.from.map((c) => `${columnSql(child.name, c)} = ?`).join(' AND ')}`,
      ).all(...values) as RowId[]
      if (children.length === 0) continue
      if (key.onDelete === 'SET NULL' || key.onDelete === 'SET DEFAULT') {
        for (const childId of children) {
          key.from.forEach((column, i) =>
            cleared.push({ table: child.name, id: childId, column, value: values[i] }),
          )
        }
        continue
      }
      const group = key.onDelete === 'CASCADE' ? deleted : blocking
      let rows = group.get(child.name)
      if (!rows) group.set(child.name, (rows = new Map()))
      for (const childId of children) {
        const k = idKey(childId)
        if (rows.has(k)) continue
        rows.set(k, childId)
        if (key.onDelete === 'CASCADE') queue.push([child.name, childId])
      }
    }
  }
  // A row both taken by the cascade and referencing through a RESTRICT key does not block.
  const goes = (t: string, id: RowId) => deleted.get(t)?.has(idKey(id)) === true
  const blockers = new Map<string, number>()
  for (const [t, rows] of blocking) {
    const count = [...rows.values()].filter((row) => !goes(t, row)).length
    if (count > 0) blockers.set(t, count)
  }
  return {
    root: { table, id },
    deleted,
    cleared: cleared.filter((c) => !goes(c.table, c.id)),
    blockers,
  }
}

function counts(graph: ForeignKeyGraph, rows: ReadonlyMap<string, number>): DependentCount[] {
  return graph.insertOrder
    .filter((table) => (rows.get(table) ?? 0) > 0)
    .map((table) => ({ table, label: tableLabel(table), rows: rows.get(table) ?? 0 }))
}

/** What goes with the record (the record itself not counted) and what stops it, per table. */
export function dependentCounts(graph: ForeignKeyGraph, set: CascadeSet) {
  const goes = new Map<string, number>()
  for (const [table, rows] of set.deleted) {
    goes.set(table, rows.size - (table === set.root.table ? 1 : 0))
  }
  return { goesWith: counts(graph, goes), blockedBy: counts(graph, set.blockers) }
}

/** How many rows the deletion takes, the record itself included. */
export function deletedCount(set: CascadeSet) {
  let total = 0
  for (const rows of set.deleted.values()) total += rows.size
  return total
}
