import type { ImportRequest } from './run'

/** What the import worker is started with (workerData): plain data only. */
export interface WorkerRequest {
  databasePath: string
  import: Pick<ImportRequest, 'file' | 'fileName' | 'preset' | 'remap' | 'dryRun'>
}
