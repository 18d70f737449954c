import { parentPort, workerData } from 'node:worker_threads'
import { LogbookError } from '../../../shared/errors'
import type { JobMessage, JobReply } from './protocol'

/**
 * The worker thread's side of a job: runs `work` with the request it was started with, posts
 * its progress and then its result or its error (a LogbookError keeps its code and field;
 * anything else is `internal`), and aborts `signal` when the window asks to cancel.
 */
export function serveJob<Request, Progress, Result>(
  work: (
    request: Request,
    io: { signal: AbortSignal; progress: (progress: Progress) => void },
  ) => Promise<Result> | Result,
) {
  const port = parentPort
  if (!port) throw new Error('a job runs only as a worker thread')
  const post = (reply: JobReply<Progress, Result>) => port.postMessage(reply)
  const controller = new AbortController()
  port.on('message', (message: JobMessage) => {
    if (message.type === 'cancel') controller.abort()
  })
  const run = async () =>
    work(workerData as Request, {
      signal: controller.signal,
      progress: (progress) => post({ type: 'progress', progress }),
    })
  run().then(
    (result) => post({ type: 'done', result }),
    (error: unknown) =>
      post({
        type: 'failed',
        error:
          error instanceof LogbookError
            ? error.toInfo()
            : {
                code: 'internal',
                message: error instanceof Error ? error.message : String(error),
              },
      }),
  )
}
