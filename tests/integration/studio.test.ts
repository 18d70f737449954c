import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ServiceContext } from '../../electron/services/context'
import { databaseChecksum } from '../../electron/services/db/checksum'
import { createAppRegistry } from '../../electron/services/handlers'
import { invoke } from '../../electron/services/registry'
import { Session } from '../../electron/services/session'
import type { MethodInput, MethodName, MethodResult } from '../../shared/api'
import type { ErrorInfo } from '../../shared/errors'
import { dateKeyOf } from '../../shared/time'
import { useSuiteTempDir } from '../helpers/tmp'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

const tempDir = useSuiteTempDir()
const registry = createAppRegistry()
let session: Session
let ctx: ServiceContext

beforeAll(async () => {
  session = await Session.open(join(tempDir(), 'studio.db'))
  ctx = { session, adapter: 'ipc', progress: () => {} }
  seedPeople()
})
afterAll(async () => {
  await session.close()
})

const sqlite = () => session.handle.sqlite

async function ok<M extends MethodName>(name: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const outcome = await invoke(registry, ctx, name, input)
  if (!outcome.ok) throw new Error(`${name} failed: ${JSON.stringify(outcome.error)}`)
  return outcome.result as MethodResult<M>
}

/** A call that must fail and leave every table exactly as it was. */
async function refused(name: MethodName, input: unknown): Promise<ErrorInfo> {
  const before = databaseChecksum(sqlite())
  const outcome = await invoke(registry, ctx, name, input)
  if (outcome.ok) throw new Error(`${name} succeeded but should have been refused`)
  expect(databaseChecksum(sqlite())).toBe(before)
  return outcome.error
}

function seedPeople() {
  sqlite()
    .prepare(`INSERT INTO dim_location (location_id, location_name) VALUES ('L1', 'Central')`)
    .run()
  const person = sqlite().prepare(
    `INSERT INTO users (user_id, username, name, email, phone_number, role) VALUES (?, ?, ?, ?, ?, 'member')`,
  )
  person.run('M1', 'ana', 'Ana Lima', 'ana@example.com', '+44 (0)20 7946 0101')
  person.run('M2', 'ben', 'Ben Okafor', 'ben.o@example.com', '020-7946-0202')
  person.run('M3', 'cleo', 'Cleo Park', 'cleo@example.com', null)
}

let classNumber = 0
/** A class starting at `startMs`; bookable from `releaseMs` (default: a week before). */
function addClass(
  startMs: number,
  options: { capacity?: number; releaseMs?: number | null; name?: string } = {},
) {
  classNumber += 1
  const id = `C${classNumber}`
  const release = options.releaseMs === undefined ? startMs - 7 * DAY : options.releaseMs
  sqlite()
    .prepare(
      `INSERT INTO dim_class_session (session_id, class_code, class_name, location_id, datetime,
         duration_mins, week_number, year, month, day_of_week, is_weekend, release_timestamp, capacity)
       VALUES (?, 'VIN', ?, 'L1', ?, 60, 1, 2025, 1, 'Monday', 0, ?, ?)`,
    )
    .run(
      id,
      options.name ?? 'Vinyasa Flow',
      new Date(startMs).toISOString(),
      release === null ? null : new Date(release).toISOString(),
      options.capacity ?? 20,
    )
  return id
}

interface EventRow {
  user_id: string
  event_name: string
  event_ts: number
  date_key: number
  source: string
  class_session_id: string
  location_id: string
  class_datetime: string
  properties: string
}

const eventsOf = (sessionId: string, name?: string) =>
  sqlite()
    .prepare(
      `SELECT * FROM fct_event WHERE class_session_id = ? AND (? IS NULL OR event_name = ?) ORDER BY event_key`,
    )
    .all(sessionId, name ?? null, name ?? null) as EventRow[]

const bookingStatus = (sessionId: string, userId: string) =>
  sqlite()
    .prepare(`SELECT status FROM class_bookings WHERE session_id = ? AND user_id = ?`)
    .pluck()
    .get(sessionId, userId)

