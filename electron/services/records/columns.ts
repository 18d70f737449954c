import { entities, type EntityDef, type FieldSpec } from '../../../shared/entities'
import { tables, type ColumnSpec, type TableName } from '../../../shared/schema'

// Every table and column name that reaches SQL passes through here: it must be a table of
// shared/schema `tables` and one of its columns, so nothing from a request can become SQL text.

export function isTable(name: string): name is TableName {
  return Object.hasOwn(tables, name)
}

export function columnSpec(table: string, column: string): ColumnSpec | undefined {
  if (!isTable(table)) return undefined
  const columns: Record<string, ColumnSpec> = tables[table]
  return Object.hasOwn(columns, column) ? columns[column] : undefined
}

export function hasColumn(table: string, column: string) {
  return columnSpec(table, column) !== undefined
}

/** A table name, checked against the schema and quoted for SQL. */
export function tableSql(table: string): string {
  if (!isTable(table)) throw new Error(`"${table}" is not a table of the schema`)
  return `"${table}"`
}

/** A column name (or `rowid`), checked against its table in the schema and quoted for SQL. */
export function columnSql(table: string, column: string): string {
  if (column === 'rowid') return 'rowid'
  if (!hasColumn(table, column)) throw new Error(`"${column}" is not a column of ${table}`)
  return `"${column}"`
}

/** The columns a record row carries: its key, then every field, each once. */
export function recordColumns(def: EntityDef): string[] {
  const columns = [def.key, ...def.fields.map((f) => f.name).filter((name) => name !== def.key)]
  for (const column of columns) columnSql(def.name, column)
  return columns
}

export function fieldOf(def: EntityDef, name: string): FieldSpec | undefined {
  return def.fields.find((f) => f.name === name)
}

const entityByTable = new Map<string, EntityDef>(entities.map((e) => [e.name, e]))

/** The entity stored in a table, when the table is one. */
export function entityOfTable(table: string): EntityDef | undefined {
  return entityByTable.get(table)
}
