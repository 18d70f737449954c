import type BetterSqlite3 from 'better-sqlite3'
import type { TableName } from '../../../shared/schema'
import { rebuildMediaAnalytics } from '../rollups/media-analytics'
import type { RollupSettings } from '../rollups/rebuild'
import { keepRollupsCurrent } from '../rollups/upkeep'

/** Tables only the rollups write: recomputed after an undo, never logged or put back row by row. */
export const DERIVED_TABLES: readonly string[] = [
  'dim_date',
  'fact_user_sessions',
  'fact_daily_user_activity',
  'media_analytics',
  'rollup_user_days',
  'rollup_user_months',
  'rollup_days',
]

const MEDIA_SOURCES: readonly TableName[] = ['media_movies', 'media_games', 'media_consumption']
/** Tables whose writes can change the event rollups (events, the people they cascade from, actions). */
const EVENT_SOURCES: readonly TableName[] = ['fct_event', 'users', 'dim_actions']

/**
 * Brings the derived tables up to date after an import or its undo wrote to `targets`, inside
 * the same transaction: the event rollups incrementally (rollups/upkeep.ts: events past the
 * rollups' mark, and those the triggers recorded as deleted or changed), media_analytics anew.
 * `importId` names an import whose events kept event_keys of their own (a restore).
 */
export function upkeepAfterImport(
  sqlite: BetterSqlite3.Database,
  targets: readonly TableName[],
  settings: RollupSettings,
  options: { importId?: number } = {},
) {
  if (targets.some((t) => EVENT_SOURCES.includes(t))) {
    keepRollupsCurrent(sqlite, { settings, importId: options.importId })
  }
  if (targets.some((t) => MEDIA_SOURCES.includes(t))) {
    rebuildMediaAnalytics(sqlite, settings.timeZone)
  }
}
