import type BetterSqlite3 from 'better-sqlite3'
import type { BookingStatus } from '../../../../shared/contract/studio'
import type { DateKey } from '../../../../shared/time'
import { dateKeyOf, localHourOf } from '../../../../shared/time'
import { instantInRange, rangeParams, type Scope } from './common'
import { cachedRead } from './read-cache'

// The studio rows the reports read. A class counts on the local day (and hour) it starts in the
// report's zone; its attendances and bookings count with it.

export interface ClassRow {
  sessionId: string
  className: string
  instructor: string | null
  location: string
  startMs: number
  day: DateKey
  hour: number
  capacity: number | null
  releaseMs: number | null
  /** It has started by the report's "now" (only started classes can have check-ins). */
  started: boolean
}

/** Classes starting inside the range (all of them when the scope has no range), by start. */
export function readClasses(sqlite: BetterSqlite3.Database, s: Scope): ClassRow[] {
  const key = `classes ${s.zone} ${s.fromIso} ${s.toIso}`
  return cachedRead(sqlite, key, () => readClassRows(sqlite, s)).map((c) => ({
    ...c,
    started: c.startMs <= s.nowMs,
  }))
}

function readClassRows(sqlite: BetterSqlite3.Database, s: Scope): Omit<ClassRow, 'started'>[] {
  const rows = sqlite
    .prepare(
      `SELECT s.session_id, s.class_name, s.instructor_name, l.location_name, s.datetime,
         s.capacity, s.release_timestamp
       FROM dim_class_session s JOIN dim_location l ON l.location_id = s.location_id
       WHERE ${instantInRange('s.datetime')}
       ORDER BY s.datetime, s.session_id`,
    )
    .raw()
    .all(rangeParams(s)) as [
    string,
    string,
    string | null,
    string,
    string,
    number | null,
    string | null,
  ][]
  const out: Omit<ClassRow, 'started'>[] = []
  for (const [sessionId, className, instructor, location, datetime, capacity, release] of rows) {
    const startMs = Date.parse(datetime)
    if (Number.isNaN(startMs)) continue
    const releaseMs = release === null ? null : Date.parse(release)
    out.push({
      sessionId,
      className,
      instructor: instructor === null || instructor.trim() === '' ? null : instructor,
      location,
      startMs,
      day: dateKeyOf(startMs, s.zone),
      hour: localHourOf(startMs, s.zone),
      capacity,
      releaseMs: releaseMs === null || Number.isNaN(releaseMs) ? null : releaseMs,
    })
  }
  return out
}

export interface VisitRow {
  userId: string
  sessionId: string
  startMs: number
  day: DateKey
}

/**
 * Check-ins (fact_class_attendance) at classes starting inside the range — or over all history
 * when `everything` — oldest first.
 */
export function readVisits(
  sqlite: BetterSqlite3.Database,
  s: Scope,
  everything = false,
): readonly VisitRow[] {
  const key = everything ? `visits ${s.zone}` : `visits ${s.zone} ${s.fromIso} ${s.toIso}`
  return cachedRead(sqlite, key, () => readVisitRows(sqlite, s, everything))
}

function readVisitRows(sqlite: BetterSqlite3.Database, s: Scope, everything: boolean) {
  const rows = sqlite
    .prepare(
      `SELECT a.user_id, a.session_id, s.datetime
       FROM fact_class_attendance a JOIN dim_class_session s ON s.session_id = a.session_id
       WHERE ${instantInRange('s.datetime')}
       ORDER BY s.datetime, a.user_id`,
    )
    .raw()
    .all(everything ? { fromIso: null, toIso: null } : rangeParams(s)) as [string, string, string][]
  const out: VisitRow[] = []
  for (const [userId, sessionId, datetime] of rows) {
    const startMs = Date.parse(datetime)
    if (Number.isNaN(startMs)) continue
    out.push({ userId, sessionId, startMs, day: dateKeyOf(startMs, s.zone) })
  }
  return out
}

export interface BookingRow {
  userId: string
  sessionId: string
  bookedMs: number
  status: BookingStatus
  /** The member has an attendance row for the class. */
  attended: boolean
}

/** Bookings of classes starting inside the range. */
export function readBookings(sqlite: BetterSqlite3.Database, s: Scope): readonly BookingRow[] {
  return cachedRead(sqlite, `bookings ${s.fromIso} ${s.toIso}`, () => readBookingRows(sqlite, s))
}

function readBookingRows(sqlite: BetterSqlite3.Database, s: Scope): BookingRow[] {
  const rows = sqlite
    .prepare(
      `SELECT b.user_id, b.session_id, b.booked_at, b.status,
         EXISTS (SELECT 1 FROM fact_class_attendance a
                 WHERE a.session_id = b.session_id AND a.user_id = b.user_id)
       FROM class_bookings b JOIN dim_class_session s ON s.session_id = b.session_id
       WHERE ${instantInRange('s.datetime')}
       ORDER BY s.datetime, b.booking_id`,
    )
    .raw()
    .all(rangeParams(s)) as [string, string, string, BookingStatus, number][]
  return rows.map(([userId, sessionId, bookedAt, status, attended]) => ({
    userId,
    sessionId,
    bookedMs: Date.parse(bookedAt),
    status,
    attended: attended === 1,
  }))
}

/**
 * What became of a booking: attended (checked in on a standing or no-show booking), no-show
 * (marked, or still booked without a check-in once the class started), late cancel, cancelled,
 * or upcoming (still booked, class not started). A member checked in after cancelling counts as
 * a cancellation here and as a walk-in in the check-ins.
 */
export type Outcome = 'attended' | 'no_show' | 'late_cancel' | 'cancelled' | 'upcoming'

export function outcomeOf(b: BookingRow, classStarted: boolean): Outcome {
  switch (b.status) {
    case 'cancelled':
      return 'cancelled'
    case 'late_cancel':
      return 'late_cancel'
    case 'no_show':
      return b.attended ? 'attended' : 'no_show'
    case 'booked':
      return b.attended ? 'attended' : classStarted ? 'no_show' : 'upcoming'
  }
}
