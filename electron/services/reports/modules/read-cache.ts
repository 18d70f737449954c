import type BetterSqlite3 from 'better-sqlite3'

// A page of charts runs several reports over the same rows (the studio page reads every check-in
// in the range for nine of its eleven charts). Those reads are kept while the database is
// unchanged: `total_changes()` moves with every write on this connection, `data_version` with
// every commit by another (an import worker, a second window's process).

interface Cached {
  stamp: string
  reads: Map<string, readonly unknown[]>
}

const cacheOf = new WeakMap<BetterSqlite3.Database, Cached>()
/** A page's worth of distinct reads; more means the cache is not what is helping. */
const MAX_READS = 32

function stampOf(sqlite: BetterSqlite3.Database) {
  const changes = sqlite.prepare('SELECT total_changes()').pluck().get() as number
  const version = sqlite.pragma('data_version', { simple: true }) as number
  return `${version}:${changes}`
}

/** The rows `read` returns for `key`, read again only when the database changed since. */
export function cachedRead<T>(
  sqlite: BetterSqlite3.Database,
  key: string,
  read: () => T[],
): readonly T[] {
  const stamp = stampOf(sqlite)
  let cached = cacheOf.get(sqlite)
  if (!cached || cached.stamp !== stamp) {
    cached = { stamp, reads: new Map() }
    cacheOf.set(sqlite, cached)
  }
  const hit = cached.reads.get(key)
  if (hit) return hit as readonly T[]
  const rows = Object.freeze(read().map((row) => Object.freeze(row)))
  if (cached.reads.size >= MAX_READS) cached.reads.clear()
  cached.reads.set(key, rows)
  return rows
}
