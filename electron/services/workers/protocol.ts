import type { ErrorInfo } from '../../../shared/errors'

/** What a job's worker thread posts back: progress as it goes, then one result or one error. */
export type JobReply<Progress, Result> =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; result: Result }
  | { type: 'failed'; error: ErrorInfo }

/** What the window's side may post to a running job. */
export type JobMessage = { type: 'cancel' }
