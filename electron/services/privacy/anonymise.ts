import type BetterSqlite3 from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import type { PersonAnonymiseResult } from '../../../shared/privacy'
import { tables, type TableName } from '../../../shared/schema'
import { writeAudit, type AuditSource } from '../audit/write'
import { foreignKeyGraph } from '../records/graph'
import { keepRollupsCurrent } from '../rollups/upkeep'
import { readSettingsSync } from '../settings/store'
import {
  forgetInBookkeeping,
  identityStrings,
  IDENTIFYING_PERSON_COLUMNS,
  IDENTIFYING_ROW_COLUMNS,
  REMOVED,
} from './forget'
import { confirmPerson } from './people'
import { DERIVED_TABLES, personScope } from './scope'

const textColumns = (table: string) =>
  Object.entries(tables[table as TableName] ?? {})
    .filter(([, spec]) => spec.type === 'TEXT')
    .map(([column]) => column)

/**
 * Anonymises a person in one write transaction, keeping what they did for the aggregate reports:
 * 1. a new person row takes their place with a random pseudonymous `user_id` (also the
 *    username), a new `id`, the identifying columns (names, email, phone, date of birth, city)
 *    empty, and the rest (gender, segment, region, channel, device, registration date…) kept, so
 *    segment and cohort reports still add up;
 * 2. every row that references them (events, attendance, bookings, login sessions, fitness,
 *    media, blog) is moved to the new row, found through the schema's foreign keys;
 * 3. on their rows, IP addresses and user agents are cleared, and any text equal to or
 *    containing one of their old values (id, username, email, names, phone) has it replaced: the
 *    old id by the new one, the rest by "[removed]";
 * 4. the import registry and audit log forget their values (forget.ts), and the old row goes;
 *    the rollups follow through the usual upkeep (the moved events' moments are in rollup_dirty,
 *    and the old row's rollups went with it), so they equal a full rebuild.
 */
export function anonymisePerson(
  sqlite: BetterSqlite3.Database,
  id: number,
  confirmUserId: string,
  source: AuditSource,
  now: Date = new Date(),
): PersonAnonymiseResult {
  return sqlite
    .transaction((): PersonAnonymiseResult => {
      confirmPerson(sqlite, id, confirmUserId)
      const old = sqlite.prepare(`SELECT * FROM users WHERE id = ?`).get(id) as Record<
        string,
        unknown
      >
      const identity = identityStrings(old)
      const oldScope = personScope(sqlite)
      forgetInBookkeeping(sqlite, oldScope, id, old)

      const userId = `anon-${randomUUID()}`
      const columns = Object.keys(tables.users).filter((c) => c !== 'id')
      const values = columns.map((c) =>
        c === 'user_id' || c === 'username'
          ? '@userId'
          : c === 'updated_at'
            ? '@now'
            : (IDENTIFYING_PERSON_COLUMNS as readonly string[]).includes(c)
              ? 'NULL'
              : `"${c}"`,
      )
      const newId = Number(
        sqlite
          .prepare(
            `INSERT INTO users (${columns.map((c) => `"${c}"`).join(', ')})
             SELECT ${values.join(', ')} FROM users WHERE id = @id`,
          )
          .run({ id, userId, now: now.toISOString() }).lastInsertRowid,
      )

      const changed = new Map<string, number>()
      const count = (table: string, rows: number) =>
        rows > 0 && changed.set(table, (changed.get(table) ?? 0) + rows)
      const graph = foreignKeyGraph(sqlite)
      for (const key of graph.referencing.get('users') ?? []) {
        if (DERIVED_TABLES.has(key.child) || key.from.length !== 1) continue
        const [from] = key.from
        const to = key.to[0] === 'user_id' ? 'user_id' : 'id'
        const [oldValue, newValue] = to === 'user_id' ? [old.user_id, userId] : [id, newId]
        count(
          key.child,
          sqlite
            .prepare(`UPDATE "${key.child}" SET "${from}" = ? WHERE "${from}" = ?`)
            .run(newValue, oldValue).changes,
        )
      }

      const scope = personScope(sqlite).filter(
        (s) => s.table !== 'users' && !DERIVED_TABLES.has(s.table),
      )
      for (const s of scope) {
        const cleared = IDENTIFYING_ROW_COLUMNS.filter((c) => textColumns(s.table).includes(c))
        if (cleared.length > 0) {
          count(
            s.table,
            sqlite
              .prepare(
                `UPDATE "${s.table}" SET ${cleared.map((c) => `"${c}" = NULL`).join(', ')}
                 WHERE (${s.where}) AND (${cleared.map((c) => `"${c}" IS NOT NULL`).join(' OR ')})`,
              )
              .run({ id: newId }).changes,
          )
        }
        for (const column of textColumns(s.table)) {
          for (const value of identity) {
            const replacement = value === old.user_id ? userId : REMOVED
            count(
              s.table,
              sqlite
                .prepare(
                  `UPDATE "${s.table}" SET "${column}" = replace("${column}", @value, @replacement)
                   WHERE (${s.where}) AND instr("${column}", @value) > 0`,
                )
                .run({ id: newId, value, replacement }).changes,
            )
          }
        }
      }

      sqlite.prepare(`DELETE FROM users WHERE id = ?`).run(id)
      count('users', 1)
      writeAudit(
        sqlite,
        source,
        [...changed].map(([table, rows]) => ({
          action: 'bulk' as const,
          table,
          rowKey: null,
          changes: { job: 'privacy.anonymise', rows, pseudonym: userId },
        })),
      )
      const rollups = keepRollupsCurrent(sqlite, { settings: readSettingsSync(sqlite) }).mode
      return {
        id: newId,
        userId,
        changed: [...changed].map(([table, rows]) => ({ table, rows })),
        rollups,
      }
    })
    .immediate()
}
