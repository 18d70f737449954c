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

/** The source of a call: each handler passes its own method name. */
export const auditSource = (ctx: ServiceContext, method: string): AuditSource => ({
  adapter: ctx.adapter,
  method,
})

const keyText = (key: AuditEntry['rowKey']) =>
  key === null ? null : Array.isArray(key) ? JSON.stringify(key) : String(key)

/**
 * Values as JSON can hold them: rows read with safeIntegers come as BigInt (a number when it
 * fits, else its digits), a BLOB as its size rather than its bytes.
 */
function jsonValue(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key]
  if (typeof raw === 'bigint') {
    return raw <= BigInt(Number.MAX_SAFE_INTEGER) && raw >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(raw)
      : raw.toString()
  }
  if (raw instanceof Uint8Array) return `[${raw.byteLength} bytes]`
  return value
}

export const changesJson = (changes: AuditEntry['changes']) =>
  changes === null ? null : JSON.stringify(changes, jsonValue)

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
      changesJson(entry.changes),
      source.adapter,
      source.method,
    )
}

const same = (a: unknown, b: unknown) =>
  a === b ||
  (typeof a === 'bigint' || typeof b === 'bigint' ? String(a) === String(b) : false) ||
  (a instanceof Uint8Array && b instanceof Uint8Array && Buffer.compare(a, b) === 0)

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
    if (before && after && same(from, to)) continue
    changes[field] = [from, to]
  }
  return changes
}
