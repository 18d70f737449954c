import { beforeEach, describe, expect, it } from 'vitest'
import { readCsv } from '../../electron/services/csv/read'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { candidatesFor } from '../../electron/services/imports/detect'
import { classesBetween } from '../../electron/services/studio/classes'
import { readRoster } from '../../electron/services/studio/roster'
import { TEST_ZONE, rows, useImportFixtures, countsOf } from '../helpers/imports'

const fixtures = useImportFixtures('studio')
const { file, run } = fixtures
let handle: DatabaseHandle
beforeEach(() => {
  handle = fixtures.db()
})

const TABLES = [
  'users',
  'dim_location',
  'dim_class_session',
  'fact_class_attendance',
  'class_bookings',
  'fct_event',
  'dim_actions',
] as const

function counts() {
  return Object.fromEntries(
    TABLES.map((t) => [t, handle.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get()]),
  )
}

async function headerOf(path: string) {
  let header: string[] = []
  await readCsv(path, { onHeader: (h) => (header = h), onRow: () => {}, onError: () => {} })
  return header
}

/** A class by name and start, with its location's name. */
function sessionId(name: string, datetime: string) {
  return handle.sqlite
    .prepare('SELECT session_id FROM dim_class_session WHERE class_name = ? AND datetime = ?')
    .pluck()
    .get(name, datetime) as string
}

function attendance() {
  return rows<{ member: string; name: string; datetime: string; location: string }>(
    handle,
    `SELECT a.user_id AS member, s.class_name AS name, a.class_datetime AS datetime,
            a.location_id AS location
     FROM fact_class_attendance a JOIN dim_class_session s ON s.session_id = a.session_id
     ORDER BY a.rowid`,
  ).map((a) => [a.member, a.name, a.datetime, a.location])
}

function bookings() {
  return rows<{
    member: string
    name: string
    status: string
    booked: string
    changed: string | null
  }>(
    handle,
    `SELECT b.user_id AS member, s.class_name AS name, b.status, b.booked_at AS booked,
            b.status_changed_at AS changed
     FROM class_bookings b JOIN dim_class_session s ON s.session_id = b.session_id
     ORDER BY b.rowid`,
  ).map((b) => [b.member, b.name, b.status, b.booked, b.changed])
}

function events() {
  return rows<{
    member: string
    name: string
    ts: number
    day: number
    session: string
    properties: string | null
    importId: number | null
  }>(
    handle,
    `SELECT user_id AS member, event_name AS name, event_ts AS ts, date_key AS day,
            class_session_id AS session, properties, import_id AS importId
     FROM fct_event ORDER BY event_key`,
  )
}

