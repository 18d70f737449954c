import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { LogbookError } from '../../../shared/errors'
import type { ImportProgress, ImportSummary } from '../../../shared/imports'
import type { WorkerReply, WorkerRequest } from './worker-protocol'

/**
 * The worker's script: built beside the main bundle (out/main/import-worker.js) in the app, the
 * TypeScript source loaded through tsx when the services run from source (CLI, tests).
 */
function workerScript(): { url: URL; execArgv: string[] } {
  const built = new URL('./import-worker.js', import.meta.url)
  if (!import.meta.url.endsWith('.ts') && existsSync(fileURLToPath(built))) {
    return { url: built, execArgv: [] }
  }
  return { url: new URL('./worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] }
}

export interface RunningImport {
  result: Promise<ImportSummary>
  cancel(): void
}

/** Runs one import in a worker thread; progress arrives through `onProgress`. */
export function startImportWorker(
  request: WorkerRequest,
  onProgress: (progress: ImportProgress) => void,
): RunningImport {
  const { url, execArgv } = workerScript()
  const worker = new Worker(url, { workerData: request, execArgv })
  const result = new Promise<ImportSummary>((resolve, reject) => {
    let settled = false
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'progress') onProgress(reply.progress)
      else {
        settled = true
        if (reply.type === 'done') resolve(reply.summary)
        else reject(new LogbookError(reply.error.code, reply.error.message, reply.error.field))
        void worker.terminate()
      }
    })
    worker.on('error', (error) => {
      settled = true
      reject(new LogbookError('internal', `The import stopped: ${error.message}`))
    })
    worker.on('exit', (code) => {
      if (!settled) reject(new LogbookError('internal', `The import worker exited (code ${code})`))
    })
  })
  return { result, cancel: () => worker.postMessage({ type: 'cancel' }) }
}
