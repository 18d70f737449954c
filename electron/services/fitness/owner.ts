import type BetterSqlite3 from 'better-sqlite3'
import { OWNER_USER_ID } from '../demo/owner'

export interface Owner {
  id: number
  userId: string
}

/** The owner's users row, if there is one yet. */
export function findOwner(sqlite: BetterSqlite3.Database): Owner | undefined {
  const id = sqlite.prepare('SELECT id FROM users WHERE user_id = ?').pluck().get(OWNER_USER_ID) as
    number | undefined
  return id === undefined ? undefined : { id, userId: OWNER_USER_ID }
}

/**
 * The app's owner (users.user_id 'me'), made with username "me" and name "Me" when missing.
 * Call inside the write's transaction so a refused write leaves no owner behind either.
 */
export function ensureOwner(sqlite: BetterSqlite3.Database): Owner {
  const found = findOwner(sqlite)
  if (found) return found
  const taken = sqlite.prepare('SELECT 1 FROM users WHERE username = ?').pluck()
  let username = OWNER_USER_ID
  for (let n = 2; taken.get(username) !== undefined; n += 1) username = `${OWNER_USER_ID}${n}`
  const created = sqlite
    .prepare('INSERT INTO users (user_id, username, name) VALUES (?, ?, ?)')
    .run(OWNER_USER_ID, username, 'Me')
  return { id: Number(created.lastInsertRowid), userId: OWNER_USER_ID }
}
