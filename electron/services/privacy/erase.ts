import type BetterSqlite3 from 'better-sqlite3'
import type { PersonDeleteResult } from '../../../shared/privacy'
import { writeAudit, type AuditSource } from '../audit/write'
import { keepRollupsCurrent } from '../rollups/upkeep'
import { readSettingsSync } from '../settings/store'
import { forgetInBookkeeping } from './forget'
import { confirmPerson } from './people'
import { countScope, personScope } from './scope'

/**
 * Deletes a person and every row about them (scope.ts) in one write transaction: the import
 * registry and audit log forget their values, the kept rows (posts they wrote) lose the link,
 * every other row goes, children before parents, the person last; then the rollups are brought
 * up to date (their events' moments are in rollup_dirty). Not undoable, by design: the point is
 * that nothing of them is left. The audit log gets one bulk entry per table with the count only.
 */
export function deletePerson(
  sqlite: BetterSqlite3.Database,
  id: number,
  confirmUserId: string,
  source: AuditSource,
): PersonDeleteResult {
  return sqlite
    .transaction((): PersonDeleteResult => {
      confirmPerson(sqlite, id, confirmUserId)
      const person = sqlite.prepare(`SELECT * FROM users WHERE id = ?`).get(id) as Record<
        string,
        unknown
      >
      const scope = countScope(sqlite, personScope(sqlite), id).filter((s) => s.rows > 0)
      forgetInBookkeeping(sqlite, scope, id, person)
      const unlinked = scope
        .filter((s) => s.onDelete === 'unlinked')
        .map((s) => ({
          table: s.table,
          rows: sqlite
            .prepare(
              `UPDATE "${s.table}" SET ${s.links.map((c) => `"${c}" = NULL`).join(', ')} WHERE ${s.where}`,
            )
            .run({ id }).changes,
        }))
      const deleted = scope
        .filter((s) => s.onDelete === 'deleted')
        .reverse()
        .map((s) => ({
          table: s.table,
          rows: sqlite.prepare(`DELETE FROM "${s.table}" WHERE ${s.where}`).run({ id }).changes,
        }))
        .reverse()
      writeAudit(sqlite, source, [
        ...deleted.map((d) => ({
          action: 'bulk' as const,
          table: d.table,
          rowKey: null,
          changes: { job: 'privacy.delete', deleted: d.rows },
        })),
        ...unlinked.map((u) => ({
          action: 'bulk' as const,
          table: u.table,
          rowKey: null,
          changes: { job: 'privacy.delete', unlinked: u.rows },
        })),
      ])
      const rollups = keepRollupsCurrent(sqlite, { settings: readSettingsSync(sqlite) }).mode
      return { deleted, unlinked, rollups }
    })
    .immediate()
}
