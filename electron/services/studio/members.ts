import type BetterSqlite3 from 'better-sqlite3'
import type { BookingStatus, MemberMatch } from '../../../shared/contract/studio'
import { LogbookError } from '../../../shared/errors'

/** A person's name as the desk reads it: the name, else first and last name, else the username. */
export const NAME_SQL = `COALESCE(
  NULLIF(trim(u.name), ''),
  NULLIF(trim(COALESCE(u.first_name, '') || ' ' || COALESCE(u.last_name, '')), ''),
  u.username)`

export interface Member {
  userId: string
  name: string
}

export function requireMember(sqlite: BetterSqlite3.Database, userId: string): Member {
  const row = sqlite
    .prepare(`SELECT u.user_id AS userId, ${NAME_SQL} AS name FROM users u WHERE u.user_id = ?`)
    .get(userId) as Member | undefined
  if (!row) {
    throw new LogbookError(
      'not_found',
      'That member is not in the database any more. Search for them again.',
      'userId',
    )
  }
  return row
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Digits only, for matching phone numbers written with spaces, dashes or brackets. */
export const digitsOf = (text: string) => text.replace(/\D/g, '')

const PHONE_DIGITS_SQL = `replace(replace(replace(replace(replace(replace(
  COALESCE(u.phone_number, ''), ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')`

interface MatchRow {
  user_id: string
  name: string
  email: string | null
  phone_number: string | null
  is_active: number
  status: BookingStatus | null
  checked_in: number
}

/**
 * Members whose name, email or phone contains the search. Active studio members (a member role,
 * or any booking or check-in) come first, then names that start with the search.
 */
export function findMembers(
  sqlite: BetterSqlite3.Database,
  search: string,
  limit: number,
  sessionId: string | null,
): MemberMatch[] {
  const term = search.trim().toLowerCase()
  const contains = `%${escapeLike(term)}%`
  const starts = `${escapeLike(term)}%`
  const wordStarts = `% ${escapeLike(term)}%`
  const digits = digitsOf(term)
  const phone = digits.length >= 2 ? `%${digits}%` : null
  const rows = sqlite
    .prepare(
      `SELECT u.user_id, ${NAME_SQL} AS name, u.email, u.phone_number, u.is_active,
         b.status, (a.attendance_id IS NOT NULL) AS checked_in
       FROM users u
       LEFT JOIN class_bookings b ON b.user_id = u.user_id AND b.session_id = @session
       LEFT JOIN fact_class_attendance a ON a.user_id = u.user_id AND a.session_id = @session
       WHERE lower(${NAME_SQL}) LIKE @contains ESCAPE '\\'
          OR lower(COALESCE(u.email, '')) LIKE @contains ESCAPE '\\'
          OR (@phone IS NOT NULL AND ${PHONE_DIGITS_SQL} LIKE @phone)
       ORDER BY
         u.is_active DESC,
         (u.role = 'member'
           OR EXISTS (SELECT 1 FROM class_bookings x WHERE x.user_id = u.user_id)
           OR EXISTS (SELECT 1 FROM fact_class_attendance y WHERE y.user_id = u.user_id)) DESC,
         CASE
           WHEN lower(${NAME_SQL}) LIKE @starts ESCAPE '\\' THEN 0
           WHEN lower(${NAME_SQL}) LIKE @wordStarts ESCAPE '\\' THEN 1
           WHEN lower(COALESCE(u.email, '')) LIKE @starts ESCAPE '\\' THEN 2
           ELSE 3
         END,
         name COLLATE NOCASE, u.user_id
       LIMIT @limit`,
    )
    .all({ session: sessionId, contains, starts, wordStarts, phone, limit }) as MatchRow[]
  return rows.map((row) => ({
    userId: row.user_id,
    name: row.name,
    email: row.email,
    phone: row.phone_number,
    isActive: row.is_active === 1,
    bookingStatus: row.status,
    checkedIn: row.checked_in === 1,
  }))
}
