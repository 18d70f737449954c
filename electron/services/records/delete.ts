import type { EntityDef } from '../../../shared/entities'
import type { DeletePreview, RecordKey } from '../../../shared/contract/records'
import { LogbookError } from '../../../shared/errors'
import { auditSource, writeAudit } from '../audit/write'
import type { ServiceContext } from '../context'
import { keepRollupsCurrent } from '../rollups/upkeep'
import { readSettings } from '../settings/store'
import { tableSql } from './columns'
import { collectCascade, dependentCounts, rowIdOf } from './dependents'
import { personOf, writeRecordEvent } from './events'
import { foreignKeyGraph, identityWhere, shapeOf } from './graph'
import { notFound, storedKey } from './keys'
import { countPhrase, joinWords } from './labels'
import { getRecord, recordTitle } from './list'
import { captureAuditEntries, captureRows, rememberCapture, undoDeletion } from './undo'
import { readStored } from './write'

function cascadeOf(ctx: ServiceContext, def: EntityDef, key: RecordKey) {
  const { sqlite } = ctx.session.handle
  const graph = foreignKeyGraph(sqlite)
  const stored = storedKey(def, key)
  const id = stored === null ? undefined : rowIdOf(sqlite, graph, def.name, def.key, stored)
  if (stored === null || id === undefined) throw notFound(def, key)
  return { graph, stored, set: collectCascade(sqlite, graph, def.name, id) }
}

export async function previewDeletion(
  ctx: ServiceContext,
  def: EntityDef,
  key: RecordKey,
): Promise<DeletePreview> {
  const title = recordTitle(def, await getRecord(ctx.session.handle, def, key))
  const { graph, set } = cascadeOf(ctx, def, key)
  return { title, ...dependentCounts(graph, set) }
}

/**
 * Deletes a record and what cascades with it in one transaction, after reading every row it
 * takes, so that `undo` can put them back. A record that other rows still need is refused.
 */
export async function deleteRecord(
  ctx: ServiceContext,
  def: EntityDef,
  key: RecordKey,
  method: string,
) {
  const handle = ctx.session.handle
  const { sqlite } = handle
  const title = recordTitle(def, await getRecord(handle, def, key))
  const { timeZone } = await readSettings(handle.db)
  const capture = sqlite
    .transaction(() => {
      const { graph, stored, set } = cascadeOf(ctx, def, key)
      if (set.blockers.size > 0) {
        const phrases = [...set.blockers].map(([table, rows]) => countPhrase(table, rows))
        const single = set.blockers.size === 1 && [...set.blockers.values()][0] === 1
        throw new LogbookError(
          'conflict',
          `${title} cannot be deleted: ${joinWords(phrases)} ${single ? 'uses' : 'use'} it`,
        )
      }
      const captured = captureRows(sqlite, graph, set)
      // Read while the rows it names are still there; written with the deletion itself.
      const audit = captureAuditEntries(sqlite, graph, captured, 'delete')
      const row = readStored(sqlite, def, stored)
      // A person's own deletion logs nothing: their row, and so their events, are gone.
      const person = def.name === 'users' || !row ? null : personOf(sqlite, graph, def, row)
      const shape = shapeOf(graph, def.name)
      sqlite
        .prepare(`DELETE FROM ${tableSql(def.name)} WHERE ${identityWhere(shape)}`)
        .run(...set.root.id)
      if (person !== null) {
        writeRecordEvent(sqlite, {
          def,
          change: 'deleted',
          key: stored,
          userId: person,
          adapter: ctx.adapter,
          timeZone,
        })
      }
      writeAudit(sqlite, auditSource(ctx, method), audit)
      // Events deleted with it (a person's, by cascade) are in rollup_dirty: rollups follow.
      keepRollupsCurrent(sqlite)
      return captured
    })
    .immediate()
  return { undoToken: rememberCapture(handle, capture), removed: capture.rows }
}

export function undoRecordDeletion(ctx: ServiceContext, token: string, method: string) {
  const { sqlite } = ctx.session.handle
  return undoDeletion(ctx.session.handle, foreignKeyGraph(sqlite), token, auditSource(ctx, method))
}
