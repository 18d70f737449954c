import type BetterSqlite3 from 'better-sqlite3'
import { changeMarker } from './change-marker'

/**
 * Values computed from a database, kept per connection while it is unchanged
 * (db/change-marker.ts) and, when the caller gives one, while `extraStamp` is the same. At most
 * `maxEntries` are kept: more means the cache is not what is helping.
 */
export function unchangedCache<T>(maxEntries: number) {
  const cacheOf = new WeakMap<BetterSqlite3.Database, { stamp: string; values: Map<string, T> }>()
  return (sqlite: BetterSqlite3.Database, key: string, compute: () => T, extraStamp = ''): T => {
    const stamp = `${changeMarker(sqlite)}:${extraStamp}`
    let cached = cacheOf.get(sqlite)
    if (!cached || cached.stamp !== stamp) {
      cached = { stamp, values: new Map() }
      cacheOf.set(sqlite, cached)
    }
    if (cached.values.has(key)) return cached.values.get(key) as T
    const value = compute()
    if (cached.values.size >= maxEntries) cached.values.clear()
    cached.values.set(key, value)
    return value
  }
}
