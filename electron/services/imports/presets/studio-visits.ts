import { randomUUID } from 'node:crypto'
import type { BookingStatus } from '../../../../shared/contract/studio'
import { LogbookError } from '../../../../shared/errors'
import { RowCells } from '../cells'
import { findColumn } from '../columns'
import type { FieldSpec, ImportTx, PresetDefinition, PresetMatch, WriteOutcome } from '../types'
import { cellMoment, readLocalMoment, type LocalMoment } from './body-common'
import {
  ensureLocation,
  ensureMember,
  ensureSession,
  writeClassEvent,
  type LocationRef,
  type MemberDetails,
  type SessionRow,
} from './studio-common'

// A studio's per-visit file (one row per member per class: date, time, class, instructor,
// location, member, status) as studio software exports it. Each row leaves the database as the
// front desk would have: an attended visit is a check-in (fact_class_attendance and its
// class_checked_in event, which the reports count); a no-show or a cancel is a booking with that
// status and its event. Missing locations, members and classes are made on the way.

export type VisitStatus = 'attended' | BookingStatus

export interface VisitRecord {
  member: MemberDetails
  className: string
  instructor: string | null
  location: LocationRef
  moment: LocalMoment
  durationMins: number | null
  status: VisitStatus
  /** When the booking was made, if the file says. */
  bookedAtMs: number | null
}

const word = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '')

const STATUS_WORDS: Readonly<Record<string, VisitStatus | 'waitlist'>> = {
  attended: 'attended',
  attend: 'attended',
  checkedin: 'attended',
  checkin: 'attended',
  signedin: 'attended',
  present: 'attended',
  completed: 'attended',
  visited: 'attended',
  visit: 'attended',
  arrived: 'attended',
  late: 'attended',
  latearrival: 'attended',
  showed: 'attended',
  yes: 'attended',
  noshow: 'no_show',
  noshowed: 'no_show',
  missed: 'no_show',
  absent: 'no_show',
  didnotattend: 'no_show',
  dna: 'no_show',
  latecancel: 'late_cancel',
  latecancelled: 'late_cancel',
  latecanceled: 'late_cancel',
  latecancellation: 'late_cancel',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  cancel: 'cancelled',
  cancellation: 'cancelled',
  earlycancel: 'cancelled',
  earlycancelled: 'cancelled',
  earlycanceled: 'cancelled',
  booked: 'booked',
  reserved: 'booked',
  enrolled: 'booked',
  confirmed: 'booked',
  registered: 'booked',
  upcoming: 'booked',
  waitlist: 'waitlist',
  waitlisted: 'waitlist',
  waitinglist: 'waitlist',
}

/** A visit's status as a studio writes it; blank is a visit (an attendance file lists visits). */
export function visitStatusOf(text: string): VisitStatus | 'waitlist' | undefined {
  const key = word(text)
  return key === '' ? 'attended' : STATUS_WORDS[key]
}

const CLASS_FIELD: FieldSpec = {
  key: 'class_name',
  label: 'Class name',
  type: 'text',
  aliases: [
    'class',
    'class name',
    'class_name',
    'class title',
    'service',
    'service name',
    'session name',
  ],
  required: true,
}
const DATE_FIELD: FieldSpec = {
  key: 'date',
  label: 'Class date (and time, local)',
  type: 'date',
  aliases: [
    'visit date',
    'class date',
    'date',
    'session date',
    'start date',
    'class start',
    'class date/time',
    'start',
  ],
  required: true,
}
const MEMBER_ID_FIELD: FieldSpec = {
  key: 'member_id',
  label: 'Member id (text)',
  type: 'id',
  aliases: [
    'member id',
    'member_id',
    'memberid',
    'client id',
    'client_id',
    'customer id',
    'member number',
    'member #',
  ],
  required: true,
}

