import type BetterSqlite3 from 'better-sqlite3'
import { diffRows, writeAudit, type AuditSource } from './write'

export type StoredRow = Record<string, unknown>

/** A row as it is stored, every column; table and column names come from code, never input. */
export function readRow(
  sqlite: BetterSqlite3.Database,
  table: string,
  keyColumn: string,
  key: unknown,
): StoredRow | null {
  const row = sqlite.prepare(`SELECT * FROM "${table}" WHERE "${keyColumn}" = ?`).get(key) as
    StoredRow | undefined
  return row ?? null
}

/**
 * Logs what happened to one row since `before` was read (null: it did not exist): a create, an
 * update of the fields that changed (none: nothing is logged), or a delete. Call it inside the
 * transaction that made the change.
 */
export function auditRowChange(
  sqlite: BetterSqlite3.Database,
  source: AuditSource,
  row: { table: string; keyColumn: string; key: string | number; before: StoredRow | null },
) {
  const after = readRow(sqlite, row.table, row.keyColumn, row.key)
  if (!row.before && !after) return
  const changes = diffRows(row.before, after)
  if (row.before && after && Object.keys(changes).length === 0) return
  const action = !row.before ? 'create' : !after ? 'delete' : 'update'
  writeAudit(sqlite, source, [{ action, table: row.table, rowKey: row.key, changes }])
}
