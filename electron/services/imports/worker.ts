// The import's own thread: its own connection to the database file, so the UI's connection keeps
// answering while the rows go in, and a cancel message stops it between chunks of the file.
import Database from 'better-sqlite3'
import type { ImportProgress, ImportSummary } from '../../../shared/imports'
import { configureConnection } from '../db/open'
import { readSettingsSync } from '../settings/store'
import { serveJob } from '../workers/job-thread'
import { runImport } from './run'
import type { WorkerRequest } from './worker-protocol'

serveJob<WorkerRequest, ImportProgress, ImportSummary>(async (request, io) => {
  const sqlite = new Database(request.databasePath, { fileMustExist: true })
  try {
    configureConnection(sqlite)
    const settings = readSettingsSync(sqlite)
    return await runImport(sqlite, {
      ...request.import,
      timeZone: settings.timeZone,
      upkeep: settings,
      signal: io.signal,
      onProgress: io.progress,
    })
  } finally {
    sqlite.close()
  }
})