const fields: readonly FieldSpec[] = [
  DATE_FIELD,
  {
    key: 'time',
    label: 'Class start time (local)',
    type: 'text',
    aliases: ['time', 'start time', 'class time', 'session time'],
  },
  CLASS_FIELD,
  {
    key: 'instructor',
    label: 'Instructor',
    type: 'text',
    aliases: [
      'instructor',
      'instructor name',
      'teacher',
      'staff',
      'staff name',
      'coach',
      'trainer',
    ],
  },
  {
    key: 'location',
    label: 'Location name',
    type: 'text',
    aliases: ['location', 'location name', 'studio', 'site', 'venue', 'room'],
  },
  {
    key: 'location_id',
    label: 'Location id',
    type: 'id',
    aliases: ['location id', 'location_id', 'studio id', 'site id'],
  },
  MEMBER_ID_FIELD,
  {
    key: 'member_name',
    label: 'Member name',
    type: 'text',
    aliases: [
      'member name',
      'client name',
      'customer name',
      'name',
      'full name',
      'member',
      'client',
    ],
  },
  {
    key: 'first_name',
    label: 'First name',
    type: 'text',
    aliases: ['first name', 'first_name', 'firstname'],
  },
  {
    key: 'last_name',
    label: 'Last name',
    type: 'text',
    aliases: ['last name', 'last_name', 'lastname', 'surname'],
  },
  {
    key: 'email',
    label: 'Email',
    type: 'text',
    aliases: ['email', 'email address', 'e-mail', 'member email', 'client email'],
  },
  {
    key: 'status',
    label: 'Status (attended, no-show, late cancel, cancelled, booked)',
    type: 'text',
    aliases: ['status', 'visit status', 'attendance', 'attendance status', 'booking status'],
  },
  {
    key: 'duration',
    label: 'Class length (minutes)',
    type: 'integer',
    aliases: [
      'duration',
      'duration (min)',
      'duration (mins)',
      'duration (minutes)',
      'duration_mins',
      'length',
      'minutes',
    ],
  },
  {
    key: 'booked_at',
    label: 'Booked at (local)',
    type: 'datetime',
    aliases: [
      'booked at',
      'booked on',
      'booking date',
      'booking time',
      'date booked',
      'reserved at',
    ],
  },
]

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The reason a member's id cannot be one, or null. */
function badMemberId(id: string) {
  if ([...id].some((c) => c.charCodeAt(0) < 32)) return 'has control characters'
  return id.length > 100 ? 'is longer than 100 characters' : null
}

const iso = (ms: number) => new Date(ms).toISOString()

/** When the booking was made: the file's time, else (not known) the class's start. */
function bookedAtOf(record: VisitRecord, session: SessionRow) {
  return record.bookedAtMs === null ? session.datetime : iso(record.bookedAtMs)
}

interface Existing {
  attendance: { rowid: number; attendanceId: string } | undefined
  booking: { rowid: number; bookingId: string; status: BookingStatus; bookedAt: string } | undefined
}

function existingFor(tx: ImportTx, userId: string, sessionId: string): Existing {
  const attendance = tx.sqlite
    .prepare(
      `SELECT rowid, attendance_id AS attendanceId FROM fact_class_attendance
       WHERE user_id = ? AND session_id = ?`,
    )
    .get(userId, sessionId) as Existing['attendance']
  const booking = tx.sqlite
    .prepare(
      `SELECT rowid, booking_id AS bookingId, status, booked_at AS bookedAt FROM class_bookings
       WHERE user_id = ? AND session_id = ?`,
    )
    .get(userId, sessionId) as Existing['booking']
  return { attendance, booking }
}

const STATUS_WORDING: Readonly<Record<VisitStatus, string>> = {
  attended: 'attended',
  booked: 'booked',
  cancelled: 'cancelled',
  late_cancel: 'a late cancel',
  no_show: 'a no-show',
}

/**
 * When the status was reached, for the booking's status_changed_at and the event: a no-show is
 * settled when the class ends, a late cancel at the latest at its start; an early cancel's time
 * is not known (null; its event is put at the booking time).
 */
function statusMoment(status: VisitStatus, session: SessionRow, bookedAt: string): string | null {
  const startMs = Date.parse(session.datetime)
  const at =
    status === 'no_show'
      ? iso(startMs + session.durationMins * 60_000)
      : status === 'late_cancel'
        ? session.datetime
        : null
  return at === null ? null : at >= bookedAt ? at : bookedAt
}

const STATUS_EVENT = {
  no_show: 'class_no_show',
  late_cancel: 'class_cancelled',
  cancelled: 'class_cancelled',
} as const

function writeStatusEvent(
  tx: ImportTx,
  record: VisitRecord,
  session: SessionRow,
  locationId: string,
  bookingId: string,
  status: Exclude<VisitStatus, 'attended' | 'booked'>,
  at: string | null,
  bookedAt: string,
) {
  const properties: Record<string, string | boolean> =
    status === 'no_show'
      ? { booking_id: bookingId }
      : { booking_id: bookingId, late: status === 'late_cancel' }
  const ts = Date.parse(at ?? bookedAt)
  writeClassEvent(
    tx,
    STATUS_EVENT[status],
    record.member.memberId,
    session,
    locationId,
    ts,
    properties,
  )
}

