import { z } from 'zod'
import type { RetentionApplyResult, RetentionPreview } from '../retention'
import { method } from './define'

const previewInput = z.object({}).strict()

const applyInput = z
  .object({
    /**
     * The folder the archive goes into (created if needed; must not already hold an archive).
     * Absent: a new folder under `archives/` beside the database file.
     */
    folder: z.string().trim().min(1).optional(),
  })
  .strict()

/** The retention module's methods (electron/services/modules/retention.ts). */
export const retentionMethods = {
  /** What the enabled policies would delete now: rows per table, oldest and newest, a sample. */
  'retention.preview': method<typeof previewInput, RetentionPreview>(previewInput),
  /** Archives what the enabled policies cover to CSV, then deletes exactly those rows. */
  'retention.apply': method<typeof applyInput, RetentionApplyResult>(applyInput, {
    reportsProgress: true,
  }),
}
