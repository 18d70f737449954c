import type BetterSqlite3 from 'better-sqlite3'

/**
 * What has been written since the connection opened: `total_changes()` counts this
 * connection's rows, `PRAGMA data_version` moves when another connection (an import or rollup
 * worker, the CLI) commits. Both are free to read; equal markers mean nothing changed.
 */
export function changeMarker(sqlite: BetterSqlite3.Database) {
  const changes = sqlite.prepare('SELECT total_changes()').pluck().get() as number
  const version = sqlite.pragma('data_version', { simple: true }) as number
  return `${changes}:${version}`
}
