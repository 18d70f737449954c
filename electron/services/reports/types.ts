import type BetterSqlite3 from 'better-sqlite3'
import type { ReportInfo, ReportParams, ReportResult } from '../../../shared/reports'
import type { Settings } from '../../../shared/settings'

/** What every report runs with: a connection, the settings, and the moment it runs. */
export interface ReportContext {
  sqlite: BetterSqlite3.Database
  settings: Settings
  /** Now, epoch ms (tests fix it): events after it are future-stamped and left out. */
  now: number
}

/**
 * One report: the same function backs the CLI (`report <name>`) and the window. `run` gets
 * params already checked by run.ts against `accepts` and `intervals` (real dates, from ≤ to, a
 * known zone, known attributes), with `timeZone` filled in.
 */
export interface ReportDefinition extends ReportInfo {
  run(ctx: ReportContext, params: ReportParams): ReportResult
}
