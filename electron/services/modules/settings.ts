import { ROLLUP_SETTINGS } from '../../../shared/settings'
import { recomputeRollups, rollupStatus } from '../rollups/background'
import { writeSettingsAudited } from '../audit/settings-write'
import { auditSource } from '../audit/write'
import { readSettings } from '../settings/store'
import type { HandlerModule } from '../registry'

const RECOMPUTING = 'Recomputing sessions, active days and tiers…'

export const settingsHandlers: HandlerModule = {
  'settings.get': async (ctx) => readSettings(ctx.session.handle.db),
  'settings.update': async (ctx, changes) => {
    const { db, sqlite, path } = ctx.session.handle
    const before = await readSettings(db)
    const after = writeSettingsAudited(sqlite, before, changes, auditSource(ctx, 'settings.update'))
    if (ROLLUP_SETTINGS.some((key) => before[key] !== after[key])) {
      // Off the main thread (a new zone also gives every event its day in that zone first);
      // rollups.status tells any window how far it is.
      ctx.progress({ fraction: 0, message: RECOMPUTING })
      await recomputeRollups(sqlite, path, (fraction) =>
        ctx.progress({ fraction, message: `${RECOMPUTING} ${Math.round(fraction * 100)}%` }),
      )
    }
    return after
  },
  'settings.rollupStatus': async (ctx) => {
    const { sqlite, path } = ctx.session.handle
    return rollupStatus(sqlite, path)
  },
}
