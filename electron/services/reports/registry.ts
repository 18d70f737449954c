import type { ReportInfo } from '../../../shared/reports'
import { activeDaysReport, stickinessHistogramReport } from './active-days'
import { activityReport } from './activity'
import { freshnessReport, futureEventsReport } from './freshness'
import { lifecycleReport } from './lifecycle'
import { MODULE_REPORTS } from './modules/index'
import { retentionReportOn, retentionReportOnOrAfter } from './retention'
import { sessionLengthsReport, sessionsReport } from './sessions'
import { tierTransitionsReport, tiersReport } from './tiers'
import type { ReportDefinition } from './types'
import { workReport } from './work'

/** The product metrics (ARCHITECTURE.md, "Metrics"), in the order `report --help` lists them. */
export const PRODUCT_REPORTS: readonly ReportDefinition[] = [
  activityReport,
  sessionsReport,
  sessionLengthsReport,
  tiersReport,
  tierTransitionsReport,
  activeDaysReport,
  stickinessHistogramReport,
  retentionReportOn,
  retentionReportOnOrAfter,
  lifecycleReport,
  workReport,
  freshnessReport,
  futureEventsReport,
]

/** Every report: the product metrics, then the modules' (fitness, media, blog, studio). */
export const REPORTS: readonly ReportDefinition[] = [...PRODUCT_REPORTS, ...MODULE_REPORTS]

export function findReport(name: string): ReportDefinition | undefined {
  return REPORTS.find((r) => r.name === name)
}

/** What the window and `report --help` show: everything but the run function. */
export function reportInfos(): ReportInfo[] {
  return REPORTS.map(({ name, title, description, module, columns, accepts, intervals }) => ({
    name,
    title,
    description,
    module,
    columns: [...columns],
    accepts: [...accepts],
    ...(intervals ? { intervals: [...intervals] } : {}),
  }))
}
