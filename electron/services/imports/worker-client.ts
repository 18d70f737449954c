import type { ImportProgress, ImportSummary } from '../../../shared/imports'
import { runJob, type RunningJob } from '../workers/run-job'
import type { WorkerRequest } from './worker-protocol'

export type RunningImport = RunningJob<ImportSummary>

/** Runs one import in a worker thread; progress arrives through `onProgress`. */
export function startImportWorker(
  request: WorkerRequest,
  onProgress: (progress: ImportProgress) => void,
): RunningImport {
  return runJob<WorkerRequest, ImportProgress, ImportSummary>({
    builtName: 'import-worker',
    source: new URL('./worker.ts', import.meta.url),
    what: 'import',
    request,
    onProgress,
  })
}
