import type BetterSqlite3 from 'better-sqlite3'
import type { ReportInfo, ReportParams, ReportResult } from '../../../shared/reports'
import type { Settings } from '../../../shared/settings'

/** What every report runs with: a connection, the settings, and the person's choices. */
export interface ReportContext {
  sqlite: BetterSqlite3.Database
  settings: Settings
  /** Now, epoch ms (tests fix it): events after it are future-stamped. */
  now: number
}

/** One report: the same function backs the CLI (`report <name>`) and the window. */
export interface ReportDefinition extends ReportInfo {
  run(ctx: ReportContext, params: ReportParams): ReportResult
}