function insertBooking(
  tx: ImportTx,
  record: VisitRecord,
  session: SessionRow,
  locationId: string,
  status: BookingStatus,
): { rowid: number; bookingId: string } {
  const bookingId = `booking-${randomUUID()}`
  const bookedAt = bookedAtOf(record, session)
  const changedAt = status === 'booked' ? null : statusMoment(status, session, bookedAt)
  const rowid = tx.insert('class_bookings', {
    booking_id: bookingId,
    user_id: record.member.memberId,
    session_id: session.sessionId,
    booked_at: bookedAt,
    status,
    status_changed_at: changedAt,
    source: null,
  })
  // The app logs class_booked when the booking is made; a file that does not say when leaves it
  // out rather than invent an active day.
  if (record.bookedAtMs !== null) {
    writeClassEvent(
      tx,
      'class_booked',
      record.member.memberId,
      session,
      locationId,
      record.bookedAtMs,
      {
        booking_id: bookingId,
      },
    )
  }
  if (status !== 'booked') {
    writeStatusEvent(tx, record, session, locationId, bookingId, status, changedAt, bookedAt)
  }
  return { rowid, bookingId }
}

function checkIn(
  tx: ImportTx,
  record: VisitRecord,
  session: SessionRow,
  locationId: string,
  bookingId: string | null,
) {
  const attendanceId = `checkin-${randomUUID()}`
  const rowid = tx.insert('fact_class_attendance', {
    attendance_id: attendanceId,
    user_id: record.member.memberId,
    session_id: session.sessionId,
    location_id: locationId,
    class_datetime: session.datetime,
    source: null,
    processed_time: session.datetime,
  })
  writeClassEvent(
    tx,
    'class_checked_in',
    record.member.memberId,
    session,
    locationId,
    Date.parse(session.datetime),
    bookingId === null
      ? { attendance_id: attendanceId, walk_in: true }
      : { attendance_id: attendanceId, booking_id: bookingId },
  )
  return rowid
}

function refuse(record: VisitRecord, why: string): never {
  throw new LogbookError(
    'conflict',
    `Member ${record.member.memberId} ${why} (${record.className}, ${record.moment.stamp})`,
  )
}

/**
 * One visit row, against what the database already holds for that member and class (from an
 * earlier import or the front desk): something already there is a duplicate; a booking still
 * "booked" takes the row's later status (a later export of the same class); a contradiction (a
 * no-show for someone checked in) is refused.
 */
function writeVisit(record: VisitRecord, tx: ImportTx): WriteOutcome {
  const memberId = record.member.memberId
  const key = {
    scope: 'studio:visit',
    key: `${memberId}|${record.className.toLowerCase()}|${record.moment.stamp}|${record.status}`,
  }
  if (tx.findKey(key) !== undefined) return 'duplicate'
  const locationId = ensureLocation(tx, record.location)
  ensureMember(tx, record.member)
  const session = ensureSession(tx, record, locationId)
  const { attendance, booking } = existingFor(tx, memberId, session.sessionId)
  const status = record.status

  if (status === 'attended') {
    if (attendance) {
      tx.claimKey(key, 'fact_class_attendance', attendance.rowid)
      return 'duplicate'
    }
    if (booking?.status === 'no_show') {
      refuse(
        record,
        'is marked as a no-show for this class, so the visit is not recorded; undo the import that marked it to record the visit',
      )
    }
    let bookingId = booking?.status === 'booked' ? booking.bookingId : null
    if (!booking && record.bookedAtMs !== null) {
      bookingId = insertBooking(tx, record, session, locationId, 'booked').bookingId
    }
    tx.claimKey(key, 'fact_class_attendance', checkIn(tx, record, session, locationId, bookingId))
    return 'inserted'
  }

  if (status === 'booked') {
    if (booking) {
      tx.claimKey(key, 'class_bookings', booking.rowid)
      return 'duplicate'
    }
    if (attendance) {
      tx.claimKey(key, 'fact_class_attendance', attendance.rowid)
      return 'duplicate'
    }
    tx.claimKey(
      key,
      'class_bookings',
      insertBooking(tx, record, session, locationId, 'booked').rowid,
    )
    return 'inserted'
  }

  if (attendance) {
    refuse(record, `is checked in to this class, so it cannot be ${STATUS_WORDING[status]}`)
  }
  if (!booking) {
    tx.claimKey(key, 'class_bookings', insertBooking(tx, record, session, locationId, status).rowid)
    return 'inserted'
  }
  if (booking.status === status) {
    tx.claimKey(key, 'class_bookings', booking.rowid)
    return 'duplicate'
  }
  if (booking.status !== 'booked') {
    refuse(
      record,
      `has a booking for this class that is already ${STATUS_WORDING[booking.status]}; it cannot become ${STATUS_WORDING[status]}`,
    )
  }
  const changedAt = statusMoment(status, session, booking.bookedAt)
  tx.update('class_bookings', booking.rowid, { status, status_changed_at: changedAt })
  writeStatusEvent(
    tx,
    record,
    session,
    locationId,
    booking.bookingId,
    status,
    changedAt,
    booking.bookedAt,
  )
  tx.claimKey(key, 'class_bookings', booking.rowid)
  return 'inserted'
}

