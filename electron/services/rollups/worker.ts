// The background full rebuild's own thread: its own connection to the database file, so the
// window's connection keeps answering (WAL) while every rollup is computed again. The rollups
// are computed from a read snapshot into shadow tables and swapped in by one short write
// transaction (shadow.ts): the window's writes go on meanwhile, its readers see the old rollups
// or the new ones.
import Database from 'better-sqlite3'
import { configureConnection } from '../db/open'
import { readSettingsSync } from '../settings/store'
import { serveJob } from '../workers/job-thread'
import { staleReason } from './state'
import { rebuildBeside } from './shadow'
import type { RollupProgress, RollupWorkerRequest, RollupWorkerResult } from './worker-protocol'

/** The rebuild reads and writes every rollup page: a larger cache than the window's. */
const REBUILD_CACHE_KIB = 64 * 1024

serveJob<RollupWorkerRequest, RollupProgress, RollupWorkerResult>((request, io) => {
  const sqlite = new Database(request.databasePath, { fileMustExist: true })
  try {
    configureConnection(sqlite)
    sqlite.pragma(`cache_size = -${REBUILD_CACHE_KIB}`)
    let rebuilds = 0
    // Settings saved while it ran make the result stale again: go round until it is not.
    for (let round = 0; round < 3; round++) {
      const settings = readSettingsSync(sqlite)
      if (staleReason(sqlite, settings) === null) break
      rebuildBeside(sqlite, settings, {
        onProgress: (fraction, message) => io.progress({ fraction, message }),
      })
      rebuilds += 1
    }
    return { rebuilds }
  } finally {
    sqlite.close()
  }
})
