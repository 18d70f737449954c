import type BetterSqlite3 from 'better-sqlite3'
import { changeMarker } from '../../db/change-marker'

// A page of charts runs several reports over the same rows (the studio page reads every check-in
// in the range for nine of its eleven charts). Those reads are kept while the database is
// unchanged (db/change-marker.ts).

interface Cached {
  stamp: string
  reads: Map<string, readonly unknown[]>
}

const cacheOf = new WeakMap<BetterSqlite3.Database, Cached>()
/** A page's worth of distinct reads; more means the cache is not what is helping. */
const MAX_READS = 32

/** The rows `read` returns for `key`, read again only when the database changed since. */
export function cachedRead<T>(
  sqlite: BetterSqlite3.Database,
  key: string,
  read: () => T[],
): readonly T[] {
  const stamp = changeMarker(sqlite)
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
