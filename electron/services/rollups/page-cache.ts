import type BetterSqlite3 from 'better-sqlite3'

/**
 * Runs `work` with a page cache of at least `kib` KiB, then gives the connection its own size
 * back. Work that writes pages all over the rollup tables spills far less to the WAL with a
 * cache that holds them (the window's connection keeps a small one).
 */
export function withPageCache<T>(sqlite: BetterSqlite3.Database, kib: number, work: () => T): T {
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number
  const current = cacheSize < 0 ? -cacheSize : (cacheSize * pageSize) / 1024
  if (current >= kib) return work()
  sqlite.pragma(`cache_size = -${kib}`)
  try {
    return work()
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`)
  }
}