describe('the day’s classes', () => {
  beforeEach(async () => {
    await ok('settings.update', { timeZone: 'Pacific/Auckland' })
  })
  afterAll(async () => {
    await ok('settings.update', { timeZone: 'Europe/London' })
  })

  it('are the classes of the local calendar day in the settings’ zone, with their counts', async () => {
    // 23:30 on 10 March and 00:30 on 11 March in Auckland (UTC+13); both 10 March in UTC.
    const late = addClass(Date.parse('2025-03-10T10:30:00Z'), { capacity: 12 })
    const nextDay = addClass(Date.parse('2025-03-10T11:30:00Z'))
    const early = addClass(Date.parse('2025-03-09T11:00:00Z')) // 00:00 on 10 March

    const day = await ok('studio.day', { date: '2025-03-10' })
    expect(day.timeZone).toBe('Pacific/Auckland')
    expect(day.classes.map((c) => c.sessionId)).toEqual([early, late])
    expect(day.classes[1]).toMatchObject({
      className: 'Vinyasa Flow',
      locationName: 'Central',
      capacity: 12,
      booked: 0,
      checkedIn: 0,
      placesTaken: 0,
    })
    expect(
      (await ok('studio.day', { date: '2025-03-11' })).classes.map((c) => c.sessionId),
    ).toEqual([nextDay])

    await ok('settings.update', { timeZone: 'UTC' })
    const inUtc = await ok('studio.day', { date: '2025-03-10' })
    expect(inUtc.classes.map((c) => c.sessionId)).toEqual([late, nextDay])
  })

  it('default to today in the settings’ zone', async () => {
    const now = Date.now()
    const soon = addClass(now + 5 * MIN)
    const day = await ok('studio.day', {})
    expect(day.date).toBe(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(now),
    )
    if (dateKeyOf(now + 5 * MIN, 'Pacific/Auckland') === dateKeyOf(now, 'Pacific/Auckland')) {
      expect(day.classes.map((c) => c.sessionId)).toContain(soon)
    }
  })

  it('refuses a date that is not a calendar date, naming the field', async () => {
    const error = await refused('studio.day', { date: '2025-02-30' })
    expect(error).toMatchObject({ code: 'invalid_input', field: 'date' })
    expect(error.message).toMatch(/Date is not a real calendar date/)
  })
})

