import type BetterSqlite3 from 'better-sqlite3'
import type { TableName } from '../../../shared/schema'
import { rebuildMediaAnalytics } from '../rollups/media-analytics'
import { rebuildRollups, type RollupSettings } from '../rollups/rebuild'

/** Tables only the rollups write: recomputed after an undo, never logged row by row. */
export const DERIVED_TABLES: readonly TableName[] = [
  'dim_date',
  'fact_user_sessions',
  'fact_daily_user_activity',
  'media_analytics',
]

const MEDIA_SOURCES: readonly TableName[] = ['media_movies', 'media_games', 'media_consumption']

/**
 * Brings the derived tables up to date after an import or its undo wrote to `targets`, inside
 * the same transaction. (A full rebuild for events until the metrics engine keeps the rollups
 * incrementally.)
 */
export function upkeepAfterImport(
  sqlite: BetterSqlite3.Database,
  targets: readonly TableName[],
  settings: RollupSettings,
) {
  if (targets.includes('fct_event')) rebuildRollups(sqlite, settings)
  else if (targets.some((t) => MEDIA_SOURCES.includes(t))) {
    rebuildMediaAnalytics(sqlite, settings.timeZone)
  }
}
