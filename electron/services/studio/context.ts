import type BetterSqlite3 from 'better-sqlite3'
import { auditRowChange, readRow } from '../audit/rows'
import { auditSource, type AuditSource } from '../audit/write'
import type { ServiceContext } from '../context'
import { keepRollupsCurrent } from '../rollups/upkeep'
import { readSettings } from '../settings/store'

export type EventSource = 'desktop' | 'web' | 'api'

/** Where a front-desk action came from, as fct_event and the studio tables record it. */
export const SOURCE_OF_ADAPTER = {
  ipc: 'desktop',
  http: 'web',
  cli: 'api',
} as const satisfies Record<ServiceContext['adapter'], EventSource>

/** What every studio service needs: the connection, the studio's zone and rules, and "now". */
export interface StudioContext {
  sqlite: BetterSqlite3.Database
  timeZone: string
  lateCancelHours: number
  nowMs: number
  source: EventSource
  /** The adapter and contract method, for the audit log (services called without a handler: 'studio'). */
  audit?: AuditSource
}

const ADAPTER_OF_SOURCE = { desktop: 'ipc', web: 'http', api: 'cli' } as const satisfies Record<
  EventSource,
  ServiceContext['adapter']
>

/** `method` is the contract method the handler serves. */
export async function studioContext(ctx: ServiceContext, method: string): Promise<StudioContext> {
  const { db, sqlite } = ctx.session.handle
  const settings = await readSettings(db)
  return {
    sqlite,
    timeZone: settings.timeZone,
    lateCancelHours: settings.lateCancelHours,
    nowMs: Date.now(),
    source: SOURCE_OF_ADAPTER[ctx.adapter],
    audit: auditSource(ctx, method),
  }
}

/** Runs a write to one row and logs in the audit log what it did to that row. */
export function auditedRow<T>(
  s: StudioContext,
  row: { table: string; keyColumn: string; key: string },
  write: () => T,
): T {
  const before = readRow(s.sqlite, row.table, row.keyColumn, row.key)
  const result = write()
  const source = s.audit ?? { adapter: ADAPTER_OF_SOURCE[s.source], method: 'studio' }
  auditRowChange(s.sqlite, source, { ...row, before })
  return result
}

/**
 * Checks and writes run in one synchronous better-sqlite3 transaction (Kysely's are async, so
 * another call could slip between a check and its write); a refusal thrown inside rolls back
 * everything, including the taxonomy rows it may have added.
 */
export function inTransaction<T>(s: StudioContext, work: () => T): T {
  return s.sqlite
    .transaction(() => {
      const result = work()
      // Check-ins, bookings and their undoing write and delete events: rollups follow.
      keepRollupsCurrent(s.sqlite)
      return result
    })
    .immediate()
}
