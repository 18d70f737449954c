// What a report is, for the services, the CLI and the window alike.
import { toCsv } from './csv'

/** People's attributes a report can be filtered and grouped by (users and their account). */
export const PERSON_ATTRIBUTES = [
  'account',
  'plan_tier',
  'region',
  'acquisition_channel',
  'segment',
  'device',
  'role',
  'preferred_location',
] as const
export type PersonAttribute = (typeof PERSON_ATTRIBUTES)[number]

/** The segment value of people who have no value for the attribute. */
export const NO_VALUE = '(none)'

export const REPORT_INTERVALS = ['day', 'week', 'month'] as const
export type ReportInterval = (typeof REPORT_INTERVALS)[number]

/** What a retention cohort is: the period of a person's first active day, or of registration. */
export const COHORT_BASES = ['first_activity', 'registration'] as const
export type CohortBasis = (typeof COHORT_BASES)[number]

export interface ReportParams {
  /**
   * First and last local day (YYYY-MM-DD, both included) of the rows shown; absent: the data's
   * own span. Each row keeps its definition: a rolling MAU still looks 29 days back, a week is a
   * whole week, a lifecycle period looks at the one before it.
   */
  from?: string
  to?: string
  /** Reporting zone; defaults to the settings' zone. */
  timeZone?: string
  /** Day, ISO week (from Monday) or calendar month; each report says which it takes. */
  interval?: ReportInterval
  /** Group the rows by this attribute (a `segment` column is added after the first column). */
  segment?: PersonAttribute
  /** Only people whose attribute is one of these values (NO_VALUE for people without one). */
  filters?: Partial<Record<PersonAttribute, string[]>>
  /** Retention only: cohorts by first active day (default) or by registration date. */
  cohort?: CohortBasis
}

export type ReportCell = string | number | boolean | null

export interface ReportResult {
  name: string
  columns: string[]
  rows: ReportCell[][]
  /** Things a reader must know: future-stamped events left out, incomplete periods… */
  notes: string[]
}

export type ReportParam = 'range' | 'interval' | 'segment' | 'filters' | 'cohort'

export interface ReportInfo {
  name: string
  title: string
  /** One line, for `report --help` and the window's picker. */
  description: string
  module: 'product' | 'fitness' | 'media' | 'blog' | 'studio'
  /** The columns without a segment (with one, `segment` comes after the first). */
  columns: string[]
  /** Which params it honours (the time zone always). */
  accepts: ReportParam[]
  /** The intervals it takes when it accepts one; the first is the default. */
  intervals?: ReportInterval[]
}

/** A report's rows as RFC 4180 CSV (booleans as true/false), with the shared writer's rules. */
export function reportToCsv(result: ReportResult, options: { bom?: boolean } = {}): string {
  const rows = result.rows.map((row) =>
    row.map((cell) => (typeof cell === 'boolean' ? String(cell) : cell)),
  )
  return toCsv(result.columns, rows, options)
}
