import { auditCsv, auditFileName } from '../audit/export'
import { auditTables, listAudit } from '../audit/read'
import type { HandlerModule } from '../registry'
import { readSettings } from '../settings/store'
import type { ServiceContext } from '../context'

/** The zone the filter's days are in: the caller's, or the reporting zone of the settings. */
async function zoneOf(ctx: ServiceContext, given: string | undefined) {
  return given ?? (await readSettings(ctx.session.handle.db)).timeZone
}

/** Reading the audit log (writes to it happen inside each service's own transaction). */
export const auditHandlers: HandlerModule = {
  'audit.list': async (ctx, { offset, limit, ...filters }) =>
    listAudit(
      ctx.session.handle.sqlite,
      filters,
      { offset, limit },
      await zoneOf(ctx, filters.timeZone),
    ),
  'audit.tables': async (ctx) => auditTables(ctx.session.handle.sqlite),
  'audit.export': async (ctx, { bom, ...filters }) => {
    const timeZone = await zoneOf(ctx, filters.timeZone)
    const { csv, rows } = auditCsv(ctx.session.handle.sqlite, filters, timeZone, { bom })
    return { fileName: auditFileName(filters), csv, rows }
  },
}
