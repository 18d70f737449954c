import { existsSync } from 'node:fs'
import { LogbookError } from '../../../shared/errors'
import {
  COHORT_BASES,
  PERSON_ATTRIBUTES,
  REPORT_INTERVALS,
  reportToCsv,
  type PersonAttribute,
  type ReportInterval,
  type ReportParams,
  type CohortBasis,
} from '../../../shared/reports'
import { openDatabase } from '../../services/db/open'
import { REPORTS } from '../../services/reports/registry'
import { checkReportParams, runReport } from '../../services/reports/run'
import { readSettings } from '../../services/settings/store'
import { UsageError, type Command } from '../command'

function usage() {
  const width = Math.max(...REPORTS.map((r) => r.name.length))
  return [
    'report <name> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--tz ZONE] [--interval day|week|month]',
    '       [--segment ATTR] [--filter ATTR=VALUE[,VALUE…]]… [--cohort first_activity|registration]',
    '       [--format csv|json] [--timing]',
    '',
    'Reports:',
    ...REPORTS.map((r) => `  ${r.name.padEnd(width)}  ${r.description}`),
    '',
    'Options:',
    '  --from, --to      first and last local day of the rows (default: the span of the data)',
    '  --tz ZONE         reporting time zone (default: the settings’ zone; another zone is',
    '                    computed from the raw events, slower)',
    '  --interval        day, week (ISO, from Monday) or month, for the reports with periods',
    `  --segment ATTR    a column per value of a person's attribute: ${PERSON_ATTRIBUTES.join(', ')}`,
    '  --filter A=V,…    only people whose attribute A is one of the values ("(none)": no value);',
    '                    repeat for more attributes',
    '  --cohort BASIS    retention cohorts by first_activity (default) or registration date',
    '  --format FORMAT   csv (default: RFC 4180 on stdout, notes on stderr as "note: …") or json',
    '                    (one line: name, columns, rows, notes)',
    '  --timing          print query_ms=<milliseconds spent computing, in process> on stderr',
    '',
    'With --segment a segment column follows the first column. Events stamped after now are',
    'left out of every report and listed by future_events. See docs/reports.md.',
  ].join('\n')
}

function oneOf<T extends string>(
  flag: string,
  value: unknown,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined
  const text = String(value)
  if (!(allowed as readonly string[]).includes(text)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, not "${text}"`)
  }
  return text as T
}

function filtersOf(values: unknown): ReportParams['filters'] {
  if (values === undefined) return undefined
  const filters: Partial<Record<PersonAttribute, string[]>> = {}
  for (const item of (Array.isArray(values) ? values : [values]).map(String)) {
    const eq = item.indexOf('=')
    if (eq <= 0) throw new UsageError(`--filter needs ATTR=VALUE[,VALUE…], not "${item}"`)
    const attribute = item.slice(0, eq)
    if (!(PERSON_ATTRIBUTES as readonly string[]).includes(attribute)) {
      throw new UsageError(
        `unknown attribute "${attribute}"; one of: ${PERSON_ATTRIBUTES.join(', ')}`,
      )
    }
    const list = item
      .slice(eq + 1)
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '')
    const key = attribute as PersonAttribute
    filters[key] = [...(filters[key] ?? []), ...list]
  }
  return filters
}

function paramsOf(values: Record<string, unknown>): ReportParams {
  const text = (flag: string) => (values[flag] === undefined ? undefined : String(values[flag]))
  const segment = text('segment')
  if (segment !== undefined && !(PERSON_ATTRIBUTES as readonly string[]).includes(segment)) {
    throw new UsageError(`unknown attribute "${segment}"; one of: ${PERSON_ATTRIBUTES.join(', ')}`)
  }
  const params: ReportParams = {
    from: text('from'),
    to: text('to'),
    timeZone: text('tz'),
    interval: oneOf<ReportInterval>('interval', values.interval, REPORT_INTERVALS),
    segment: segment as PersonAttribute | undefined,
    filters: filtersOf(values.filter),
    cohort: oneOf<CohortBasis>('cohort', values.cohort, COHORT_BASES),
  }
  return Object.fromEntries(
    Object.entries(params).filter(([, v]) => v !== undefined),
  ) as ReportParams
}

/** A report's own complaint about its params is a usage mistake: exit code 2. */
function asUsage<T>(work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (error instanceof LogbookError && error.code === 'invalid_input') {
      throw new UsageError(error.message)
    }
    throw error
  }
}

function isBrokenPipe(error: unknown) {
  return error instanceof Error && 'code' in error && error.code === 'EPIPE'
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'Run a report (DAU/WAU/MAU, sessions, tiers, retention, lifecycle…) as CSV or JSON.',
  get usage() {
    return usage()
  },
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    tz: { type: 'string' },
    interval: { type: 'string' },
    segment: { type: 'string' },
    filter: { type: 'string', multiple: true },
    cohort: { type: 'string' },
    format: { type: 'string' },
    timing: { type: 'boolean' },
  },
  async run(ctx, values, positionals) {
    if (positionals.length !== 1) {
      throw new UsageError(
        positionals.length === 0 ? 'name a report (report --help lists them)' : 'name one report',
      )
    }
    const name = positionals[0] ?? ''
    const format = oneOf('format', values.format, ['csv', 'json'] as const) ?? 'csv'
    const params = paramsOf(values)
    // Everything that does not need the file is checked before it is opened.
    asUsage(() => checkReportParams(name, params, 'UTC'))
    if (!existsSync(ctx.dbPath)) throw new LogbookError('not_found', `${ctx.dbPath} does not exist`)
    const handle = await openDatabase(ctx.dbPath)
    try {
      const settings = await readSettings(handle.db)
      const { result, ms } = asUsage(() =>
        runReport({ sqlite: handle.sqlite, settings, now: Date.now() }, name, params),
      )
      if (format === 'json') ctx.out(JSON.stringify(result))
      else {
        try {
          process.stdout.write(reportToCsv(result))
        } catch (error) {
          if (!isBrokenPipe(error)) throw error
        }
        for (const note of result.notes) ctx.err(`note: ${note}`)
      }
      if (values.timing) ctx.err(`query_ms=${ms.toFixed(2)}`)
    } finally {
      await handle.close()
    }
  },
}
