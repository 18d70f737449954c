import type { AppStatus } from '../../../shared/contract/app'
import type { ServiceContext } from '../context'
import type { DatabaseHandle } from '../db/open'
import { countRows, holdsRecords } from '../db/stats'
import { fillDemoDatabaseIfEmpty } from './demo-database'
import type { HandlerModule } from '../registry'

const WELCOME_KEY = 'welcomeDismissed'

function welcomeDismissed(handle: DatabaseHandle) {
  return (
    handle.sqlite.prepare('SELECT 1 FROM app_settings WHERE key = ?').get(WELCOME_KEY) !== undefined
  )
}

function dismissWelcome(handle: DatabaseHandle) {
  handle.sqlite
    .prepare(
      `INSERT INTO app_settings (key, value) VALUES (?, 'true') ON CONFLICT (key) DO NOTHING`,
    )
    .run(WELCOME_KEY)
}

function status(ctx: ServiceContext): AppStatus {
  const { session } = ctx
  const handle = session.handle
  return {
    database: session.database,
    databasePath: handle.path,
    firstStart:
      session.database === 'own' && !welcomeDismissed(handle) && !holdsRecords(handle.sqlite),
  }
}

export const appHandlers: HandlerModule = {
  'app.status': async (ctx) => status(ctx),
  'app.openDemo': async (ctx) => {
    ctx.progress({ fraction: null, message: 'Opening the demo database…' })
    await ctx.session.switchTo('demo', (handle) => fillDemoDatabaseIfEmpty(handle, ctx.progress))
    return status(ctx)
  },
  'app.openOwn': async (ctx) => {
    await ctx.session.switchTo('own')
    dismissWelcome(ctx.session.handle)
    return status(ctx)
  },
  'app.dismissWelcome': async (ctx) => {
    dismissWelcome(ctx.session.handle)
    return status(ctx)
  },
  'app.tableCounts': async (ctx, { views }) =>
    countRows(ctx.session.handle.sqlite, { views: views ?? false }),
}
