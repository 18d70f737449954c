import type { CallOutcome, MethodName, ProgressEvent } from './api'

export const IPC_CALL = 'logbook:call'
export const IPC_PROGRESS = 'logbook:progress'
export const IPC_MENU = 'logbook:menu'
export const IPC_PICK_FOLDER = 'logbook:pick-folder'

/** What the application menu asks the window to do. */
export type MenuCommand =
  | { type: 'navigate'; path: string }
  | { type: 'database-changed' }
  | { type: 'notice'; message: string; failed?: boolean }

/** What the desktop preload exposes as `window.logbook`. */
export interface DesktopBridge {
  call: Record<MethodName, (input: unknown) => Promise<CallOutcome<unknown>>>
  onProgress(listener: (progress: ProgressEvent) => void): () => void
  onMenu(listener: (command: MenuCommand) => void): () => void
  /** The system's folder dialog; the chosen folder, or null when cancelled. */
  pickFolder(title: string): Promise<string | null>
}
