import { z } from 'zod'
import type {
  PersonAnonymiseResult,
  PersonDeleteResult,
  PersonExportResult,
  PersonHoldings,
  PersonMatch,
} from '../privacy'
import { method } from './define'

const findInput = z
  .object({
    /** Part of a name, username, email or id; empty lists the first people. */
    query: z.string().max(200).default(''),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict()

const personInput = z.object({ id: z.number().int().positive() }).strict()

const exportInput = z
  .object({
    id: z.number().int().positive(),
    /** The folder for the CSV files; absent: a new folder under `exports/` beside the database. */
    folder: z.string().trim().min(1).optional(),
  })
  .strict()

/** Deleting or anonymising asks the caller to repeat the person's user id, so it is never a slip. */
const confirmedInput = z
  .object({
    id: z.number().int().positive(),
    confirmUserId: z.string().min(1),
  })
  .strict()

/** The privacy module's methods (electron/services/modules/privacy.ts). */
export const privacyMethods = {
  'privacy.find': method<typeof findInput, PersonMatch[]>(findInput),
  /** Everything held about a person, counted per table, and what a deletion does with it. */
  'privacy.preview': method<typeof personInput, PersonHoldings>(personInput),
  /** One CSV per table with every row about the person. */
  'privacy.export': method<typeof exportInput, PersonExportResult>(exportInput),
  /** Deletes the person and everything about them, in one transaction. */
  'privacy.delete': method<typeof confirmedInput, PersonDeleteResult>(confirmedInput),
  /** Keeps their activity for aggregate reports under a new pseudonymous id; clears who they were. */
  'privacy.anonymise': method<typeof confirmedInput, PersonAnonymiseResult>(confirmedInput),
}