describe('check-in', () => {
  it('writes the attendance row and its event, for the member, from the adapter', async () => {
    const start = Date.now() + 30 * MIN
    const id = addClass(start)
    const change = await ok('studio.checkIn', { sessionId: id, userId: 'M1' })
    expect(change.message).toBe('Ana Lima is checked in to Vinyasa Flow as a walk-in.')
    expect(change.roster.session).toMatchObject({ checkedIn: 1, placesTaken: 1 })
    const [entry] = change.roster.entries
    expect(entry).toMatchObject({ userId: 'M1', walkIn: true, bookingStatus: null })

    const rows = sqlite()
      .prepare(`SELECT * FROM fact_class_attendance WHERE session_id = ?`)
      .all(id) as Record<string, unknown>[]
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      attendance_id: entry!.attendanceId,
      user_id: 'M1',
      location_id: 'L1',
      class_datetime: new Date(start).toISOString(),
      source: 'desktop',
    })
    expect(Math.abs(Date.parse(String(rows[0]!.processed_time)) - Date.now())).toBeLessThan(HOUR)

    const [event] = eventsOf(id)
    expect(eventsOf(id)).toHaveLength(1)
    expect(event).toMatchObject({
      user_id: 'M1',
      event_name: 'class_checked_in',
      source: 'desktop',
      class_session_id: id,
      location_id: 'L1',
      class_datetime: new Date(start).toISOString(),
      date_key: dateKeyOf(event!.event_ts, 'Europe/London'),
    })
    expect(JSON.parse(event!.properties)).toEqual({
      attendance_id: entry!.attendanceId,
      walk_in: true,
    })
  })

  it('puts the studio’s actions in the taxonomy', async () => {
    const rows = sqlite()
      .prepare(
        `SELECT action_type, action_category, engagement_weight, is_core_action FROM dim_actions
         WHERE action_type LIKE 'class_%' ORDER BY action_type`,
      )
      .all()
    expect(rows).toEqual([
      {
        action_type: 'class_booked',
        action_category: 'studio',
        engagement_weight: 3,
        is_core_action: 1,
      },
      {
        action_type: 'class_cancelled',
        action_category: 'studio',
        engagement_weight: 0,
        is_core_action: 0,
      },
      {
        action_type: 'class_checked_in',
        action_category: 'studio',
        engagement_weight: 5,
        is_core_action: 1,
      },
      {
        action_type: 'class_no_show',
        action_category: 'studio',
        engagement_weight: 0,
        is_core_action: 0,
      },
    ])
  })

  it('refuses a second check-in with a clear message and changes nothing', async () => {
    const id = addClass(Date.now() + HOUR)
    await ok('studio.checkIn', { sessionId: id, userId: 'M2' })
    const error = await refused('studio.checkIn', { sessionId: id, userId: 'M2' })
    expect(error.code).toBe('conflict')
    expect(error.message).toMatch(
      /^Ben Okafor is already checked in to Vinyasa Flow \(since \d\d:\d\d\)\.$/,
    )
  })

  it('refuses unknown classes and members with not_found, and names missing fields', async () => {
    const id = addClass(Date.now() + HOUR)
    expect(await refused('studio.checkIn', { sessionId: 'nope', userId: 'M1' })).toMatchObject({
      code: 'not_found',
      field: 'sessionId',
    })
    expect(await refused('studio.checkIn', { sessionId: id, userId: 'ghost' })).toMatchObject({
      code: 'not_found',
      field: 'userId',
    })
    const missing = await refused('studio.checkIn', { sessionId: id })
    expect(missing).toMatchObject({ code: 'invalid_input', field: 'userId' })
    expect(missing.message).toMatch(/Choose a member/)
  })

  it('marks a booked member as attending, not as a walk-in', async () => {
    const id = addClass(Date.now() + 2 * HOUR)
    await ok('studio.book', { sessionId: id, userId: 'M3' })
    const change = await ok('studio.checkIn', { sessionId: id, userId: 'M3' })
    expect(change.message).toBe('Cleo Park is checked in to Vinyasa Flow.')
    expect(change.roster.entries[0]).toMatchObject({ bookingStatus: 'booked', walkIn: false })
    expect(change.roster.session).toMatchObject({ booked: 1, checkedIn: 1, placesTaken: 1 })
    const [event] = eventsOf(id, 'class_checked_in')
    expect(JSON.parse(event!.properties)).toMatchObject({
      booking_id: change.roster.entries[0]!.bookingId,
    })
  })

  it('refuses a walk-in when every place is taken, but lets a booked member in', async () => {
    const id = addClass(Date.now() + 2 * HOUR, { capacity: 1 })
    await ok('studio.book', { sessionId: id, userId: 'M1' })
    const error = await refused('studio.checkIn', { sessionId: id, userId: 'M2' })
    expect(error.code).toBe('conflict')
    expect(error.message).toMatch(
      /^Vinyasa Flow is full: its only place is taken by bookings and check-ins\./,
    )
    await ok('studio.checkIn', { sessionId: id, userId: 'M1' })
  })

  it('undo removes the check-in and its event, and keeps the booking', async () => {
    const id = addClass(Date.now() + HOUR)
    await ok('studio.book', { sessionId: id, userId: 'M1' })
    const checked = await ok('studio.checkIn', { sessionId: id, userId: 'M1' })
    const attendanceId = checked.roster.entries[0]!.attendanceId!
    const undone = await ok('studio.undoCheckIn', { attendanceId })
    expect(undone.message).toBe('Ana Lima is no longer checked in to Vinyasa Flow.')
    expect(undone.roster.entries[0]).toMatchObject({ attendanceId: null, bookingStatus: 'booked' })
    expect(
      sqlite()
        .prepare(`SELECT count(*) FROM fact_class_attendance WHERE session_id = ?`)
        .pluck()
        .get(id),
    ).toBe(0)
    expect(eventsOf(id, 'class_checked_in')).toHaveLength(0)
    expect(eventsOf(id, 'class_booked')).toHaveLength(1)
    const again = await refused('studio.undoCheckIn', { attendanceId })
    expect(again).toMatchObject({ code: 'not_found' })
  })

  it('records the web and api sources for the other adapters', async () => {
    const id = addClass(Date.now() + HOUR)
    const viaHttp = await invoke(registry, { ...ctx, adapter: 'http' }, 'studio.checkIn', {
      sessionId: id,
      userId: 'M1',
    })
    const viaCli = await invoke(registry, { ...ctx, adapter: 'cli' }, 'studio.book', {
      sessionId: id,
      userId: 'M2',
    })
    expect(viaHttp.ok && viaCli.ok).toBe(true)
    expect(
      sqlite()
        .prepare(`SELECT source FROM fact_class_attendance WHERE session_id = ?`)
        .pluck()
        .get(id),
    ).toBe('web')
    expect(eventsOf(id).map((e) => [e.event_name, e.source])).toEqual([
      ['class_checked_in', 'web'],
      ['class_booked', 'api'],
    ])
  })
})

