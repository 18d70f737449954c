import type BetterSqlite3 from 'better-sqlite3'
import type { ReportResult } from '../../../shared/reports'
import { unchangedCache } from '../db/unchanged-cache'

// A page of charts asks for the same reports again when the person comes back to it or flips a
// range back and forth. While the database is unchanged and within the same minute (every report
// counts up to "now"), the answer is the same, so it is kept.

const MINUTE_MS = 60_000
/** A few pages' worth of charts, each under every range a person is likely to flip between. */
const results = unchangedCache<ReportResult>(96)

/** The report's result for `key`, computed by `run` only when no fresh one is kept. */
export function cachedReport(
  sqlite: BetterSqlite3.Database,
  key: string,
  nowMs: number,
  run: () => ReportResult,
): ReportResult {
  return results(sqlite, key, run, String(Math.floor(nowMs / MINUTE_MS)))
}
