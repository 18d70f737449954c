import { BackupScheduler } from './backup/scheduler'
import type { ServiceContext } from './context'
import { RetentionScheduler } from './retention/scheduled'
import type { Session } from './session'

/**
 * What runs by itself while the app (or `serve`) has a person's own database open: scheduled
 * backups with rotation, and the enabled retention policies. The demo database is left alone.
 * Returns the function that stops both.
 */
export function startHousekeeping(session: Session, adapter: ServiceContext['adapter']) {
  const ownDatabase = () => (session.database === 'own' ? session.handle : null)
  const backups = new BackupScheduler(ownDatabase)
  const retention = new RetentionScheduler(ownDatabase, { adapter, method: 'retention.scheduled' })
  backups.start()
  retention.start()
  return () => {
    backups.stop()
    retention.stop()
  }
}