describe('bookings', () => {
  it('book writes a booked row and a class_booked event', async () => {
    const id = addClass(Date.now() + 3 * DAY)
    const change = await ok('studio.book', { sessionId: id, userId: 'M1' })
    expect(change.message).toBe('Ana Lima is booked into Vinyasa Flow (1 of 20 places taken).')
    expect(change.roster.entries).toMatchObject([{ userId: 'M1', bookingStatus: 'booked' }])
    const [event] = eventsOf(id)
    expect(event).toMatchObject({ event_name: 'class_booked', user_id: 'M1', source: 'desktop' })
    expect(JSON.parse(event!.properties)).toEqual({
      booking_id: change.roster.entries[0]!.bookingId,
    })
    const error = await refused('studio.book', { sessionId: id, userId: 'M1' })
    expect(error.message).toBe('Ana Lima is already booked into Vinyasa Flow.')
  })

  it('refuses a full class', async () => {
    const id = addClass(Date.now() + DAY, { capacity: 2 })
    await ok('studio.book', { sessionId: id, userId: 'M1' })
    await ok('studio.book', { sessionId: id, userId: 'M2' })
    const error = await refused('studio.book', { sessionId: id, userId: 'M3' })
    expect(error).toMatchObject({
      code: 'conflict',
      message: 'Vinyasa Flow is full: all 2 places are taken.',
    })
  })

  it('refuses a class before its release time, and one that has started', async () => {
    const start = Date.now() + 10 * DAY
    const id = addClass(start, { releaseMs: start - 7 * DAY })
    const error = await refused('studio.book', { sessionId: id, userId: 'M1' })
    expect(error.code).toBe('conflict')
    expect(error.message).toMatch(
      /^Bookings for Vinyasa Flow open on \w{3} \d{1,2} \w{3} at \d\d:\d\d\.$/,
    )

    const started = addClass(Date.now() - 10 * MIN)
    const late = await refused('studio.book', { sessionId: started, userId: 'M1' })
    expect(late.message).toMatch(/started at \d\d:\d\d, so it can no longer be booked/)
  })

  it('booking again after a cancel reopens the same booking', async () => {
    const id = addClass(Date.now() + 3 * DAY)
    const first = await ok('studio.book', { sessionId: id, userId: 'M2' })
    const bookingId = first.roster.entries[0]!.bookingId!
    await ok('studio.cancelBooking', { bookingId })
    const again = await ok('studio.book', { sessionId: id, userId: 'M2' })
    expect(again.roster.entries).toMatchObject([{ bookingId, bookingStatus: 'booked' }])
    expect(eventsOf(id).map((e) => e.event_name)).toEqual([
      'class_booked',
      'class_cancelled',
      'class_booked',
    ])
  })

  it('a cancel inside the late-cancel window is late; outside it is not', async () => {
    await ok('settings.update', { lateCancelHours: 12 })
    const soon = addClass(Date.now() + 3 * HOUR)
    const later = addClass(Date.now() + 2 * DAY)
    const a = await ok('studio.book', { sessionId: soon, userId: 'M1' })
    const b = await ok('studio.book', { sessionId: later, userId: 'M1' })

    const lateCancel = await ok('studio.cancelBooking', {
      bookingId: a.roster.entries[0]!.bookingId!,
    })
    expect(lateCancel.message).toBe(
      "Ana Lima's booking for Vinyasa Flow is cancelled. It counts as a late cancel (within 12 hours of the start).",
    )
    expect(bookingStatus(soon, 'M1')).toBe('late_cancel')
    expect(JSON.parse(eventsOf(soon, 'class_cancelled')[0]!.properties)).toMatchObject({
      late: true,
    })

    const onTime = await ok('studio.cancelBooking', { bookingId: b.roster.entries[0]!.bookingId! })
    expect(onTime.message).toBe("Ana Lima's booking for Vinyasa Flow is cancelled.")
    expect(bookingStatus(later, 'M1')).toBe('cancelled')
    expect(JSON.parse(eventsOf(later, 'class_cancelled')[0]!.properties)).toMatchObject({
      late: false,
    })
    expect(onTime.roster.session).toMatchObject({ booked: 0, placesTaken: 0 })

    const twice = await refused('studio.cancelBooking', {
      bookingId: b.roster.entries[0]!.bookingId!,
    })
    expect(twice.message).toBe("Ana Lima's booking is already cancelled.")
  })

  it('refuses to cancel a checked-in member’s booking', async () => {
    const id = addClass(Date.now() + HOUR)
    const booked = await ok('studio.book', { sessionId: id, userId: 'M3' })
    await ok('studio.checkIn', { sessionId: id, userId: 'M3' })
    const error = await refused('studio.cancelBooking', {
      bookingId: booked.roster.entries[0]!.bookingId!,
    })
    expect(error.message).toMatch(/Undo the check-in before cancelling/)
  })

  it('a no-show can be marked only after the class has started', async () => {
    const start = Date.now() + HOUR
    const upcoming = addClass(start)
    const booked = await ok('studio.book', { sessionId: upcoming, userId: 'M2' })
    const early = await refused('studio.markNoShow', {
      bookingId: booked.roster.entries[0]!.bookingId!,
    })
    expect(early.code).toBe('conflict')
    expect(early.message).toMatch(/A no-show can be marked only once the class has started\.$/)

    // A class that began ten minutes ago, booked while it was open.
    const started = addClass(Date.now() - 10 * MIN)
    sqlite()
      .prepare(
        `INSERT INTO class_bookings (booking_id, user_id, session_id, booked_at, status) VALUES ('B-ns', 'M2', ?, ?, 'booked')`,
      )
      .run(started, new Date(Date.now() - DAY).toISOString())
    const change = await ok('studio.markNoShow', { bookingId: 'B-ns' })
    expect(change.message).toBe('Ben Okafor is marked as a no-show for Vinyasa Flow.')
    expect(bookingStatus(started, 'M2')).toBe('no_show')
    expect(eventsOf(started, 'class_no_show')).toMatchObject([{ user_id: 'M2' }])
    expect(change.roster.session.placesTaken).toBe(0)

    // Turning up after all: checked in, and the no-show is gone with its event.
    const arrived = await ok('studio.checkIn', { sessionId: started, userId: 'M2' })
    expect(arrived.roster.entries[0]).toMatchObject({ bookingStatus: 'booked', walkIn: false })
    expect(eventsOf(started, 'class_no_show')).toHaveLength(0)
  })
})

