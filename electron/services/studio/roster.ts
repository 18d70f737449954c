import type BetterSqlite3 from 'better-sqlite3'
import type { BookingStatus, Roster, RosterEntry } from '../../../shared/contract/studio'
import { requireClass } from './classes'
import { NAME_SQL } from './members'
import { sortRoster } from './rules'

interface EntryRow {
  user_id: string
  name: string
  email: string | null
  phone_number: string | null
  booking_id: string | null
  status: BookingStatus | null
  booked_at: string | null
  attendance_id: string | null
  processed_time: string | null
}

/** Everyone booked into a class (in any status) or checked in to it. */
export function readRoster(
  sqlite: BetterSqlite3.Database,
  sessionId: string,
  timeZone: string,
): Roster {
  const session = requireClass(sqlite, sessionId)
  const rows = sqlite
    .prepare(
      `WITH people AS (
         SELECT user_id FROM class_bookings WHERE session_id = @session
         UNION SELECT user_id FROM fact_class_attendance WHERE session_id = @session
       )
       SELECT u.user_id, ${NAME_SQL} AS name, u.email, u.phone_number,
         b.booking_id, b.status, b.booked_at, a.attendance_id, a.processed_time
       FROM people p
       JOIN users u ON u.user_id = p.user_id
       LEFT JOIN class_bookings b ON b.session_id = @session AND b.user_id = p.user_id
       LEFT JOIN fact_class_attendance a ON a.session_id = @session AND a.user_id = p.user_id`,
    )
    .all({ session: sessionId }) as EntryRow[]
  const entries = rows.map((row): RosterEntry => ({
    userId: row.user_id,
    name: row.name,
    email: row.email,
    phone: row.phone_number,
    bookingId: row.booking_id,
    bookingStatus: row.status,
    bookedAt: row.booked_at,
    attendanceId: row.attendance_id,
    checkedInAt: row.processed_time,
    walkIn: row.attendance_id !== null && row.status !== 'booked',
  }))
  return { session, timeZone, entries: sortRoster(entries) }
}
