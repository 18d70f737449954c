import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { LogbookError } from '../../../shared/errors'
import type { JobMessage, JobReply } from './protocol'

export interface RunningJob<Result> {
  result: Promise<Result>
  cancel(): void
}

/**
 * The thread's script: built beside the main bundle (out/main/<name>.js) in the app, the
 * TypeScript source loaded through tsx when the services run from source (CLI, tests).
 */
function jobScript(builtName: string, source: URL): { url: URL; execArgv: string[] } {
  const built = new URL(`./${builtName}.js`, import.meta.url)
  if (!import.meta.url.endsWith('.ts') && existsSync(fileURLToPath(built))) {
    return { url: built, execArgv: [] }
  }
  return { url: source, execArgv: ['--import', 'tsx'] }
}

/**
 * Runs one long job (an import, a retention purge) in a worker thread with its own connection,
 * so the window's connection keeps answering; progress arrives through `onProgress`.
 * `what` names the job in the messages of a thread that dies ("The import stopped: …").
 */
export function runJob<Request, Progress, Result>(job: {
  builtName: string
  source: URL
  what: string
  request: Request
  onProgress: (progress: Progress) => void
}): RunningJob<Result> {
  const { url, execArgv } = jobScript(job.builtName, job.source)
  const worker = new Worker(url, { workerData: job.request, execArgv })
  const result = new Promise<Result>((resolve, reject) => {
    let settled = false
    worker.on('message', (reply: JobReply<Progress, Result>) => {
      if (reply.type === 'progress') job.onProgress(reply.progress)
      else {
        settled = true
        if (reply.type === 'done') resolve(reply.result)
        else reject(new LogbookError(reply.error.code, reply.error.message, reply.error.field))
        void worker.terminate()
      }
    })
    worker.on('error', (error) => {
      settled = true
      reject(new LogbookError('internal', `The ${job.what} stopped: ${error.message}`))
    })
    worker.on('exit', (code) => {
      if (!settled)
        reject(new LogbookError('internal', `The ${job.what} worker exited (code ${code})`))
    })
  })
  const cancel: JobMessage = { type: 'cancel' }
  return { result, cancel: () => worker.postMessage(cancel) }
}
