import type BetterSqlite3 from 'better-sqlite3'
import { LogbookError } from '../../../shared/errors'
import type { PersonHoldings, PersonMatch } from '../../../shared/privacy'
import { countScope, personScope } from './scope'

const PERSON_COLUMNS = `id, user_id AS userId, username, name, email`

/** People whose name, username, email or id contains `query` (case-insensitive), by name. */
export function findPeople(sqlite: BetterSqlite3.Database, query: string, limit: number) {
  const like = `%${query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  return sqlite
    .prepare(
      `SELECT ${PERSON_COLUMNS} FROM users
       WHERE name LIKE @like ESCAPE '\\' OR username LIKE @like ESCAPE '\\'
         OR email LIKE @like ESCAPE '\\' OR user_id LIKE @like ESCAPE '\\'
         OR first_name LIKE @like ESCAPE '\\' OR last_name LIKE @like ESCAPE '\\'
       ORDER BY coalesce(name, username) COLLATE NOCASE, id LIMIT @limit`,
    )
    .all({ like, limit }) as PersonMatch[]
}

export function personById(sqlite: BetterSqlite3.Database, id: number): PersonMatch {
  const person = sqlite.prepare(`SELECT ${PERSON_COLUMNS} FROM users WHERE id = ?`).get(id) as
    PersonMatch | undefined
  if (!person) throw new LogbookError('not_found', `No person has id ${id}`, 'id')
  return person
}

/** Everything held about the person, per table with rows, and what a deletion does with it. */
export function personHoldings(sqlite: BetterSqlite3.Database, id: number): PersonHoldings {
  return sqlite.transaction(() => {
    const person = personById(sqlite, id)
    const tables = countScope(sqlite, personScope(sqlite), id)
      .filter((t) => t.rows > 0)
      .map(({ table, rows, onDelete }) => ({ table, rows, onDelete }))
    return { person, tables, totalRows: tables.reduce((sum, t) => sum + t.rows, 0) }
  })()
}

/** Deleting or anonymising needs the person's user id typed back: refuses a mismatch. */
export function confirmPerson(sqlite: BetterSqlite3.Database, id: number, confirmUserId: string) {
  const person = personById(sqlite, id)
  if (person.userId !== confirmUserId.trim()) {
    throw new LogbookError(
      'invalid_input',
      `Type the person's id (${person.userId}) to confirm; nothing was changed`,
      'confirmUserId',
    )
  }
  return person
}