export const studioVisitsPreset: PresetDefinition<VisitRecord> = {
  name: 'studio-visits',
  label: 'Studio visits (attendance)',
  description:
    'A studio’s per-visit export (Visit Date, Time, Class, Instructor, Location, Member ID, Member Name, Email, Status): attended visits become check-ins, no-shows and cancels become bookings with that status; missing locations, members and classes are created.',
  targets: [
    'fact_class_attendance',
    'class_bookings',
    'dim_class_session',
    'dim_location',
    'users',
    'dim_actions',
    'fct_event',
  ],
  fields,
  detect(header): PresetMatch | null {
    if (findColumn(MEMBER_ID_FIELD, header) === undefined) return null
    if (findColumn(CLASS_FIELD, header) === undefined) return null
    if (findColumn(DATE_FIELD, header) === undefined) return null
    const optional = ['time', 'status', 'instructor', 'location', 'member_name', 'email']
    const named = (f: FieldSpec) => header[findColumn(f, header) ?? -1]
    const present = fields.filter((f) => optional.includes(f.key) && named(f) !== undefined)
    const shown = [MEMBER_ID_FIELD, CLASS_FIELD, DATE_FIELD, ...present].map((f) => `“${named(f)}”`)
    return {
      score: 0.7 + (0.3 * present.length) / optional.length,
      reason: `Studio visits: the header has ${shown.slice(0, 6).join(', ')}`,
    }
  },
  bind(columns, header, options) {
    const emailColumn = header[columns.get('email') ?? -1] ?? 'email'
    return {
      parse(row, line) {
        const cells = new RowCells(columns, header, row, line, { delimiter: options.delimiter })
        const moment = cellMoment(
          cells,
          'date',
          columns.has('time') ? 'time' : null,
          options.timeZone,
        )
        if (moment && !moment.hasTime) {
          cells.problem(columns.has('time') ? 'time' : 'date', 'gives no start time for the class')
        }
        const className = cells.text('class_name', { required: true, max: 200 })
        const memberId = cells.text('member_id', { required: true })
        if (memberId !== null) {
          const bad = badMemberId(memberId)
          if (bad) cells.problem('member_id', bad)
        }
        const member: MemberDetails | null =
          memberId === null
            ? null
            : {
                memberId,
                name: cells.text('member_name', { max: 200 }),
                firstName: cells.text('first_name', { max: 100 }),
                lastName: cells.text('last_name', { max: 100 }),
                email: cells.text('email', { max: 254 }),
                emailColumn,
              }
        const email = member?.email ?? null
        if (email !== null && !EMAIL.test(email)) cells.problem('email', 'is not an email address')
        const statusText = cells.raw('status')
        const status = visitStatusOf(statusText)
        if (status === undefined) {
          cells.problem(
            'status',
            'is not a status Logbook knows (attended, no-show, late cancel, cancelled, booked)',
          )
        }
        const instructor = cells.text('instructor', { max: 200 })
        const location = {
          id: cells.text('location_id', { max: 100 }),
          name: cells.text('location', { max: 200 }),
        }
        const duration = cells.number('duration', { integer: true, min: 1, max: 1440 })
        const bookedText = cells.text('booked_at')
        let bookedAtMs: number | null = null
        if (bookedText !== null) {
          const booked = readLocalMoment(bookedText, null, options.timeZone)
          if (booked.ok) bookedAtMs = booked.value.epochMs
          else cells.problem('booked_at', booked.reason)
        }
        if (status === 'waitlist' && cells.problems.length === 0) {
          return { kind: 'skip', reason: 'on the waiting list: no place was taken' }
        }
        if (
          moment === null ||
          className === null ||
          member === null ||
          status === undefined ||
          status === 'waitlist' ||
          cells.problems.length > 0
        ) {
          return { kind: 'reject', problems: cells.problems }
        }
        return {
          kind: 'record',
          record: {
            member,
            className,
            instructor,
            location,
            moment,
            durationMins: duration,
            status,
            bookedAtMs,
          },
        }
      },
      write: writeVisit,
    }
  },
}
