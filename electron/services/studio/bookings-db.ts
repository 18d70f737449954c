import type BetterSqlite3 from 'better-sqlite3'
import type { BookingStatus } from '../../../shared/contract/studio'
import { LogbookError } from '../../../shared/errors'
import { NAME_SQL } from './members'

export interface BookingRow {
  bookingId: string
  userId: string
  sessionId: string
  status: BookingStatus
  bookedAt: string
  memberName: string
}

const BOOKING_SELECT = `SELECT b.booking_id AS bookingId, b.user_id AS userId,
  b.session_id AS sessionId, b.status, b.booked_at AS bookedAt, ${NAME_SQL} AS memberName
  FROM class_bookings b JOIN users u ON u.user_id = b.user_id`

export function bookingOf(sqlite: BetterSqlite3.Database, userId: string, sessionId: string) {
  return (
    (sqlite
      .prepare(`${BOOKING_SELECT} WHERE b.user_id = ? AND b.session_id = ?`)
      .get(userId, sessionId) as BookingRow | undefined) ?? null
  )
}

export function requireBooking(sqlite: BetterSqlite3.Database, bookingId: string): BookingRow {
  const row = sqlite.prepare(`${BOOKING_SELECT} WHERE b.booking_id = ?`).get(bookingId) as
    BookingRow | undefined
  if (!row) {
    throw new LogbookError(
      'not_found',
      'That booking no longer exists. Reload the class list to see where things stand.',
      'bookingId',
    )
  }
  return row
}

export function attendanceOf(sqlite: BetterSqlite3.Database, userId: string, sessionId: string) {
  return (
    (sqlite
      .prepare(
        `SELECT attendance_id AS attendanceId, processed_time AS processedTime
         FROM fact_class_attendance WHERE user_id = ? AND session_id = ?`,
      )
      .get(userId, sessionId) as { attendanceId: string; processedTime: string } | undefined) ??
    null
  )
}

/** A status change never predates the booking (a CHECK says so), even for an imported future stamp. */
export function changeStamp(nowMs: number, bookedAt: string) {
  const now = new Date(nowMs).toISOString()
  return now >= bookedAt ? now : bookedAt
}

export function setBookingStatus(
  sqlite: BetterSqlite3.Database,
  booking: BookingRow,
  status: BookingStatus,
  nowMs: number,
) {
  sqlite
    .prepare(`UPDATE class_bookings SET status = ?, status_changed_at = ? WHERE booking_id = ?`)
    .run(status, changeStamp(nowMs, booking.bookedAt), booking.bookingId)
}
