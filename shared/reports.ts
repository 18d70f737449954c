// What a report is, for the services, the CLI and the window alike.

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

export type ReportInterval = 'day' | 'week' | 'month'

export interface ReportParams {
  /** First and last local day (YYYY-MM-DD, both included); absent: the data's own span. */
  from?: string
  to?: string
  /** Reporting zone; defaults to the settings' zone. */
  timeZone?: string
  interval?: ReportInterval
  /** Group the rows by this attribute (a `segment` column is added after the first column). */
  segment?: PersonAttribute
  /** Only people whose attribute is one of these values. */
  filters?: Partial<Record<PersonAttribute, string[]>>
}

export type ReportCell = string | number | boolean | null

export interface ReportResult {
  name: string
  columns: string[]
  rows: ReportCell[][]
  /** Things a reader must know: future-stamped events left out, incomplete periods… */
  notes: string[]
}

export interface ReportInfo {
  name: string
  title: string
  description: string
  module: 'product' | 'fitness' | 'media' | 'blog' | 'studio'
  columns: string[]
  /** Which params it honours. */
  accepts: ('range' | 'interval' | 'segment' | 'filters')[]
}