describe('studio visits', () => {
  it('records visits as the front desk would: check-ins, no-shows, late cancels, bookings', async () => {
    const summary = await run('visits.csv')
    expect(summary.preset).toBe('studio-visits')
    expect(countsOf(summary)).toEqual({
      rows: 14,
      inserted: 9,
      duplicates: 0,
      skipped: 1,
      rejected: 4,
    })
    expect(counts()).toEqual({
      users: 4,
      dim_location: 2,
      dim_class_session: 5,
      fact_class_attendance: 5,
      class_bookings: 4,
      fct_event: 7,
      dim_actions: 3,
    })

    expect(
      rows(handle, 'SELECT location_id, location_name FROM dim_location ORDER BY rowid'),
    ).toEqual([
      { location_id: 'loc-riverside', location_name: 'Riverside' },
      { location_id: 'loc-harbour-loft', location_name: 'Harbour Loft' },
    ])

    // Members are made from the file, their ids kept as text (the long one exceeds a double).
    expect(
      rows(
        handle,
        `SELECT user_id, typeof(user_id) AS type, username, name, email, role, is_active
         FROM users ORDER BY id`,
      ),
    ).toEqual([
      {
        user_id: '10001',
        type: 'text',
        username: '10001',
        name: 'Ada Quill',
        email: 'ada.quill@example.test',
        role: 'member',
        is_active: 1,
      },
      {
        user_id: '10002',
        type: 'text',
        username: '10002',
        name: 'Bo Tran',
        email: 'bo.tran@example.test',
        role: 'member',
        is_active: 1,
      },
      {
        user_id: '10003',
        type: 'text',
        username: '10003',
        name: 'Cal Ives',
        email: 'cal.ives@example.test',
        role: 'member',
        is_active: 1,
      },
      {
        user_id: '90071992547409931234',
        type: 'text',
        username: '90071992547409931234',
        name: 'Dee Longfellow',
        email: 'dee.longfellow@example.test',
        role: 'member',
        is_active: 1,
      },
    ])

    // Classes: local wall-clock times in Berlin (UTC+1, then UTC+2 from 30 March), calendar
    // columns from the LOCAL date as the series planner writes them.
    expect(
      rows(
        handle,
        `SELECT class_code, class_name, instructor_name, location_id, datetime, duration_mins,
                week_number, year, month, day_of_week, is_weekend, capacity, release_timestamp
         FROM dim_class_session ORDER BY datetime`,
      ),
    ).toEqual([
      session('VINYASA-FLOW', 'Vinyasa Flow', 'Rowan Hale', 'loc-riverside'),
      {
        ...session('SPIN', 'Spin', 'Mika Stone', 'loc-harbour-loft'),
        datetime: '2025-03-04T06:00:00.000Z',
        day_of_week: 'Tuesday',
      },
      {
        ...session('MAT-PILATES', 'Mat Pilates', 'Rowan Hale', 'loc-riverside'),
        datetime: '2025-03-05T11:15:00.000Z',
        day_of_week: 'Wednesday',
      },
      {
        ...session('YIN-YOGA', 'Yin Yoga', 'Juno Park', 'loc-harbour-loft'),
        datetime: '2025-03-30T08:00:00.000Z',
        week_number: 13,
        day_of_week: 'Sunday',
        is_weekend: 1,
      },
      {
        ...session('VINYASA-FLOW', 'Vinyasa Flow', 'Rowan Hale', 'loc-riverside'),
        datetime: '2025-04-02T16:00:00.000Z',
        week_number: 14,
        month: 4,
        day_of_week: 'Wednesday',
      },
    ])

    expect(attendance()).toEqual([
      ['10001', 'Vinyasa Flow', '2025-03-03T17:30:00.000Z', 'loc-riverside'],
      ['10002', 'Vinyasa Flow', '2025-03-03T17:30:00.000Z', 'loc-riverside'],
      ['90071992547409931234', 'Spin', '2025-03-04T06:00:00.000Z', 'loc-harbour-loft'],
      ['10002', 'Mat Pilates', '2025-03-05T11:15:00.000Z', 'loc-riverside'],
      ['10001', 'Yin Yoga', '2025-03-30T08:00:00.000Z', 'loc-harbour-loft'],
    ])
    // A no-show is settled when the class ends (60 minutes); a late cancel at the latest at
    // the start. The file does not say when they booked: the class's start stands in.
    expect(bookings()).toEqual([
      ['10003', 'Vinyasa Flow', 'no_show', '2025-03-03T17:30:00.000Z', '2025-03-03T18:30:00.000Z'],
      ['10001', 'Spin', 'late_cancel', '2025-03-04T06:00:00.000Z', '2025-03-04T06:00:00.000Z'],
      ['10003', 'Vinyasa Flow', 'booked', '2025-04-02T16:00:00.000Z', null],
      ['10002', 'Vinyasa Flow', 'booked', '2025-04-02T16:00:00.000Z', null],
    ])

    const logged = events()
    expect(logged.every((e) => e.importId === summary.importId)).toBe(true)
    expect(logged.map((e) => [e.member, e.name, new Date(e.ts).toISOString(), e.day])).toEqual([
      ['10001', 'class_checked_in', '2025-03-03T17:30:00.000Z', 20250303],
      ['10002', 'class_checked_in', '2025-03-03T17:30:00.000Z', 20250303],
      ['10003', 'class_no_show', '2025-03-03T18:30:00.000Z', 20250303],
      ['10001', 'class_cancelled', '2025-03-04T06:00:00.000Z', 20250304],
      ['90071992547409931234', 'class_checked_in', '2025-03-04T06:00:00.000Z', 20250304],
      ['10002', 'class_checked_in', '2025-03-05T11:15:00.000Z', 20250305],
      ['10001', 'class_checked_in', '2025-03-30T08:00:00.000Z', 20250330],
    ])
    const checkIn = JSON.parse(logged[0]!.properties!) as Record<string, unknown>
    const firstAttendance = handle.sqlite
      .prepare('SELECT attendance_id FROM fact_class_attendance ORDER BY rowid LIMIT 1')
      .pluck()
      .get()
    expect(checkIn).toEqual({ attendance_id: firstAttendance, walk_in: true })
    expect(JSON.parse(logged[3]!.properties!)).toMatchObject({ late: true })

    expect(
      rows(
        handle,
        `SELECT action_type, action_category, engagement_weight, is_core_action
         FROM dim_actions ORDER BY action_type`,
      ),
    ).toEqual([
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

  it('counts imported visits in the reports and on the studio screens', async () => {
    await run('visits.csv')
    // The rollups were rebuilt: a check-in is a core action, a late cancel is not.
    expect(
      rows(
        handle,
        `SELECT d.date_key, d.is_active_day, d.total_actions FROM fact_daily_user_activity d
         JOIN users u ON u.id = d.user_key WHERE u.user_id = '10001' ORDER BY d.date_key`,
      ),
    ).toEqual([
      { date_key: 20250303, is_active_day: 1, total_actions: 1 },
      { date_key: 20250304, is_active_day: 0, total_actions: 1 },
      { date_key: 20250330, is_active_day: 1, total_actions: 1 },
    ])
    const classes = classesBetween(handle.sqlite, '2025-03-03T00:00:00Z', '2025-04-03T00:00:00Z')
    expect(classes.map((c) => [c.className, c.locationName, c.checkedIn, c.booked])).toEqual([
      ['Vinyasa Flow', 'Riverside', 2, 0],
      ['Spin', 'Harbour Loft', 1, 0],
      ['Mat Pilates', 'Riverside', 1, 0],
      ['Yin Yoga', 'Harbour Loft', 1, 0],
      ['Vinyasa Flow', 'Riverside', 0, 2],
    ])
    const roster = readRoster(
      handle.sqlite,
      sessionId('Vinyasa Flow', '2025-03-03T17:30:00.000Z'),
      TEST_ZONE,
    )
    expect(JSON.stringify(roster)).toContain('Ada Quill')
    expect(JSON.stringify(roster)).toContain('Cal Ives')
  })

  it('names the line, column, value and reason of each rejected visit', async () => {
    const summary = await run('visits.csv')
    expect(summary.rejects).toEqual([
      {
        line: 11,
        column: 'Time',
        value: '25:00',
        reason: '"25:00" is not a time of day (expected HH:MM, HH:MM:SS or h:mm AM/PM)',
      },
      { line: 12, column: 'Member ID', value: '', reason: 'is empty' },
      {
        line: 13,
        column: 'Status',
        value: 'Maybe',
        reason: 'is not a status Logbook knows (attended, no-show, late cancel, cancelled, booked)',
      },
      {
        line: 15,
        column: 'Email',
        value: '',
        reason: 'Member 10007: the email ada.quill@example.test already belongs to member 10001',
      },
    ])
    // The refused row made nothing: not its member, and no location or class on the way.
    expect(rows(handle, `SELECT 1 FROM users WHERE user_id = '10007'`)).toEqual([])
  })

  it('adds nothing when the same file is imported again', async () => {
    const first = await run('visits.csv')
    const before = counts()
    const again = await run('visits.csv')
    expect(countsOf(again)).toEqual({ ...countsOf(first), inserted: 0, duplicates: first.inserted })
    expect(counts()).toEqual(before)
  })

  it('takes only what is new from a later export with other column names', async () => {
    await run('visits.csv')
    const bookingsBefore = bookings()
    const later = await run('visits-later.csv')
    expect(later.preset).toBe('studio-visits')
    expect(countsOf(later)).toEqual({
      rows: 6,
      inserted: 3,
      duplicates: 2,
      skipped: 0,
      rejected: 1,
    })
    expect(later.rejects).toEqual([
      {
        line: 7,
        column: '',
        value: '',
        reason:
          'Member 10003 is marked as a no-show for this class, so the visit is not recorded; undo the import that marked it to record the visit (Vinyasa Flow, 2025-03-03 18:30:00)',
      },
    ])
    expect(counts()).toEqual({
      users: 5,
      dim_location: 2,
      dim_class_session: 6,
      fact_class_attendance: 7,
      class_bookings: 5,
      fct_event: 11,
      dim_actions: 4,
    })
    // Cal's booking for 2 April became a no-show (settled at the end, 17:00Z); Bo's stayed
    // booked and Bo checked in with it; Ivy booked on 1 April at noon (10:00Z) and came.
    expect(bookings()).toEqual([
      ...bookingsBefore.slice(0, 2),
      ['10003', 'Vinyasa Flow', 'no_show', '2025-04-02T16:00:00.000Z', '2025-04-02T17:00:00.000Z'],
      bookingsBefore[3],
      ['10008', 'Spin', 'booked', '2025-04-01T10:00:00.000Z', null],
    ])
    expect(attendance().slice(5)).toEqual([
      ['10002', 'Vinyasa Flow', '2025-04-02T16:00:00.000Z', 'loc-riverside'],
      ['10008', 'Spin', '2025-04-03T05:00:00.000Z', 'loc-harbour-loft'],
    ])
    expect(
      rows(
        handle,
        `SELECT duration_mins FROM dim_class_session WHERE datetime = '2025-04-03T05:00:00.000Z'`,
      ),
    ).toEqual([{ duration_mins: 45 }])
    const added = events().filter((e) => e.importId === later.importId)
    expect(added.map((e) => [e.member, e.name, new Date(e.ts).toISOString()])).toEqual([
      ['10003', 'class_no_show', '2025-04-02T17:00:00.000Z'],
      ['10002', 'class_checked_in', '2025-04-02T16:00:00.000Z'],
      ['10008', 'class_booked', '2025-04-01T10:00:00.000Z'],
      ['10008', 'class_checked_in', '2025-04-03T05:00:00.000Z'],
    ])
    const boBooking = handle.sqlite
      .prepare(
        `SELECT booking_id FROM class_bookings WHERE user_id = '10002' AND status = 'booked'`,
      )
      .pluck()
      .get()
    expect(JSON.parse(added[1]!.properties!)).toMatchObject({ booking_id: boBooking })

    // And the later file again adds nothing.
    const before = counts()
    const again = await run('visits-later.csv')
    expect(again).toMatchObject({ inserted: 0, duplicates: 5, rejected: 1 })
    expect(counts()).toEqual(before)
  })

  it('uses a location, member and class already in the database', async () => {
    handle.sqlite.exec(`
      INSERT INTO dim_location (location_id, location_name) VALUES ('RS', 'riverside');
      INSERT INTO users (user_id, username, name, email) VALUES ('10001', 'ada', 'Ada Q.', NULL);
      INSERT INTO dim_class_session (session_id, class_code, class_name, location_id, datetime,
        duration_mins, week_number, year, month, day_of_week, is_weekend)
      VALUES ('C-1', 'VIN', 'vinyasa flow', 'RS', '2025-03-03T17:30:00.000Z', 75, 10, 2025, 3,
        'Monday', 0);
      INSERT INTO fact_class_attendance (attendance_id, user_id, session_id, location_id,
        class_datetime) VALUES ('desk-1', '10001', 'C-1', 'RS', '2025-03-03T17:30:00.000Z');
    `)
    const summary = await run('visits.csv')
    // Ada's Vinyasa check-in was already made at the desk: a duplicate, not a second visit.
    // (Her row has no email here, so Hal's row with her address goes in this time.)
    expect(summary).toMatchObject({ inserted: 9, duplicates: 1, rejected: 3 })
    expect(
      rows(
        handle,
        `SELECT session_id, user_id FROM fact_class_attendance WHERE session_id = 'C-1'`,
      ),
    ).toEqual([
      { session_id: 'C-1', user_id: '10001' },
      { session_id: 'C-1', user_id: '10002' },
    ])
    // Cal's no-show ends with the class's own length (75 minutes).
    expect(bookings()[0]).toEqual([
      '10003',
      'vinyasa flow',
      'no_show',
      '2025-03-03T17:30:00.000Z',
      '2025-03-03T18:45:00.000Z',
    ])
    // A visits file never changes a member Logbook already has.
    expect(rows(handle, `SELECT name, email FROM users WHERE user_id = '10001'`)).toEqual([
      { name: 'Ada Q.', email: null },
    ])
    expect(
      rows(handle, 'SELECT location_id FROM dim_location ORDER BY rowid').map((r) => r.location_id),
    ).toEqual(['RS', 'loc-harbour-loft'])
  })
})

function session(code: string, name: string, instructor: string, location: string) {
  return {
    class_code: code,
    class_name: name,
    instructor_name: instructor,
    location_id: location,
    datetime: '2025-03-03T17:30:00.000Z',
    duration_mins: 60,
    week_number: 10,
    year: 2025,
    month: 3,
    day_of_week: 'Monday',
    is_weekend: 0,
    capacity: null,
    release_timestamp: null,
  }
}

describe('studio members', () => {
  it('imports a member list, ids kept as text', async () => {
    const summary = await run('members.csv')
    expect(summary.preset).toBe('studio-members')
    expect(countsOf(summary)).toEqual({
      rows: 8,
      inserted: 4,
      duplicates: 1,
      skipped: 0,
      rejected: 3,
    })
    expect(
      rows(
        handle,
        `SELECT user_id, typeof(user_id) AS type, username, name, first_name, last_name, email,
                phone_number, registration_date, is_active, preferred_location_id, user_segment,
                role
         FROM users ORDER BY id`,
      ),
    ).toEqual([
      member('10001', 'Ada', 'Quill', {
        phone_number: '+44 20 7946 0011',
        registration_date: '2024-11-02',
        preferred_location_id: 'loc-riverside',
        user_segment: 'Unlimited',
      }),
      member('10002', 'Bo', 'Tran', {
        phone_number: '020 7946 0022',
        registration_date: '2025-01-15',
        preferred_location_id: 'loc-harbour-loft',
        user_segment: 'Class pack',
      }),
      member('00042', 'Cy', 'Zero', {
        registration_date: '2023-06-30',
        is_active: 0,
        preferred_location_id: 'loc-riverside',
      }),
      member('90071992547409931234', 'Dee', 'Longfellow', {
        registration_date: '2025-02-01',
        is_active: 0,
        preferred_location_id: 'loc-harbour-loft',
        user_segment: 'Unlimited',
      }),
    ])
    expect(summary.rejects).toEqual([
      { line: 6, column: 'Email', value: 'not-an-email', reason: 'is not an email address' },
      {
        line: 7,
        column: 'Join Date',
        value: 'yesterday',
        reason: '"yesterday" is not a date (expected YYYY-MM-DD)',
      },
      {
        line: 8,
        column: 'Status',
        value: 'Gone fishing',
        reason: 'is not a member status (active, inactive, suspended, expired…)',
      },
    ])
    const before = counts()
    const again = await run('members.csv')
    expect(countsOf(again)).toEqual({ ...countsOf(summary), inserted: 0, duplicates: 5 })
    expect(counts()).toEqual(before)
  })

  it('takes a member already in Logbook as a duplicate and only fills in what is blank', async () => {
    handle.sqlite.exec(`
      INSERT INTO users (user_id, username, name, email, is_active)
      VALUES ('00042', 'cy', 'Cy Z.', NULL, 1)
    `)
    const summary = await run('members.csv')
    expect(summary).toMatchObject({ inserted: 3, duplicates: 2, rejected: 3 })
    expect(
      rows(
        handle,
        `SELECT username, name, first_name, email, registration_date, is_active
         FROM users WHERE user_id = '00042'`,
      ),
    ).toEqual([
      {
        username: 'cy',
        name: 'Cy Z.',
        first_name: 'Cy',
        email: 'cy.zero@example.test',
        registration_date: '2023-06-30',
        // The list says inactive, but a person Logbook had before keeps their own status.
        is_active: 1,
      },
    ])
  })

  it('completes members a visits file made, status included', async () => {
    await run('visits.csv')
    const summary = await run('members.csv')
    expect(summary).toMatchObject({ inserted: 1, duplicates: 4, rejected: 3 })
    expect(
      rows(
        handle,
        `SELECT user_id, name, first_name, last_name, phone_number, is_active, user_segment
         FROM users WHERE user_id IN ('10001', '90071992547409931234') ORDER BY id`,
      ),
    ).toEqual([
      {
        user_id: '10001',
        name: 'Ada Quill',
        first_name: 'Ada',
        last_name: 'Quill',
        phone_number: '+44 20 7946 0011',
        is_active: 1,
        user_segment: 'Unlimited',
      },
      {
        user_id: '90071992547409931234',
        name: 'Dee Longfellow',
        first_name: 'Dee',
        last_name: 'Longfellow',
        phone_number: null,
        is_active: 0,
        user_segment: 'Unlimited',
      },
    ])
    expect(counts().users).toBe(5)
  })
})

function member(
  id: string,
  first: string,
  last: string,
  extra: Partial<Record<string, string | number | null>>,
) {
  return {
    user_id: id,
    type: 'text',
    username: id,
    name: `${first} ${last}`,
    first_name: first,
    last_name: last,
    email: `${first.toLowerCase()}.${last.toLowerCase()}@example.test`,
    phone_number: null,
    registration_date: null,
    is_active: 1,
    preferred_location_id: null,
    user_segment: null,
    role: 'member',
    ...extra,
  }
}

describe('auto detection', () => {
  it.each([
    ['visits.csv', 'studio-visits'],
    ['visits-later.csv', 'studio-visits'],
    ['members.csv', 'studio-members'],
  ])('picks %s as %s, clearly ahead of any other preset', async (name, preset) => {
    const candidates = candidatesFor(await headerOf(file(name)), name)
    expect(candidates[0]?.name).toBe(preset)
    const runnerUp = candidates[1]?.score ?? 0
    expect(candidates[0]!.score - runnerUp).toBeGreaterThanOrEqual(0.2)
  })
})
