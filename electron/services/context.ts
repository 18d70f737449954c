import type { ProgressEvent } from '../../shared/api'
import type { Session } from './session'

export type ProgressReporter = (progress: Omit<ProgressEvent, 'method'>) => void

/** What every handler receives besides its validated input. */
export interface ServiceContext {
  session: Session
  /** Which adapter the call came through (recorded by the audit log later). */
  adapter: 'ipc' | 'http' | 'cli'
  progress: ProgressReporter
}