describe('member search', () => {
  it('finds members by name, email or phone digits, with their state in a class', async () => {
    const id = addClass(Date.now() + 3 * DAY)
    await ok('studio.book', { sessionId: id, userId: 'M2' })
    const names = async (search: string) =>
      (await ok('studio.findMembers', { search, sessionId: id })).map((m) => m.name)
    expect(await names('ana')).toEqual(['Ana Lima'])
    expect(await names('a')).toEqual(['Ana Lima', 'Ben Okafor', 'Cleo Park'])
    expect(await names('ben.o@')).toEqual(['Ben Okafor'])
    expect(await names('7946 0202')).toEqual(['Ben Okafor'])
    expect(await names('0101')).toEqual(['Ana Lima'])
    expect(await names('50%')).toEqual([])
    const [ben] = await ok('studio.findMembers', { search: 'ben', sessionId: id })
    expect(ben).toMatchObject({ userId: 'M2', bookingStatus: 'booked', checkedIn: false })
    const error = await refused('studio.findMembers', { search: '  ' })
    expect(error).toMatchObject({ code: 'invalid_input', field: 'search' })
  })
})

describe('weekly series', () => {
  const input = {
    classCode: 'YIN',
    className: 'Yin Yoga',
    instructorName: 'Maya Chen',
    locationId: 'L1',
    firstDate: '2025-03-16',
    startTime: '18:30',
    weeks: 4,
    durationMins: 75,
    capacity: 18,
    releaseDaysBefore: 7,
  }

  beforeAll(async () => {
    await ok('settings.update', { timeZone: 'Europe/London' })
  })

  it('keeps the local time across a DST change and fills the calendar columns', async () => {
    const preview = await ok('studio.previewSeries', input)
    expect(preview.locationName).toBe('Central')
    expect(preview.sessions.map((s) => s.datetime)).toEqual([
      '2025-03-16T18:30:00.000Z', // GMT
      '2025-03-23T18:30:00.000Z',
      '2025-03-30T17:30:00.000Z', // BST from 30 March, 01:00 UTC
      '2025-04-06T17:30:00.000Z',
    ])
    expect(preview.sessions.every((s) => s.localTime === '18:30' && s.note === null)).toBe(true)
    // Released a week before at the same local time, across the change too.
    expect(preview.sessions[3]!.releaseTimestamp).toBe('2025-03-30T17:30:00.000Z')
    expect(preview.sessions[2]!.releaseTimestamp).toBe('2025-03-23T18:30:00.000Z')

    const created = await ok('studio.createSeries', input)
    expect(created.sessionIds).toHaveLength(4)
    expect(created.message).toBe(
      'Created 4 Yin Yoga classes, every Sunday from Sun 16 Mar 2025 to Sun 6 Apr 2025.',
    )
    const rows = sqlite()
      .prepare(
        `SELECT datetime, series_id, week_number, year, month, day_of_week, is_weekend,
           release_timestamp, capacity, duration_mins, instructor_name, instructor_id
         FROM dim_class_session WHERE series_id = ? ORDER BY datetime`,
      )
      .all(created.seriesId) as Record<string, unknown>[]
    expect(rows.map((r) => r.datetime)).toEqual(preview.sessions.map((s) => s.datetime))
    expect(rows.map((r) => r.week_number)).toEqual([11, 12, 13, 14])
    expect(rows[0]).toMatchObject({
      year: 2025,
      month: 3,
      day_of_week: 'Sunday',
      is_weekend: 1,
      capacity: 18,
      duration_mins: 75,
      instructor_name: 'Maya Chen',
      instructor_id: null,
    })
    expect(rows[3]).toMatchObject({ month: 4, day_of_week: 'Sunday' })
  })

  it('uses the local date for the calendar columns, not the UTC one', async () => {
    await ok('settings.update', { timeZone: 'Pacific/Auckland' })
    const created = await ok('studio.createSeries', {
      ...input,
      firstDate: '2025-03-31', // a Monday; 08:00 there is Sunday 19:00 UTC
      startTime: '08:00',
      weeks: 1,
    })
    const row = sqlite()
      .prepare(
        `SELECT datetime, day_of_week, is_weekend, month, week_number FROM dim_class_session WHERE session_id = ?`,
      )
      .get(created.sessionIds[0]) as Record<string, unknown>
    expect(row).toEqual({
      datetime: '2025-03-30T19:00:00.000Z',
      day_of_week: 'Monday',
      is_weekend: 0,
      month: 3,
      week_number: 14,
    })
    await ok('settings.update', { timeZone: 'Europe/London' })
  })

  it('says when the asked time does not exist, and shows clashes', async () => {
    const preview = await ok('studio.previewSeries', {
      ...input,
      firstDate: '2025-03-23',
      startTime: '01:30',
      weeks: 2,
    })
    expect(preview.sessions[1]).toMatchObject({ date: '2025-03-30', localTime: '02:30' })
    expect(preview.sessions[1]!.note).toMatch(/01:30 does not exist on this day/)
    const clashing = await ok('studio.previewSeries', { ...input, startTime: '19:00', weeks: 1 })
    expect(clashing.sessions[0]!.clash).toBe('Yin Yoga 18:30–19:45')
  })

  it('refuses bad input naming the field, and an unknown location, changing nothing', async () => {
    const weeks = await refused('studio.createSeries', { ...input, weeks: 0 })
    expect(weeks).toMatchObject({ code: 'invalid_input', field: 'weeks' })
    expect(weeks.message).toMatch(/Number of weeks must be at least 1/)
    const time = await refused('studio.createSeries', { ...input, startTime: '25:00' })
    expect(time).toMatchObject({ field: 'startTime' })
    expect(time.message).toMatch(/Start time must be a time written HH:MM/)
    const place = await refused('studio.createSeries', { ...input, locationId: 'gone' })
    expect(place).toMatchObject({ code: 'invalid_input', field: 'locationId' })
    expect(place.message).toMatch(/That location does not exist any more/)
  })
})
