import { z } from 'zod'
import { AUDIT_ACTIONS, AUDIT_ADAPTERS, type AuditPage } from '../audit'
import { isValidTimeZone } from '../time'
import { method } from './define'

const dayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')

/** What narrows the log; every filter is optional and they combine with AND. */
const filters = {
  table: z.string().min(1).max(64).optional(),
  rowKey: z.string().min(1).max(500).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  adapter: z.enum(AUDIT_ADAPTERS).optional(),
  /** First and last day (inclusive) in `timeZone`. */
  from: dayText.optional(),
  to: dayText.optional(),
  /** The zone the days are in; the reporting zone of the settings when left out. */
  timeZone: z.string().max(64).refine(isValidTimeZone, 'Unknown time zone').optional(),
  /** Text anywhere in the changes, the row key or the method. */
  search: z.string().min(1).max(200).optional(),
}

const fromBeforeTo = (input: { from?: string | undefined; to?: string | undefined }) =>
  input.from === undefined || input.to === undefined || input.from <= input.to

const order = { message: 'The first day comes after the last day', path: ['to'] }

const listInput = z
  .object({
    ...filters,
    offset: z.number().int().min(0).max(100_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict()
  .refine(fromBeforeTo, order)

const exportInput = z
  .object({ ...filters, bom: z.boolean().optional() })
  .strict()
  .refine(fromBeforeTo, order)

const noInput = z.object({}).strict()

export type AuditFilters = Omit<z.output<typeof exportInput>, 'bom'>

export const auditMethods = {
  /** Entries matching the filters, newest first, one page of them and how many there are. */
  'audit.list': method<typeof listInput, AuditPage>(listInput),
  /** The tables the log names, for the filter's choices. */
  'audit.tables': method<typeof noInput, string[]>(noInput),
  /** Every entry matching the filters as CSV text (RFC 4180, formula cells neutralised). */
  'audit.export': method<typeof exportInput, { fileName: string; csv: string; rows: number }>(
    exportInput,
  ),
}
