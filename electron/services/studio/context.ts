import type BetterSqlite3 from 'better-sqlite3'
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
}

export async function studioContext(ctx: ServiceContext): Promise<StudioContext> {
  const { db, sqlite } = ctx.session.handle
  const settings = await readSettings(db)
  return {
    sqlite,
    timeZone: settings.timeZone,
    lateCancelHours: settings.lateCancelHours,
    nowMs: Date.now(),
    source: SOURCE_OF_ADAPTER[ctx.adapter],
  }
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
