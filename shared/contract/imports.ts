import { z } from 'zod'
import type { ImportPreview, ImportRecord, ImportSummary, PresetInfo } from '../imports'
import { method } from './define'

const noInput = z.object({}).strict()

/** Raw bytes per upload call; base64 makes it about 700 KB, under the HTTP adapter's 1 MB. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024

const uploadId = z.string().regex(/^[a-z0-9-]{8,64}$/, 'is not an upload id')
const remap = z.record(z.string().max(100), z.string().max(500).nullable())

const uploadInput = z
  .object({
    /** Absent on the first chunk; the id the first call returned on the others. */
    uploadId: uploadId.optional(),
    fileName: z.string().min(1).max(255),
    /** Base64 of the next bytes of the file. */
    chunk: z.string().max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4 + 4),
  })
  .strict()

const previewInput = z
  .object({ uploadId, preset: z.string().min(1).max(50), remap: remap.optional() })
  .strict()

const runInput = z
  .object({
    uploadId,
    preset: z.string().min(1).max(50),
    remap: remap.optional(),
    dryRun: z.boolean().optional(),
  })
  .strict()

const cancelInput = z.object({ uploadId }).strict()
const undoInput = z.object({ importId: z.number().int().positive() }).strict()

const dayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')

const exportInput = z
  .object({
    name: z.string().min(1).max(64),
    from: dayText.optional(),
    to: dayText.optional(),
    bom: z.boolean().optional(),
  })
  .strict()

export interface UndoneImport {
  import: ImportRecord
  removed: number
  restored: number
  kept: number
}

export const importsMethods = {
  'imports.presets': method<typeof noInput, PresetInfo[]>(noInput),
  /** Sends a file to the services a chunk at a time (any size, under the request limit). */
  'imports.upload': method<typeof uploadInput, { uploadId: string; bytes: number }>(uploadInput),
  /** What was detected and the first rows as the preset would read them; writes nothing. */
  'imports.preview': method<typeof previewInput, ImportPreview>(previewInput),
  /** Imports the uploaded file in a worker, in one transaction; reports progress; cancellable. */
  'imports.run': method<typeof runInput, ImportSummary>(runInput, { reportsProgress: true }),
  /** Stops a running import of this upload; nothing of it is written. */
  'imports.cancel': method<typeof cancelInput, { cancelled: boolean }>(cancelInput),
  'imports.history': method<typeof noInput, ImportRecord[]>(noInput),
  /** Takes a whole import back; the rows it changed are put back as they were. */
  'imports.undo': method<typeof undoInput, UndoneImport>(undoInput, { reportsProgress: true }),
  /** One table or view as CSV text (RFC 4180, formula cells neutralised). */
  'exports.csv': method<typeof exportInput, { fileName: string; csv: string; rows: number }>(
    exportInput,
  ),
}
