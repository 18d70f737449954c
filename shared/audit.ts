/** Seed 004's audit log, as the contract returns it (table `audit_log`, migration 0012). */

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'bulk'] as const
export const AUDIT_ADAPTERS = ['ipc', 'http', 'cli'] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]
export type AuditAdapter = (typeof AUDIT_ADAPTERS)[number]

/** One recorded change. */
export interface AuditLogEntry {
  id: number
  /** ISO 8601 instant in UTC, milliseconds included. */
  at: string
  action: AuditAction
  table: string
  /** The row's primary key as text (a composite key as a JSON array); null for a bulk entry. */
  rowKey: string | null
  /**
   * `{field: [from, to]}` for a create, update or delete; a bulk entry's summary
   * (`{file, preset, inserted, …}`) otherwise. Null when the entry holds none.
   */
  changes: Record<string, unknown> | null
  adapter: AuditAdapter
  /** The contract method that made the change, such as `records.update`. */
  method: string
}

export interface AuditPage {
  entries: AuditLogEntry[]
  /** Entries matching the filters, all pages together. */
  total: number
}

/** A field's [from, to] pair, as create, update and delete entries hold them. */
export function isChangePair(value: unknown): value is readonly [unknown, unknown] {
  return Array.isArray(value) && value.length === 2
}

/** A value as one short line: text as it is, nothing as "(empty)", anything else as JSON. */
export function shownValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)'
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

/**
 * An entry's changes as lines: "field: from → to" for an update; for a created or deleted row,
 * whose other side is always empty, "field: value" for each field that holds one; "field: value"
 * for a bulk entry's summary.
 */
export function changeLines(entry: Pick<AuditLogEntry, 'action' | 'changes'>): string[] {
  if (!entry.changes) return []
  const whole = entry.action === 'create' || entry.action === 'delete'
  const lines: string[] = []
  for (const [field, value] of Object.entries(entry.changes)) {
    if (!isChangePair(value)) lines.push(`${field}: ${shownValue(value)}`)
    else if (!whole) lines.push(`${field}: ${shownValue(value[0])} → ${shownValue(value[1])}`)
    else {
      const held = entry.action === 'create' ? value[1] : value[0]
      if (held !== null && held !== '') lines.push(`${field}: ${shownValue(held)}`)
    }
  }
  return lines
}
