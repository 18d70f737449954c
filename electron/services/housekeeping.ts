import { BackupScheduler } from './backup/scheduler'
import type { ServiceContext } from './context'
import { sweepAbandonedUploads } from './imports/uploads'
import { warmUpReports } from './reports/warm-up'
import { RetentionScheduler } from './retention/scheduled'
import type { Session } from './session'

/**
 * What runs by itself while the app (or `serve`) has a person's own database open: scheduled
 * backups with rotation, and the enabled retention policies (the demo database is left alone);
 * and, once after start-up, the reports' warm-up on whichever database is open and the removal
 * of import staging folders that killed processes left behind.
 * Returns the function that stops them.
 */
export function startHousekeeping(session: Session, adapter: ServiceContext['adapter']) {
  const ownDatabase = () => (session.database === 'own' ? session.handle : null)
  const backups = new BackupScheduler(ownDatabase)
  const retention = new RetentionScheduler(ownDatabase, { adapter, method: 'retention.scheduled' })
  backups.start()
  retention.start()
  const warmUp = warmUpReports(() => session.handle.sqlite)
  sweepAbandonedUploads()
  return () => {
    backups.stop()
    retention.stop()
    warmUp.stop()
  }
}
