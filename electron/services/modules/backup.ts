import { checkIntegrity } from '../backup/integrity'
import { restoreBackupIntoSession } from '../backup/session-restore'
import { createBackup, listBackups } from '../backup/store'
import type { HandlerModule } from '../registry'

export const backupHandlers: HandlerModule = {
  'backup.list': async (ctx) => listBackups(ctx.session.handle.path),
  'backup.create': async (ctx) => {
    const { sqlite, path } = ctx.session.handle
    return createBackup(sqlite, path, 'manual')
  },
  'backup.restore': async (ctx, input) => restoreBackupIntoSession(ctx.session, input.path),
  'backup.check': async (ctx) => checkIntegrity(ctx.session.handle.sqlite, 'full'),
}
