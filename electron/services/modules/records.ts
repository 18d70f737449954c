import { entityDef } from '../../../shared/entities'
import { deleteRecord, previewDeletion, undoRecordDeletion } from '../records/delete'
import { refreshDerived } from '../records/derived'
import { getRecord, listRecords } from '../records/list'
import { createRecord, updateRecord } from '../records/write'
import type { HandlerModule } from '../registry'

/** Generic list, entry, edit and delete over the entity definitions (shared/entities). */
export const recordsHandlers: HandlerModule = {
  'records.list': async (ctx, { entity, ...query }) =>
    listRecords(ctx.session.handle, entityDef(entity), query),
  'records.get': async (ctx, { entity, key }) =>
    getRecord(ctx.session.handle, entityDef(entity), key),
  'records.create': async (ctx, { entity, values }) => {
    const row = await createRecord(ctx, entityDef(entity), values, 'records.create')
    await refreshDerived(ctx, entity)
    return row
  },
  'records.update': async (ctx, { entity, key, values }) => {
    const row = await updateRecord(ctx, entityDef(entity), key, values, 'records.update')
    await refreshDerived(ctx, entity)
    return row
  },
  'records.deletePreview': async (ctx, { entity, key }) =>
    previewDeletion(ctx, entityDef(entity), key),
  'records.delete': async (ctx, { entity, key }) => {
    const result = await deleteRecord(ctx, entityDef(entity), key, 'records.delete')
    await refreshDerived(ctx, entity)
    return result
  },
  'records.undo': async (ctx, { token }) => {
    const result = await undoRecordDeletion(ctx, token, 'records.undo')
    await refreshDerived(ctx, 'any')
    return result
  },
}
