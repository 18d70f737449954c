import type { CallOutcome, MethodName, ProgressEvent } from './api'

export const IPC_CALL = 'logbook:call'
export const IPC_PROGRESS = 'logbook:progress'

/** What the desktop preload exposes as `window.logbook`. */
export interface DesktopBridge {
  call: Record<MethodName, (input: unknown) => Promise<CallOutcome<unknown>>>
  onProgress(listener: (progress: ProgressEvent) => void): () => void
}
