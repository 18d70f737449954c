// A retention purge's own thread: archiving and deleting a year of events takes seconds, and
// on its own connection the window's connection keeps answering meanwhile.
import Database from 'better-sqlite3'
import type { RetentionApplyResult } from '../../../shared/retention'
import { configureConnection } from '../db/open'
import { serveJob } from '../workers/job-thread'
import { applyRetention } from './apply'
import type { RetentionJob, RetentionProgress } from './in-worker'

serveJob<RetentionJob, RetentionProgress, RetentionApplyResult>((job, io) => {
  const sqlite = new Database(job.databasePath, { fileMustExist: true })
  try {
    configureConnection(sqlite)
    return applyRetention(sqlite, job.databasePath, {
      ...(job.folder === undefined ? {} : { folder: job.folder }),
      ...(job.now === undefined ? {} : { now: new Date(job.now) }),
      source: job.source,
      onProgress: (fraction, message) => io.progress({ fraction, message }),
    })
  } finally {
    sqlite.close()
  }
})
