import type BetterSqlite3 from 'better-sqlite3'
import { OWNER_USER_ID } from '../demo/owner'
import { uniqueUsername } from './derive'

export interface Owner {
  id: number
  userId: string
}

/** The app's owner (users.user_id 'me'), made with username "me" and name "Me" when missing. */
export function ensureOwner(sqlite: BetterSqlite3.Database): Owner {
  const find = sqlite.prepare('SELECT id FROM users WHERE user_id = ?').pluck()
  const id = find.get(OWNER_USER_ID) as number | undefined
  if (id !== undefined) return { id, userId: OWNER_USER_ID }
  const created = sqlite
    .prepare('INSERT INTO users (user_id, username, name) VALUES (?, ?, ?)')
    .run(OWNER_USER_ID, uniqueUsername(sqlite, OWNER_USER_ID), 'Me')
  return { id: Number(created.lastInsertRowid), userId: OWNER_USER_ID }
}
