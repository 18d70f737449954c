import { anonymisePerson } from '../privacy/anonymise'
import { deletePerson } from '../privacy/erase'
import { exportPerson } from '../privacy/export'
import { findPeople, personHoldings } from '../privacy/people'
import type { HandlerModule } from '../registry'

export const privacyHandlers: HandlerModule = {
  'privacy.find': async (ctx, input) =>
    findPeople(ctx.session.handle.sqlite, input.query, input.limit),
  'privacy.preview': async (ctx, input) => personHoldings(ctx.session.handle.sqlite, input.id),
  'privacy.export': async (ctx, input) => {
    const { sqlite, path } = ctx.session.handle
    return exportPerson(sqlite, path, input.id, { folder: input.folder })
  },
  'privacy.delete': async (ctx, input) =>
    deletePerson(ctx.session.handle.sqlite, input.id, input.confirmUserId, {
      adapter: ctx.adapter,
      method: 'privacy.delete',
    }),
  'privacy.anonymise': async (ctx, input) =>
    anonymisePerson(ctx.session.handle.sqlite, input.id, input.confirmUserId, {
      adapter: ctx.adapter,
      method: 'privacy.anonymise',
    }),
}
