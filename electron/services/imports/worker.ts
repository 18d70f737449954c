// The import's own thread: its own connection to the database file, so the UI's connection keeps
// answering while the rows go in, and a cancel message stops it between chunks of the file.
import Database from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'
import { LogbookError } from '../../../shared/errors'
import { configureConnection } from '../db/open'
import { readSettingsSync } from '../settings/store'
import { runImport } from './run'
import type { WorkerReply, WorkerRequest } from './worker-protocol'

const port = parentPort
if (!port) throw new Error('worker.ts runs only as a worker thread')

const request = workerData as WorkerRequest
const controller = new AbortController()
port.on('message', (message: { type: 'cancel' }) => {
  if (message.type === 'cancel') controller.abort()
})

const post = (reply: WorkerReply) => port.postMessage(reply)

async function main() {
  const sqlite = new Database(request.databasePath, { fileMustExist: true })
  try {
    configureConnection(sqlite)
    const settings = readSettingsSync(sqlite)
    const summary = await runImport(sqlite, {
      ...request.import,
      timeZone: settings.timeZone,
      upkeep: settings,
      signal: controller.signal,
      onProgress: (progress) => post({ type: 'progress', progress }),
    })
    post({ type: 'done', summary })
  } finally {
    sqlite.close()
  }
}

main().catch((error: unknown) => {
  const info =
    error instanceof LogbookError
      ? error.toInfo()
      : {
          code: 'internal' as const,
          message: error instanceof Error ? error.message : String(error),
        }
  post({ type: 'failed', error: info })
})
