/** What the rollup worker is started with (workerData): plain data only. */
export interface RollupWorkerRequest {
  databasePath: string
}

export type RollupWorkerReply =
  | { type: 'progress'; fraction: number; message: string }
  | { type: 'done'; rebuilds: number }
  | { type: 'failed'; message: string }
