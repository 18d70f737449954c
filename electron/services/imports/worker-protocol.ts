import type { ErrorInfo } from '../../../shared/errors'
import type { ImportProgress, ImportSummary } from '../../../shared/imports'
import type { ImportRequest } from './run'

/** What the import worker is started with (workerData): plain data only. */
export interface WorkerRequest {
  databasePath: string
  import: Pick<ImportRequest, 'file' | 'fileName' | 'preset' | 'remap' | 'dryRun'>
}

export type WorkerReply =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; error: ErrorInfo }
