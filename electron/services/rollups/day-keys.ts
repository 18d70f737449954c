import type BetterSqlite3 from 'better-sqlite3'
import { recomputeEventDays } from '../events/day-keys'

/**
 * recomputeEventDays with the rollups' triggers on fct_event set aside (dropped and made again
 * from their own SQL, inside the caller's transaction): a change of zone can give most events a
 * new day, and the full rebuild that must follow makes recording each of them pointless.
 */
export function recomputeEventDaysQuietly(sqlite: BetterSqlite3.Database, timeZone: string) {
  return sqlite.transaction(() => {
    const triggers = sqlite
      .prepare(
        `SELECT name, sql FROM sqlite_schema
         WHERE type = 'trigger' AND tbl_name = 'fct_event' AND name LIKE 'rollup\\_%' ESCAPE '\\'`,
      )
      .all() as { name: string; sql: string }[]
    for (const t of triggers) sqlite.exec(`DROP TRIGGER "${t.name.replaceAll('"', '""')}"`)
    const changed = recomputeEventDays(sqlite, timeZone)
    for (const t of triggers) sqlite.exec(t.sql)
    return changed
  })()
}
