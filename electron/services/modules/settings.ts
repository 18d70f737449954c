import { ROLLUP_SETTINGS } from '../../../shared/settings'
import { recomputeEventDays } from '../events/day-keys'
import { rebuildRollups } from '../rollups/rebuild'
import { readSettings, writeSettings } from '../settings/store'
import type { HandlerModule } from '../registry'

export const settingsHandlers: HandlerModule = {
  'settings.get': async (ctx) => readSettings(ctx.session.handle.db),
  'settings.update': async (ctx, changes) => {
    const { db, sqlite } = ctx.session.handle
    const before = await readSettings(db)
    const after = await writeSettings(db, changes)
    if (ROLLUP_SETTINGS.some((key) => before[key] !== after[key])) {
      ctx.progress({ fraction: null, message: 'Recomputing sessions, active days and tiers…' })
      if (before.timeZone !== after.timeZone) recomputeEventDays(sqlite, after.timeZone)
      rebuildRollups(sqlite, after)
    }
    return after
  },
}
