import type BetterSqlite3 from 'better-sqlite3'
import type { ReportResult } from '../../../shared/reports'
import { changeMarker } from '../db/change-marker'

// A page of charts asks for the same reports again when the person comes back to it or flips a
// range back and forth. While the database is unchanged (db/change-marker.ts) and within the same
// minute (every report counts up to "now"), the answer is the same, so it is kept.

const MINUTE_MS = 60_000
/** A few pages' worth of charts, each under every range a person is likely to flip between. */
const MAX_RESULTS = 96

interface Cached {
  stamp: string
  results: Map<string, ReportResult>
}

const cacheOf = new WeakMap<BetterSqlite3.Database, Cached>()

/** The report's result for `key`, computed by `run` only when no fresh one is kept. */
export function cachedReport(
  sqlite: BetterSqlite3.Database,
  key: string,
  nowMs: number,
  run: () => ReportResult,
): ReportResult {
  const stamp = `${changeMarker(sqlite)}:${Math.floor(nowMs / MINUTE_MS)}`
  let cached = cacheOf.get(sqlite)
  if (!cached || cached.stamp !== stamp) {
    cached = { stamp, results: new Map() }
    cacheOf.set(sqlite, cached)
  }
  const hit = cached.results.get(key)
  if (hit) return hit
  const result = run()
  if (cached.results.size >= MAX_RESULTS) cached.results.clear()
  cached.results.set(key, result)
  return result
}
