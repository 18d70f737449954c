import type BetterSqlite3 from 'better-sqlite3'
import { LogbookError } from '../../../shared/errors'
import type { RollupStatus } from '../../../shared/contract/settings'
import { readSettingsSync } from '../settings/store'
import { staleReason } from './state'
import {
  estimatedEvents,
  rebuildEverything,
  setBackgroundRebuild,
  SYNC_REBUILD_EVENTS,
} from './upkeep'
import { runJob } from '../workers/run-job'
import type { RollupProgress, RollupWorkerRequest, RollupWorkerResult } from './worker-protocol'

// The full rebuild that a change of zone, session gap, tier thresholds or core actions needs,
// run in a worker thread of its own (worker.ts) so the main process keeps answering, one job
// per database file, its progress kept for `settings.rollupStatus`.

export type ProgressListener = (fraction: number, message: string) => void

interface Job {
  promise: Promise<void>
  fraction: number
  message: string
  listeners: Set<ProgressListener>
  /** Asked for again while running: run once more after (settings saved meanwhile). */
  again: boolean
}

const jobs = new Map<string, Job>()
const failures = new Map<string, string>()

async function runWorker(databasePath: string, onProgress: ProgressListener) {
  const job = runJob<RollupWorkerRequest, RollupProgress, RollupWorkerResult>({
    builtName: 'rollup-worker',
    source: new URL('./worker.ts', import.meta.url),
    what: 'rollup rebuild',
    request: { databasePath },
    onProgress: ({ fraction, message }) => onProgress(fraction, message),
  })
  try {
    await job.result
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new LogbookError('internal', `Recomputing the rollups failed: ${reason}`)
  }
}

/**
 * Starts the background full rebuild of this database file, or joins the one running (which then
 * runs once more, for settings saved since it began). Resolves when the rollups are current.
 */
export function startRollupRebuild(databasePath: string, onProgress?: ProgressListener) {
  const running = jobs.get(databasePath)
  if (running) {
    running.again = true
    if (onProgress) running.listeners.add(onProgress)
    return running.promise
  }
  const job: Job = {
    promise: Promise.resolve(),
    fraction: 0,
    message: 'Waiting to recompute',
    listeners: new Set(onProgress ? [onProgress] : []),
    again: false,
  }
  const report: ProgressListener = (fraction, message) => {
    job.fraction = fraction
    job.message = message
    for (const listener of job.listeners) listener(fraction, message)
  }
  job.promise = (async () => {
    try {
      do {
        job.again = false
        await runWorker(databasePath, report)
      } while (job.again)
      failures.delete(databasePath)
    } catch (error) {
      failures.set(databasePath, error instanceof Error ? error.message : String(error))
      throw error
    } finally {
      jobs.delete(databasePath)
    }
  })()
  jobs.set(databasePath, job)
  return job.promise
}

/**
 * A full rebuild: off the main thread for a database of any size, in place for a small one (it
 * takes less than starting a thread would) or one held in memory.
 */
export async function recomputeRollups(
  sqlite: BetterSqlite3.Database,
  databasePath: string,
  onProgress?: ProgressListener,
) {
  if (!sqlite.memory && estimatedEvents(sqlite) > SYNC_REBUILD_EVENTS) {
    return startRollupRebuild(databasePath, onProgress)
  }
  rebuildEverything(sqlite, readSettingsSync(sqlite), { onProgress })
}

/** Resolves once no background rebuild of this file is running. */
export async function rollupsSettled(databasePath: string) {
  for (let job = jobs.get(databasePath); job; job = jobs.get(databasePath)) {
    await job.promise.catch(() => undefined)
  }
}

/**
 * Where the rollups of this database stand. Rollups found stale with no job running (a rebuild
 * that failed, or a file from before incremental upkeep) get one started.
 */
export function rollupStatus(sqlite: BetterSqlite3.Database, databasePath: string): RollupStatus {
  const job = jobs.get(databasePath)
  if (job) return { state: 'running', fraction: job.fraction, message: job.message, error: null }
  const reason = staleReason(sqlite, readSettingsSync(sqlite))
  const error = failures.get(databasePath) ?? null
  if (reason === null) return { state: 'current', fraction: 1, message: '', error: null }
  if (error === null) void startRollupRebuild(databasePath).catch(() => undefined)
  return {
    state: error === null ? 'running' : 'failed',
    fraction: 0,
    message: `Recomputing: ${reason}`,
    error,
  }
}

// Upkeep that finds the rollups stale on a large database hands the rebuild over to here.
setBackgroundRebuild((databasePath) => {
  void startRollupRebuild(databasePath).catch(() => undefined)
})
