import { readDashboard } from '../dashboard/summary'
import type { HandlerModule } from '../registry'
import { readSettings } from '../settings/store'

export const dashboardHandlers: HandlerModule = {
  'dashboard.summary': async (ctx) => {
    const settings = await readSettings(ctx.session.handle.db)
    return readDashboard(ctx.session.handle.sqlite, settings, Date.now())
  },
}
