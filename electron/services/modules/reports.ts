import { PERSON_ATTRIBUTES, type PersonAttribute } from '../../../shared/reports'
import { attributeValues } from '../reports/people'
import { reportInfos } from '../reports/registry'
import { cachedReport } from '../reports/result-cache'
import { runReport } from '../reports/run'
import { readSettings } from '../settings/store'
import type { HandlerModule } from '../registry'

export const reportsHandlers: HandlerModule = {
  'reports.list': async () => reportInfos(),
  'reports.run': async (ctx, { name, ...params }) => {
    const { sqlite, db } = ctx.session.handle
    const settings = await readSettings(db)
    const now = Date.now()
    // Settings are part of the database, so a change of zone or tiers changes the marker too.
    return cachedReport(
      sqlite,
      JSON.stringify([name, params]),
      now,
      () => runReport({ sqlite, settings, now }, name, params).result,
    )
  },
  'reports.segments': async (ctx) => {
    const { sqlite } = ctx.session.handle
    return Object.fromEntries(
      PERSON_ATTRIBUTES.map((attribute) => [attribute, attributeValues(sqlite, attribute)]),
    ) as Record<PersonAttribute, string[]>
  },
}
