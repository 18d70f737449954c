import { randomUUID } from 'node:crypto'
import type { BookingStatus, StudioChange } from '../../../shared/contract/studio'
import { LogbookError } from '../../../shared/errors'
import {
  attendanceOf,
  bookingOf,
  requireBooking,
  setBookingStatus,
  type BookingRow,
} from './bookings-db'
import { requireClass, timingOf } from './classes'
import { auditedRow, inTransaction, type StudioContext } from './context'
import { ensureStudioActions, writeClassEvent, type StudioAction } from './events'
import { requireMember } from './members'
import { readRoster } from './roster'
import { isLateCancel, whyNoNoShow, whyNotBookable, whyNotCancellable } from './rules'

const bookingRow = (key: string) => ({ table: 'class_bookings', keyColumn: 'booking_id', key })

/** Sets a booking's status and logs the change in the audit log. */
function changeStatus(s: StudioContext, booking: BookingRow, status: BookingStatus) {
  auditedRow(s, bookingRow(booking.bookingId), () =>
    setBookingStatus(s.sqlite, booking, status, s.nowMs),
  )
}

const refuse = (message: string | null) => {
  if (message !== null) throw new LogbookError('conflict', message)
}

function logBookingEvent(
  s: StudioContext,
  name: StudioAction,
  booking: { bookingId: string; userId: string },
  session: { sessionId: string; locationId: string; datetime: string },
  properties: Record<string, unknown> = {},
) {
  ensureStudioActions(s.sqlite)
  writeClassEvent(s, {
    name,
    userId: booking.userId,
    sessionId: session.sessionId,
    locationId: session.locationId,
    classDatetime: session.datetime,
    properties: { booking_id: booking.bookingId, ...properties },
  })
}

/** Books a member into a class that has opened for booking, has not started and has room. */
export function book(s: StudioContext, sessionId: string, userId: string): StudioChange {
  const message = inTransaction(s, () => {
    const session = requireClass(s.sqlite, sessionId)
    const member = requireMember(s.sqlite, userId)
    if (attendanceOf(s.sqlite, userId, sessionId)) {
      refuse(`${member.name} is already checked in to ${session.className}; no booking is needed.`)
    }
    const previous = bookingOf(s.sqlite, userId, sessionId)
    if (previous?.status === 'booked') {
      refuse(`${member.name} is already booked into ${session.className}.`)
    }
    refuse(whyNotBookable(timingOf(session), s.nowMs, s.timeZone))
    const now = new Date(s.nowMs).toISOString()
    // One booking row per member and class (UNIQUE): booking again after a cancel reopens it.
    const bookingId = previous?.bookingId ?? `booking-${randomUUID()}`
    auditedRow(s, bookingRow(bookingId), () => {
      if (previous) {
        s.sqlite
          .prepare(
            `UPDATE class_bookings SET status = 'booked', booked_at = ?, status_changed_at = NULL,
               source = ? WHERE booking_id = ?`,
          )
          .run(now, s.source, bookingId)
      } else {
        s.sqlite
          .prepare(
            `INSERT INTO class_bookings (booking_id, user_id, session_id, booked_at, status, source)
             VALUES (?, ?, ?, ?, 'booked', ?)`,
          )
          .run(bookingId, userId, sessionId, now, s.source)
      }
    })
    logBookingEvent(s, 'class_booked', { bookingId, userId }, session)
    const taken = session.placesTaken + 1
    const room = session.capacity === null ? '' : ` (${taken} of ${session.capacity} places taken)`
    return `${member.name} is booked into ${session.className}${room}.`
  })
  return { message, roster: readRoster(s.sqlite, sessionId, s.timeZone) }
}

/** Reads a booking, its class and whether the member is checked in, for a status change. */
function bookingContext(s: StudioContext, bookingId: string) {
  const booking: BookingRow = requireBooking(s.sqlite, bookingId)
  const session = requireClass(s.sqlite, booking.sessionId)
  const checkedIn = attendanceOf(s.sqlite, booking.userId, booking.sessionId) !== null
  return { booking, session, checkedIn }
}

/** Cancels a standing booking; within the late-cancel window of the start it is a late cancel. */
export function cancelBooking(s: StudioContext, bookingId: string): StudioChange {
  const { message, sessionId } = inTransaction(s, () => {
    const { booking, session, checkedIn } = bookingContext(s, bookingId)
    const timing = timingOf(session)
    refuse(whyNotCancellable(timing, booking.status, checkedIn, booking.memberName, s.nowMs))
    const late = isLateCancel(timing.startMs, s.nowMs, s.lateCancelHours)
    changeStatus(s, booking, late ? 'late_cancel' : 'cancelled')
    logBookingEvent(s, 'class_cancelled', booking, session, { late })
    const what = `${booking.memberName}'s booking for ${session.className} is cancelled`
    return {
      message: late
        ? `${what}. It counts as a late cancel (within ${s.lateCancelHours} hours of the start).`
        : `${what}.`,
      sessionId: session.sessionId,
    }
  })
  return { message, roster: readRoster(s.sqlite, sessionId, s.timeZone) }
}

/** Marks a booked member who did not come; only once the class has started. */
export function markNoShow(s: StudioContext, bookingId: string): StudioChange {
  const { message, sessionId } = inTransaction(s, () => {
    const { booking, session, checkedIn } = bookingContext(s, bookingId)
    refuse(
      whyNoNoShow(
        timingOf(session),
        booking.status,
        checkedIn,
        booking.memberName,
        s.nowMs,
        s.timeZone,
      ),
    )
    changeStatus(s, booking, 'no_show')
    logBookingEvent(s, 'class_no_show', booking, session)
    return {
      message: `${booking.memberName} is marked as a no-show for ${session.className}.`,
      sessionId: session.sessionId,
    }
  })
  return { message, roster: readRoster(s.sqlite, sessionId, s.timeZone) }
}
