import type BetterSqlite3 from 'better-sqlite3'
import { tableNames, viewNames } from '../../../shared/schema'

export interface RowCount {
  name: string
  kind: 'table' | 'view'
  rows: number
}

/**
 * Rows per table, and per view when asked, in schema order. Names come from shared/schema,
 * never from input. Views are left out unless asked for: counting one runs its joins over
 * every event (about 160 ms for the demo's 68k events, seconds at a million), while a table's
 * count reads its smallest index.
 */
export function countRows(
  sqlite: BetterSqlite3.Database,
  { views = false }: { views?: boolean } = {},
): RowCount[] {
  const count = (name: string) =>
    sqlite.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number
  return [
    ...tableNames.map((name) => ({ name, kind: 'table' as const, rows: count(name) })),
    ...(views ? viewNames.map((name) => ({ name, kind: 'view' as const, rows: count(name) })) : []),
  ]
}

/** Whether any table other than the settings holds a row (each table asked for one row only). */
export function holdsRecords(sqlite: BetterSqlite3.Database): boolean {
  return tableNames.some(
    (name) =>
      name !== 'app_settings' &&
      sqlite.prepare(`SELECT EXISTS (SELECT 1 FROM "${name}")`).pluck().get() === 1,
  )
}
