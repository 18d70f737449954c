import type { TableName } from '../../../shared/schema'
import type { ServiceContext } from '../context'
import { rebuildMediaAnalytics } from '../rollups/media-analytics'
import { readSettings } from '../settings/store'

/** The tables media_analytics is derived from: a change to any of them re-derives the periods. */
const MEDIA_SOURCES = new Set<string>(['media_movies', 'media_games', 'media_consumption'])

/**
 * Keeps the small derived tables current after a record changes. (The event rollups are kept
 * by the metrics engine; media periods are a few hundred rows, so a full re-derive is cheap.)
 */
export async function refreshDerived(ctx: ServiceContext, changed: TableName | 'any') {
  if (changed !== 'any' && !MEDIA_SOURCES.has(changed)) return
  const { timeZone } = await readSettings(ctx.session.handle.db)
  const { sqlite } = ctx.session.handle
  sqlite.transaction(() => rebuildMediaAnalytics(sqlite, timeZone))()
}
