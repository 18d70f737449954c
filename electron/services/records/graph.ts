import type BetterSqlite3 from 'better-sqlite3'
import { tableNames } from '../../../shared/schema'
import { columnSql, tableSql } from './columns'

export type DeleteRule = 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'RESTRICT' | 'NO ACTION'

export interface ForeignKey {
  child: string
  from: string[]
  parent: string
  to: string[]
  onDelete: DeleteRule
}

export interface TableShape {
  name: string
  columns: string[]
  primaryKey: string[]
  withoutRowid: boolean
  /** The INTEGER PRIMARY KEY column that is the rowid, if the table has one. */
  rowidAlias: string | null
  /** Columns that name one row: `rowid`, or the primary key of a WITHOUT ROWID table. */
  identity: string[]
}

export interface ForeignKeyGraph {
  tables: ReadonlyMap<string, TableShape>
  /** Foreign keys pointing at a table, by the parent's name. */
  referencing: ReadonlyMap<string, readonly ForeignKey[]>
  /** A table's own foreign keys, by the child's name. */
  outgoing: ReadonlyMap<string, readonly ForeignKey[]>
  /** Every table, parents before children: the order rows can be inserted in. */
  insertOrder: readonly string[]
}

interface ForeignKeyRow {
  id: number
  seq: number
  table: string
  from: string
  to: string | null
  on_delete: string
}

interface ColumnRow {
  name: string
  type: string
  pk: number
}

function readShape(sqlite: BetterSqlite3.Database, table: string): TableShape {
  const columns = sqlite
    .prepare('SELECT name, type, pk FROM pragma_table_info(?)')
    .all(table) as ColumnRow[]
  const primaryKey = columns
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name)
  const listed = sqlite.prepare('SELECT wr FROM pragma_table_list(?)').get(table) as
    { wr: number } | undefined
  const withoutRowid = listed?.wr === 1
  const only = primaryKey.length === 1 ? columns.find((c) => c.name === primaryKey[0]) : undefined
  const rowidAlias = !withoutRowid && only?.type.toUpperCase() === 'INTEGER' ? only.name : null
  return {
    name: table,
    columns: columns.map((c) => c.name),
    primaryKey,
    withoutRowid,
    rowidAlias,
    identity: withoutRowid ? primaryKey : ['rowid'],
  }
}

function readForeignKeys(sqlite: BetterSqlite3.Database, shapes: Map<string, TableShape>) {
  const keys: ForeignKey[] = []
  for (const child of shapes.keys()) {
    const rows = sqlite
      .prepare('SELECT id, seq, "table", "from", "to", on_delete FROM pragma_foreign_key_list(?)')
      .all(child) as ForeignKeyRow[]
    const byId = new Map<number, ForeignKeyRow[]>()
    for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row])
    for (const parts of byId.values()) {
      parts.sort((a, b) => a.seq - b.seq)
      const parent = parts[0]?.table
      const parentShape = parent === undefined ? undefined : shapes.get(parent)
      if (parent === undefined || !parentShape) continue
      // A REFERENCES clause without columns means the parent's primary key.
      const to = parts.map((p, i) => p.to ?? parentShape.primaryKey[i] ?? 'rowid')
      const from = parts.map((p) => p.from)
      for (const column of from) columnSql(child, column)
      for (const column of to) columnSql(parent, column)
      keys.push({
        child,
        from,
        parent,
        to,
        onDelete: (parts[0]?.on_delete ?? 'NO ACTION') as DeleteRule,
      })
    }
  }
  return keys
}

function insertOrder(shapes: Map<string, TableShape>, keys: ForeignKey[]): string[] {
  const order: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (table: string) => {
    if (state.get(table) !== undefined) return
    state.set(table, 'visiting')
    for (const key of keys) if (key.child === table && key.parent !== table) visit(key.parent)
    state.set(table, 'done')
    order.push(table)
  }
  for (const table of shapes.keys()) visit(table)
  return order
}

const graphs = new WeakMap<BetterSqlite3.Database, ForeignKeyGraph>()

/** The schema's foreign keys as SQLite reports them; read once per connection. */
export function foreignKeyGraph(sqlite: BetterSqlite3.Database): ForeignKeyGraph {
  const cached = graphs.get(sqlite)
  if (cached) return cached
  const shapes = new Map<string, TableShape>()
  for (const table of tableNames) {
    tableSql(table)
    shapes.set(table, readShape(sqlite, table))
  }
  const keys = readForeignKeys(sqlite, shapes)
  const group = (pick: (k: ForeignKey) => string) => {
    const map = new Map<string, ForeignKey[]>()
    for (const key of keys) map.set(pick(key), [...(map.get(pick(key)) ?? []), key])
    return map
  }
  const graph: ForeignKeyGraph = {
    tables: shapes,
    referencing: group((k) => k.parent),
    outgoing: group((k) => k.child),
    insertOrder: insertOrder(shapes, keys),
  }
  graphs.set(sqlite, graph)
  return graph
}

export function shapeOf(graph: ForeignKeyGraph, table: string): TableShape {
  const shape = graph.tables.get(table)
  if (!shape) throw new Error(`"${table}" is not a table of the schema`)
  return shape
}

/** `"a" = ? AND "b" = ?` over a table's row identity. */
export function identityWhere(shape: TableShape, alias = ''): string {
  const prefix = alias ? `${alias}.` : ''
  return shape.identity.map((c) => `${prefix}${columnSql(shape.name, c)} = ?`).join(' AND ')
}

/** The single-column foreign key a table's column holds, if it has one. */
export function foreignKeyOf(graph: ForeignKeyGraph, table: string, column: string) {
  return graph.outgoing.get(table)?.find((k) => k.from.length === 1 && k.from[0] === column)
}
