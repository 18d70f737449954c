/** What the rollup worker is started with (workerData): plain data only. */
export interface RollupWorkerRequest {
  databasePath: string
}

export interface RollupProgress {
  fraction: number
  message: string
}

/** How many full rebuilds it ran (settings saved meanwhile make it go round again). */
export interface RollupWorkerResult {
  rebuilds: number
}
