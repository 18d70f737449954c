import type BetterSqlite3 from 'better-sqlite3'
import type { AuditFilters } from '../../../shared/contract/audit'
import type { AuditLogEntry, AuditPage } from '../../../shared/audit'
import { isoToDateKey, nextDateKey, zonedTimeToEpoch } from '../../../shared/time'

interface AuditRow {
  id: number
  at: string
  action: AuditLogEntry['action']
  table_name: string
  row_key: string | null
  changes: string | null
  adapter: AuditLogEntry['adapter']
  method: string
}

/** The first instant of a calendar day in a zone, as the ISO text `at` is compared with. */
function startOfDay(dayKey: number, timeZone: string) {
  const year = Math.floor(dayKey / 10000)
  const month = Math.floor(dayKey / 100) % 100
  const ms = zonedTimeToEpoch({ year, month, day: dayKey % 100 }, timeZone)
  return new Date(ms).toISOString()
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** The WHERE clause of the filters; `timeZone` is the zone their days are in. */
function whereOf(filters: AuditFilters, timeZone: string) {
  const clauses: string[] = []
  const params: string[] = []
  const add = (clause: string, ...values: string[]) => {
    clauses.push(clause)
    params.push(...values)
  }
  if (filters.table !== undefined) add('table_name = ?', filters.table)
  if (filters.rowKey !== undefined) add('row_key = ?', filters.rowKey)
  if (filters.action !== undefined) add('action = ?', filters.action)
  if (filters.adapter !== undefined) add('adapter = ?', filters.adapter)
  if (filters.from !== undefined) add('at >= ?', startOfDay(isoToDateKey(filters.from), timeZone))
  if (filters.to !== undefined)
    add('at < ?', startOfDay(nextDateKey(isoToDateKey(filters.to)), timeZone))
  if (filters.search !== undefined) {
    const pattern = likePattern(filters.search)
    add(
      `(changes LIKE ? ESCAPE '\\' OR row_key LIKE ? ESCAPE '\\' OR method LIKE ? ESCAPE '\\' OR table_name LIKE ? ESCAPE '\\')`,
      pattern,
      pattern,
      pattern,
      pattern,
    )
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params }
}

function toEntry(row: AuditRow): AuditLogEntry {
  return {
    id: row.id,
    at: row.at,
    action: row.action,
    table: row.table_name,
    rowKey: row.row_key,
    changes: row.changes === null ? null : (JSON.parse(row.changes) as Record<string, unknown>),
    adapter: row.adapter,
    method: row.method,
  }
}

const COLUMNS = 'id, at, action, table_name, row_key, changes, adapter, method'

/** One page of matching entries, newest first (ids grow with time), and how many match. */
export function listAudit(
  sqlite: BetterSqlite3.Database,
  filters: AuditFilters,
  page: { offset: number; limit: number },
  timeZone: string,
): AuditPage {
  const { where, params } = whereOf(filters, timeZone)
  const total = sqlite
    .prepare(`SELECT count(*) FROM audit_log ${where}`)
    .pluck()
    .get(...params) as number
  const rows = sqlite
    .prepare(`SELECT ${COLUMNS} FROM audit_log ${where} ORDER BY id DESC LIMIT ? OFFSET ?`)
    .all(...params, page.limit, page.offset) as AuditRow[]
  return { entries: rows.map(toEntry), total }
}

/** Every matching entry, newest first, one at a time (an export can be long). */
export function* iterateAudit(
  sqlite: BetterSqlite3.Database,
  filters: AuditFilters,
  timeZone: string,
): Generator<AuditLogEntry> {
  const { where, params } = whereOf(filters, timeZone)
  const rows = sqlite
    .prepare(`SELECT ${COLUMNS} FROM audit_log ${where} ORDER BY id DESC`)
    .iterate(...params) as IterableIterator<AuditRow>
  for (const row of rows) yield toEntry(row)
}

/** The tables the log names, alphabetically. */
export function auditTables(sqlite: BetterSqlite3.Database): string[] {
  return sqlite
    .prepare('SELECT DISTINCT table_name FROM audit_log ORDER BY table_name')
    .pluck()
    .all() as string[]
}
