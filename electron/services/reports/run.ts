import { LogbookError } from '../../../shared/errors'
import {
  COHORT_BASES,
  REPORT_INTERVALS,
  type ReportParams,
  type ReportResult,
} from '../../../shared/reports'
import { isValidTimeZone } from '../../../shared/time'
import { assertPersonAttribute } from './people'
import { dayOfIso } from './periods'
import { findReport } from './registry'
import type { ReportContext, ReportDefinition } from './types'

// Running a report by name: the params are checked against what the report takes (one clear
// sentence per mistake, as an invalid_input error), then the report runs; the time it took is
// measured inside the process (`--timing`).

const invalid = (message: string, field: string) =>
  new LogbookError('invalid_input', message, field)

function checkDay(value: string | undefined, field: 'from' | 'to') {
  if (value === undefined) return undefined
  const day = dayOfIso(value)
  if (day === null)
    throw invalid(`${field} must be a date written YYYY-MM-DD, not "${value}"`, field)
  return day
}

/** The report and its params, checked; throws an invalid_input LogbookError otherwise. */
export function checkReportParams(
  name: string,
  params: ReportParams,
  defaultZone: string,
): { report: ReportDefinition; params: ReportParams } {
  const report = findReport(name)
  if (!report) throw invalid(`unknown report "${name}"`, 'name')
  const takes = (param: string) => (report.accepts as readonly string[]).includes(param)
  const from = checkDay(params.from, 'from')
  const to = checkDay(params.to, 'to')
  if ((from !== undefined || to !== undefined) && !takes('range')) {
    throw invalid(`${name} takes no date range`, from !== undefined ? 'from' : 'to')
  }
  if (from !== undefined && to !== undefined && from > to) {
    throw invalid(`from (${params.from}) is after to (${params.to})`, 'from')
  }
  const timeZone = params.timeZone ?? defaultZone
  if (!isValidTimeZone(timeZone)) throw invalid(`unknown time zone "${timeZone}"`, 'timeZone')
  if (params.interval !== undefined) {
    if (!(REPORT_INTERVALS as readonly string[]).includes(params.interval)) {
      throw invalid(`interval must be one of ${REPORT_INTERVALS.join(', ')}`, 'interval')
    }
    const allowed = takes('interval') ? (report.intervals ?? REPORT_INTERVALS) : []
    if (!allowed.includes(params.interval)) {
      throw invalid(
        allowed.length === 0
          ? `${name} takes no interval`
          : `${name} takes the interval ${allowed.join(', ')}, not ${params.interval}`,
        'interval',
      )
    }
  }
  if (params.segment !== undefined) {
    assertPersonAttribute(params.segment, 'segment')
    if (!takes('segment')) throw invalid(`${name} cannot be grouped by segment`, 'segment')
  }
  const filters = Object.keys(params.filters ?? {})
  for (const attribute of filters) assertPersonAttribute(attribute, 'filters')
  if (filters.length > 0 && !takes('filters')) throw invalid(`${name} takes no filters`, 'filters')
  if (params.cohort !== undefined) {
    if (!(COHORT_BASES as readonly string[]).includes(params.cohort)) {
      throw invalid(`cohort must be one of ${COHORT_BASES.join(', ')}`, 'cohort')
    }
    if (!takes('cohort')) throw invalid(`${name} takes no cohort`, 'cohort')
  }
  return { report, params: { ...params, timeZone } }
}

export interface TimedReport {
  result: ReportResult
  /** Milliseconds spent computing (checks and the report), inside the process. */
  ms: number
}

export function runReport(ctx: ReportContext, name: string, params: ReportParams): TimedReport {
  const started = performance.now()
  const checked = checkReportParams(name, params, ctx.settings.timeZone)
  const result = checked.report.run(ctx, checked.params)
  return { result, ms: performance.now() - started }
}
