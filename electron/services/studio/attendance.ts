import { randomUUID } from 'node:crypto'
import type { StudioChange } from '../../../shared/contract/studio'
import { LogbookError } from '../../../shared/errors'
import { attendanceOf, bookingOf, setBookingStatus } from './bookings-db'
import { requireClass, timingOf } from './classes'
import { auditedRow, inTransaction, type StudioContext } from './context'
import { deleteClassEvents, ensureStudioActions, writeClassEvent } from './events'
import { clockTime } from './format'
import { requireMember } from './members'
import { readRoster } from './roster'
import { whyNoRoomForWalkIn } from './rules'

const attendanceRow = (key: string) => ({
  table: 'fact_class_attendance',
  keyColumn: 'attendance_id',
  key,
})
const bookingRow = (key: string) => ({ table: 'class_bookings', keyColumn: 'booking_id', key })

/**
 * Checks a member in: the attendance row and its class_checked_in event. A member with a standing
 * booking has a place; a walk-in needs a free one. A member marked as a no-show who turns up after
 * all is no longer one.
 */
export function checkIn(s: StudioContext, sessionId: string, userId: string): StudioChange {
  const message = inTransaction(s, () => {
    const session = requireClass(s.sqlite, sessionId)
    const member = requireMember(s.sqlite, userId)
    const existing = attendanceOf(s.sqlite, userId, sessionId)
    if (existing) {
      throw new LogbookError(
        'conflict',
        `${member.name} is already checked in to ${session.className} (since ${clockTime(Date.parse(existing.processedTime), s.timeZone)}).`,
      )
    }
    const booking = bookingOf(s.sqlite, userId, sessionId)
    const walkIn = booking === null || (booking.status !== 'booked' && booking.status !== 'no_show')
    if (walkIn) {
      const refusal = whyNoRoomForWalkIn(timingOf(session))
      if (refusal) throw new LogbookError('conflict', refusal)
    }
    if (booking?.status === 'no_show') {
      auditedRow(s, bookingRow(booking.bookingId), () =>
        setBookingStatus(s.sqlite, booking, 'booked', s.nowMs),
      )
      deleteClassEvents(s.sqlite, 'class_no_show', userId, sessionId)
    }
    ensureStudioActions(s.sqlite)
    const attendanceId = `checkin-${randomUUID()}`
    auditedRow(s, attendanceRow(attendanceId), () =>
      s.sqlite
        .prepare(
          `INSERT INTO fact_class_attendance
           (attendance_id, user_id, session_id, location_id, class_datetime, source, processed_time)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          attendanceId,
          userId,
          sessionId,
          session.locationId,
          session.datetime,
          s.source,
          new Date(s.nowMs).toISOString(),
        ),
    )
    writeClassEvent(s, {
      name: 'class_checked_in',
      userId,
      sessionId,
      locationId: session.locationId,
      classDatetime: session.datetime,
      properties: walkIn
        ? { attendance_id: attendanceId, walk_in: true }
        : { attendance_id: attendanceId, booking_id: booking?.bookingId },
    })
    return `${member.name} is checked in to ${session.className}${walkIn ? ' as a walk-in' : ''}.`
  })
  return { message, roster: readRoster(s.sqlite, sessionId, s.timeZone) }
}

/** Takes a check-in back: the attendance row and its event go; a booking stays as it was. */
export function undoCheckIn(s: StudioContext, attendanceId: string): StudioChange {
  const { message, sessionId } = inTransaction(s, () => {
    const row = s.sqlite
      .prepare(`SELECT user_id, session_id FROM fact_class_attendance WHERE attendance_id = ?`)
      .get(attendanceId) as { user_id: string; session_id: string } | undefined
    if (!row) {
      throw new LogbookError(
        'not_found',
        'That check-in is not there any more; it may have been undone already.',
        'attendanceId',
      )
    }
    const session = requireClass(s.sqlite, row.session_id)
    const member = requireMember(s.sqlite, row.user_id)
    auditedRow(s, attendanceRow(attendanceId), () =>
      s.sqlite
        .prepare(`DELETE FROM fact_class_attendance WHERE attendance_id = ?`)
        .run(attendanceId),
    )
    deleteClassEvents(s.sqlite, 'class_checked_in', row.user_id, row.session_id)
    return {
      message: `${member.name} is no longer checked in to ${session.className}.`,
      sessionId: row.session_id,
    }
  })
  return { message, roster: readRoster(s.sqlite, sessionId, s.timeZone) }
}
