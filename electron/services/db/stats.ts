import type BetterSqlite3 from 'better-sqlite3'
import { tableNames, viewNames } from '../../../shared/schema'

export interface RowCount {
  name: string
  kind: 'table' | 'view'
  rows: number
}

/** Rows per table and view, in schema order. Names come from shared/schema, never from input. */
export function countRows(sqlite: BetterSqlite3.Database): RowCount[] {
  const count = (name: string) =>
    sqlite.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number
  return [
    ...tableNames.map((name) => ({ name, kind: 'table' as const, rows: count(name) })),
    ...viewNames.map((name) => ({ name, kind: 'view' as const, rows: count(name) })),
  ]
}
