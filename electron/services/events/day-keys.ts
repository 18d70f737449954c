import type BetterSqlite3 from 'better-sqlite3'
import { dateKeyOf } from '../../../shared/time'

/**
 * After a change of reporting zone, every event's local day (`date_key`) is computed again.
 * Only rows whose day actually changes are written.
 */
export function recomputeEventDays(sqlite: BetterSqlite3.Database, timeZone: string) {
  const update = sqlite.prepare('UPDATE fct_event SET date_key = ? WHERE event_key = ?')
  const rows = sqlite
    .prepare('SELECT event_key, event_ts, date_key FROM fct_event')
    .iterate() as Iterable<{
    event_key: number
    event_ts: number
    date_key: number
  }>
  const changes: [number, number][] = []
  for (const row of rows) {
    const key = dateKeyOf(row.event_ts, timeZone)
    if (key !== row.date_key) changes.push([key, row.event_key])
  }
  sqlite.transaction(() => {
    for (const [key, eventKey] of changes) update.run(key, eventKey)
  })()
  return changes.length
}
