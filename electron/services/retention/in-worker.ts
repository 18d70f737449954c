import type { RetentionApplyResult } from '../../../shared/retention'
import type { AuditSource } from '../audit/write'
import { runJob } from '../workers/run-job'

/** What the retention worker is started with (workerData): plain data only. */
export interface RetentionJob {
  databasePath: string
  folder?: string
  /** Epoch ms the policies' cut-offs count back from (default: when the worker runs). */
  now?: number
  source: AuditSource
}

export interface RetentionProgress {
  fraction: number
  message: string
}

/**
 * Applies the enabled retention policies (retention/apply.ts) in a worker thread with its own
 * connection: the same single transaction, while the window's calls are answered meanwhile.
 */
export function applyRetentionInWorker(
  job: RetentionJob,
  onProgress: (progress: RetentionProgress) => void = () => undefined,
): Promise<RetentionApplyResult> {
  return runJob<RetentionJob, RetentionProgress, RetentionApplyResult>({
    builtName: 'retention-worker',
    source: new URL('./worker.ts', import.meta.url),
    what: 'retention purge',
    request: job,
    onProgress,
  }).result
}
