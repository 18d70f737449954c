import type BetterSqlite3 from 'better-sqlite3'
import { changeLines } from '../../../shared/audit'
import type { AuditFilters } from '../../../shared/contract/audit'
import { csvHeader, csvRow, UTF8_BOM } from '../exports/csv-writer'
import { iterateAudit } from './read'

const HEADER = ['id', 'at', 'action', 'table', 'row_key', 'adapter', 'method', 'changes', 'summary']

/**
 * The matching entries as CSV text, newest first: `changes` as the stored JSON (exact), `summary`
 * as the lines the Settings page shows ("field: from → to", joined by "; ").
 */
export function auditCsv(
  sqlite: BetterSqlite3.Database,
  filters: AuditFilters,
  timeZone: string,
  options: { bom?: boolean | undefined } = {},
) {
  const parts = [(options.bom ? UTF8_BOM : '') + csvHeader(HEADER)]
  let rows = 0
  for (const entry of iterateAudit(sqlite, filters, timeZone)) {
    parts.push(
      csvRow([
        entry.id,
        entry.at,
        entry.action,
        entry.table,
        entry.rowKey,
        entry.adapter,
        entry.method,
        entry.changes === null ? null : JSON.stringify(entry.changes),
        changeLines(entry).join('; '),
      ]),
    )
    rows++
  }
  return { csv: parts.join(''), rows }
}

/** audit-log.csv, or audit-log-2026-01-01-to-2026-01-31.csv for a range. */
export function auditFileName(filters: AuditFilters) {
  const range =
    filters.from || filters.to ? `-${filters.from ?? 'start'}-to-${filters.to ?? 'end'}` : ''
  return `audit-log${range}.csv`
}
