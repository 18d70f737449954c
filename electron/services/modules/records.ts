import { entityDef } from '../../../shared/entities'
import { deleteRecord, previewDeletion, undoRecordDeletion } from '../records/delete'
import { getRecord, listRecords } from '../records/list'
import { createRecord, updateRecord } from '../records/write'
import type { HandlerModule } from '../registry'

/** Generic list, entry, edit and delete over the entity definitions (shared/entities). */
export const recordsHandlers: HandlerModule = {
  'records.list': async (ctx, { entity, ...query }) =>
    listRecords(ctx.session.handle, entityDef(entity), query),
  'records.get': async (ctx, { entity, key }) =>
    getRecord(ctx.session.handle, entityDef(entity), key),
  'records.create': async (ctx, { entity, values }) => createRecord(ctx, entityDef(entity), values),
  'records.update': async (ctx, { entity, key, values }) =>
    updateRecord(ctx, entityDef(entity), key, values),
  'records.deletePreview': async (ctx, { entity, key }) =>
    previewDeletion(ctx, entityDef(entity), key),
  'records.delete': async (ctx, { entity, key }) => deleteRecord(ctx, entityDef(entity), key),
  'records.undo': async (ctx, { token }) => undoRecordDeletion(ctx, token),
}
