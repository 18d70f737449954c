import type BetterSqlite3 from 'better-sqlite3'
import type { ServiceContext } from '../context'

export type AuditAction = 'create' | 'update' | 'delete' | 'bulk'

/** One field's value before and after; null on the side where the row did not exist. */
export type AuditChanges = Record<string, readonly [unknown, unknown]>

export interface AuditEntry {
  action: AuditAction
  table: string
  /** The row's primary key; a composite key as an array. Null for a bulk entry. */
  rowKey: string | number | readonly (string | number)[] | null
  changes: AuditChanges | Record<string, unknown> | null
}

/** Who made the change: the adapter the call came through and the contract method. */
export interface AuditSource {
  adapter: ServiceContext['adapter']
  method: string
}

const keyText = (key: AuditEntry['rowKey']) =>
  key === null ? null : Array.isArray(key) ? JSON.stringify(key) : String(key)

/**
 * Appends entries to `audit_log`. Call it inside the transaction that makes the change, so the
 * log and the data commit or roll back together.
 */
export function writeAudit(
  sqlite: BetterSqlite3.Database,
  source: AuditSource,
  entries: readonly AuditEntry[],
) {
  if (entries.length === 0) return
  const insert = sqlite.prepare(
    `INSERT INTO audit_log (action, table_name, row_key, changes, adapter, method)
     VALUES (?, ?, ?, ?, ?, ?)`,
  )
  for (const entry of entries)
    insert.run(
      entry.action,
      entry.table,
      keyText(entry.rowKey),
      entry.changes === null ? null : JSON.stringify(entry.changes),
      source.adapter,
      source.method,
    )
}

/** The changes of a row created (every field from null), deleted (every field to null) or edited. */
export function diffRows(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditChanges {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const changes: Record<string, readonly [unknown, unknown]> = {}
  for (const field of fields) {
    const from = before?.[field] ?? null
    const to = after?.[field] ?? null
    if (before && after && from === to) continue
    changes[field] = [from, to]
  }
  return changes
}
