import { z } from 'zod'
import {
  COHORT_BASES,
  PERSON_ATTRIBUTES,
  REPORT_INTERVALS,
  type PersonAttribute,
  type ReportInfo,
  type ReportResult,
} from '../reports'
import { isValidTimeZone } from '../time'
import { method } from './define'

const noInput = z.object({}).strict()

const dayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')

/** ReportParams plus the report's name; whether the report takes each param is checked by it. */
export const reportRunInput = z
  .object({
    name: z.string().min(1).max(64),
    from: dayText.optional(),
    to: dayText.optional(),
    timeZone: z.string().max(64).refine(isValidTimeZone, 'Unknown time zone').optional(),
    interval: z.enum(REPORT_INTERVALS).optional(),
    segment: z.enum(PERSON_ATTRIBUTES).optional(),
    filters: z
      .partialRecord(z.enum(PERSON_ATTRIBUTES), z.array(z.string().max(200)).max(1000))
      .optional(),
    cohort: z.enum(COHORT_BASES).optional(),
  })
  .strict()

export const reportsMethods = {
  /** Every report (product metrics, then fitness, media, blog, studio): name, columns, params. */
  'reports.list': method<typeof noInput, ReportInfo[]>(noInput),
  /** Runs one report; the window builds CSV from the result with reportToCsv (shared/reports). */
  'reports.run': method<typeof reportRunInput, ReportResult>(reportRunInput),
  /** The values each person attribute takes (NO_VALUE last), for the segment picker. */
  'reports.segments': method<typeof noInput, Record<PersonAttribute, string[]>>(noInput),
}
