import type BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { checkIn } from '../../electron/services/studio/attendance'
import { book, cancelBooking, markNoShow } from '../../electron/services/studio/bookings'
import type { StudioContext } from '../../electron/services/studio/context'
import { createSeries } from '../../electron/services/studio/series'
import type { ReportParams } from '../../shared/reports'
import { openFresh } from '../helpers/db'
import {
  addPerson,
  daysFrom,
  expectDemoRows,
  expectNoRows,
  insertRow,
  localDate,
  monthOf,
  objects,
  openDemo,
  plusDays,
  r,
  runReport,
  type Row,
} from '../helpers/module-data'
import { useSuiteTempDir } from '../helpers/tmp'

const ZONE = 'Europe/London'
const HOUR = 3_600_000
const tempDir = useSuiteTempDir()

describe('studio reports on an empty database', () => {
  it('return no rows', async () => {
    const handle = await openFresh(tempDir(), 'empty.db')
    expectNoRows(handle.sqlite, 'studio')
    await handle.close()
  })
})

describe('studio reports over the front desk’s own writes', () => {
  // Reports run after everything, unless a test says otherwise.
  const LATER = Date.parse('2025-11-01T12:00:00Z')
  let handle: DatabaseHandle
  let sqlite: BetterSqlite3.Database
  const yoga: string[] = []
  const spin: string[] = []
  const owl: string[] = []

  const run = (name: string, params: ReportParams = {}, now = LATER, zone = ZONE) =>
    objects(runReport(sqlite, name, params, { zone, now }))

  beforeAll(async () => {
    handle = await openFresh(tempDir(), 'desk.db')
    sqlite = handle.sqlite
    insertRow(sqlite, 'dim_location', { location_id: 'L1', location_name: 'Central' })
    insertRow(sqlite, 'dim_location', { location_id: 'L2', location_name: 'Riverside' })
    for (let i = 1; i <= 8; i += 1) {
      addPerson(sqlite, `M${i}`, { role: 'member', region: i <= 4 ? 'north' : 'south' })
    }
    const s: StudioContext = {
      sqlite,
      timeZone: ZONE,
      lateCancelHours: 12,
      nowMs: Date.parse('2025-03-01T10:00:00Z'),
      source: 'desktop',
    }
    const at = (iso: string) => {
      s.nowMs = Date.parse(iso)
    }
    const series = (input: Parameters<typeof createSeries>[1]) => createSeries(s, input).sessionIds
    // Saturdays 09:00 local from 22 March: two in GMT, two in BST (clocks go forward on 30 March).
    yoga.push(
      ...series({
        classCode: 'YOG',
        className: 'Yoga',
        instructorName: 'Ana',
        instructorId: 1,
        locationId: 'L1',
        firstDate: '2025-03-22',
        startTime: '09:00',
        weeks: 4,
        durationMins: 60,
        capacity: 4,
        releaseDaysBefore: 7,
      }),
    )
    spin.push(
      ...series({
        classCode: 'SPN',
        className: 'Spin',
        instructorName: null,
        instructorId: null,
        locationId: 'L2',
        firstDate: '2025-03-26',
        startTime: '18:30',
        weeks: 2,
        durationMins: 45,
        capacity: 2,
        releaseDaysBefore: 2,
      }),
    )
    const bookingId = (sessionId: string, userId: string) =>
      sqlite
        .prepare(`SELECT booking_id FROM class_bookings WHERE session_id = ? AND user_id = ?`)
        .pluck()
        .get(sessionId, userId) as string
    const bookAt = (when: string, sessionId: string, userId: string) => {
      at(when)
      book(s, sessionId, userId)
    }
    const [y1, y2, y3, y4] = yoga as [string, string, string, string]
    const [s1, s2] = spin as [string, string]

    // Yoga, Saturday 22 March 09:00 GMT (released 15 March 09:00).
    bookAt('2025-03-15T10:00:00Z', y1, 'M1')
    bookAt('2025-03-16T09:00:00Z', y1, 'M2')
    bookAt('2025-03-20T12:00:00Z', y1, 'M3')
    at('2025-03-21T08:00:00Z') // 25 hours before: in time
    cancelBooking(s, bookingId(y1, 'M3'))
    bookAt('2025-03-21T09:00:00Z', y1, 'M4')
    bookAt('2025-03-21T10:00:00Z', y1, 'M5') // the fourth place of four
    at('2025-03-22T03:00:00Z') // 6 hours before: late
    cancelBooking(s, bookingId(y1, 'M4'))
    at('2025-03-22T08:50:00Z')
    checkIn(s, y1, 'M1')
    checkIn(s, y1, 'M2')
    checkIn(s, y1, 'M6') // walk-in
    at('2025-03-22T09:30:00Z')
    markNoShow(s, bookingId(y1, 'M5'))

    // Spin, Wednesday 26 March 18:30 GMT (released 24 March 18:30), two places.
    bookAt('2025-03-24T19:00:00Z', s1, 'M4')
    bookAt('2025-03-25T18:00:00Z', s1, 'M5')
    at('2025-03-26T18:20:00Z')
    checkIn(s, s1, 'M4')
    checkIn(s, s1, 'M5')

    // Yoga, 29 March: M3 booked and never came, nobody marked it.
    bookAt('2025-03-22T10:00:00Z', y2, 'M1')
    bookAt('2025-03-28T20:00:00Z', y2, 'M3')
    at('2025-03-29T08:55:00Z')
    checkIn(s, y2, 'M1')
    checkIn(s, y2, 'M7') // walk-in, first visit

    // Spin, Wednesday 2 April 18:30 BST.
    bookAt('2025-04-01T12:00:00Z', s2, 'M4')
    at('2025-04-02T17:20:00Z')
    checkIn(s, s2, 'M4')
    checkIn(s, s2, 'M1') // walk-in

    // Yoga, 5 April 09:00 BST: M2 cancels, then walks in after all.
    bookAt('2025-03-29T09:30:00Z', y3, 'M1')
    bookAt('2025-04-01T09:00:00Z', y3, 'M2')
    at('2025-04-02T09:00:00Z')
    cancelBooking(s, bookingId(y3, 'M2'))
    at('2025-04-05T07:50:00Z')
    checkIn(s, y3, 'M1')
    checkIn(s, y3, 'M2')

    // Yoga, 12 April: M1 comes; M8 booked late the evening before.
    bookAt('2025-04-05T08:30:00Z', y4, 'M1')
    bookAt('2025-04-11T20:00:00Z', y4, 'M8')
    at('2025-04-12T07:55:00Z')
    checkIn(s, y4, 'M1')

    // The night the clocks go back: 01:30 happens twice (BST, then GMT), a class at each.
    for (const [id, start] of [
      ['OWL1', '2025-10-26T00:30:00.000Z'],
      ['OWL2', '2025-10-26T01:30:00.000Z'],
    ] as const) {
      insertRow(sqlite, 'dim_class_session', {
        session_id: id,
        class_code: 'OWL',
        class_name: 'Night Owl',
        instructor_name: 'Bo',
        location_id: 'L1',
        datetime: start,
        duration_mins: 30,
        week_number: 43,
        year: 2025,
        month: 10,
        day_of_week: 'Sunday',
        is_weekend: 1,
        capacity: 5,
      })
      owl.push(id)
      at(new Date(Date.parse(start) - 10 * 60_000).toISOString())
      checkIn(s, id, 'M2')
    }
  })
  afterAll(async () => {
    await handle.close()
  })

  it('attendance by class, instructor and location: classes, check-ins, members, utilisation', () => {
    expect(run('studio_attendance_by_class')).toEqual([
      {
        class_name: 'Night Owl',
        sessions: 2,
        check_ins: 2,
        members: 1,
        avg_per_session: 1,
        capacity: 10,
        utilisation_pct: 20,
      },
      {
        class_name: 'Spin',
        sessions: 2,
        check_ins: 4,
        members: 3,
        avg_per_session: 2,
        capacity: 4,
        utilisation_pct: 100,
      },
      {
        class_name: 'Yoga',
        sessions: 4,
        check_ins: 8,
        members: 4,
        avg_per_session: 2,
        capacity: 16,
        utilisation_pct: 50,
      },
    ])
    expect(
      run('studio_attendance_by_instructor').map((row) => [
        row.instructor,
        row.sessions,
        row.check_ins,
      ]),
    ).toEqual([
      ['(none)', 2, 4],
      ['Ana', 4, 8],
      ['Bo', 2, 2],
    ])
    expect(
      run('studio_attendance_by_location').map((row) => [
        row.location,
        row.sessions,
        row.check_ins,
        row.members,
      ]),
    ).toEqual([
      ['Central', 6, 10, 4],
      ['Riverside', 2, 4, 3],
    ])
    // Only classes that have started count: on 4 April the last two yoga classes are ahead.
    const early = run('studio_attendance_by_class', {}, Date.parse('2025-04-04T12:00:00Z'))
    expect(early.find((row) => row.class_name === 'Yoga')).toMatchObject({
      sessions: 2,
      check_ins: 5,
    })
  })

  it('segment and filters count the members’ check-ins; classes stay whole', () => {
    const segmented = runReport(
      sqlite,
      'studio_attendance_by_class',
      { segment: 'region' },
      { zone: ZONE, now: LATER },
    )
    expect(segmented.columns.slice(0, 3)).toEqual(['class_name', 'segment', 'sessions'])
    expect(
      objects(segmented).map((row) => [
        row.class_name,
        row.segment,
        row.sessions,
        row.check_ins,
        row.members,
      ]),
    ).toEqual([
      ['Night Owl', 'north', 2, 2, 1],
      ['Spin', 'north', 2, 3, 2],
      ['Spin', 'south', 2, 1, 1],
      ['Yoga', 'north', 4, 6, 2],
      ['Yoga', 'south', 4, 2, 2],
    ])
    const south = run('studio_attendance_by_class', { filters: { region: ['south'] } })
    expect(south.map((row) => [row.class_name, row.check_ins])).toEqual([
      ['Night Owl', 0],
      ['Spin', 1],
      ['Yoga', 2],
    ])
  })

  it('weekday × hour is the local start: 09:00 on both sides of the spring change, 01:30 twice in autumn', () => {
    expect(
      run('studio_attendance_weekday_hour').map((row) => [
        row.weekday_name,
        row.hour,
        row.sessions,
        row.check_ins,
      ]),
    ).toEqual([
      ['Wednesday', 18, 2, 4],
      ['Saturday', 9, 4, 8],
      ['Sunday', 1, 2, 2],
    ])
    // Read in UTC, the BST classes move an hour earlier.
    expect(
      run('studio_attendance_weekday_hour', {}, LATER, 'UTC').map((row) => [
        row.weekday,
        row.hour,
        row.sessions,
      ]),
    ).toEqual([
      [3, 17, 1],
      [3, 18, 1],
      [6, 8, 2],
      [6, 9, 2],
      [7, 0, 1],
      [7, 1, 1],
    ])
  })

  it('attendance and utilisation over time', () => {
    const weekly = run('studio_attendance', { from: '2025-03-17', to: '2025-04-13' })
    expect(weekly.map((row) => [row.period, row.sessions, row.check_ins, row.members])).toEqual([
      ['2025-03-17', 1, 3, 3],
      ['2025-03-24', 2, 4, 4],
      ['2025-03-31', 2, 4, 3],
      ['2025-04-07', 1, 1, 1],
    ])
    const monthly = run('studio_utilisation', { to: '2025-04-30' })
    expect(monthly).toEqual([
      {
        period: '2025-03-01',
        sessions: 3,
        sessions_with_capacity: 3,
        capacity: 10,
        check_ins: 7,
        utilisation_pct: 70,
        avg_fill_pct: r((100 * (3 / 4 + 2 / 4 + 2 / 2)) / 3, 1),
        full_sessions: 1,
      },
      {
        period: '2025-04-01',
        sessions: 3,
        sessions_with_capacity: 3,
        capacity: 10,
        check_ins: 5,
        utilisation_pct: 50,
        avg_fill_pct: r((100 * (2 / 2 + 2 / 4 + 1 / 4)) / 3, 1),
        full_sessions: 1,
      },
    ])
    expect(run('studio_utilisation').map((row) => row.period)).toEqual([
      '2025-03-01',
      '2025-04-01',
      '2025-05-01',
      '2025-06-01',
      '2025-07-01',
      '2025-08-01',
      '2025-09-01',
      '2025-10-01',
    ])
  })

  it('bookings become attended, no-show (marked or not), late cancel, cancelled or upcoming', () => {
    const monthly = run('studio_booking_conversion', { interval: 'month', to: '2025-04-30' })
    expect(monthly).toEqual([
      {
        period: '2025-03-01',
        bookings: 9,
        attended: 5,
        no_shows: 2,
        late_cancels: 1,
        cancellations: 1,
        upcoming: 0,
        walk_ins: 2,
        conversion_pct: r((100 * 5) / 9, 1),
        no_show_pct: r((100 * 2) / 9, 1),
        late_cancel_pct: r(100 / 9, 1),
      },
      {
        period: '2025-04-01',
        bookings: 5,
        attended: 3,
        no_shows: 1,
        late_cancels: 0,
        cancellations: 1,
        upcoming: 0,
        walk_ins: 2,
        conversion_pct: 60,
        no_show_pct: 20,
        late_cancel_pct: 0,
      },
    ])
    // Just before the 12 April class: M1 is in, M8 is still expected.
    const before = run(
      'studio_booking_conversion',
      { interval: 'month', from: '2025-04-01', to: '2025-04-30' },
      Date.parse('2025-04-12T07:58:00Z'),
    )
    expect(before[0]).toMatchObject({
      bookings: 5,
      attended: 3,
      upcoming: 1,
      no_shows: 0,
      conversion_pct: 75,
    })

    const sessions = run('studio_class_sessions', { from: '2025-03-22', to: '2025-04-05' })
    expect(sessions.map((row) => [row.date, row.time, row.class_name])).toEqual([
      ['2025-03-22', '09:00', 'Yoga'],
      ['2025-03-26', '18:30', 'Spin'],
      ['2025-03-29', '09:00', 'Yoga'],
      ['2025-04-02', '18:30', 'Spin'],
      ['2025-04-05', '09:00', 'Yoga'],
    ])
    expect(sessions[0]).toMatchObject({
      instructor: 'Ana',
      location: 'Central',
      capacity: 4,
      bookings: 5,
      attended: 2,
      no_shows: 1,
      late_cancels: 1,
      cancellations: 1,
      upcoming: 0,
      walk_ins: 1,
      check_ins: 3,
      utilisation_pct: 75,
      started: true,
    })
    expect(sessions[4]).toMatchObject({
      bookings: 2,
      attended: 1,
      cancellations: 1,
      walk_ins: 1,
      check_ins: 2,
    })
  })

  it('booking lead time after release and before the class, in bands', () => {
    const bookings = sqlite
      .prepare(
        `SELECT b.booked_at, c.datetime, c.release_timestamp FROM class_bookings b
         JOIN dim_class_session c ON c.session_id = b.session_id`,
      )
      .all() as { booked_at: string; datetime: string; release_timestamp: string }[]
    const edges = [0, 1, 6, 24, 48, 72, 168]
    const band = (hours: number) => {
      const i = edges.findIndex((e) => hours < e)
      return i < 0 ? edges.length : i
    }
    const after = new Array(8).fill(0)
    const before = new Array(8).fill(0)
    for (const b of bookings) {
      after[band((Date.parse(b.booked_at) - Date.parse(b.release_timestamp)) / HOUR)] += 1
      before[band((Date.parse(b.datetime) - Date.parse(b.booked_at)) / HOUR)] += 1
    }
    const rows = run('studio_booking_lead_time')
    expect(rows.map((row) => row.lead_time)).toEqual([
      '< 0 h',
      '0–1 h',
      '1–6 h',
      '6–24 h',
      '1–2 days',
      '2–3 days',
      '3–7 days',
      '7+ days',
    ])
    expect(rows.map((row) => row.after_release)).toEqual(after)
    expect(rows.map((row) => row.before_class)).toEqual(before)
    expect(rows.map((row) => row.after_release_pct)).toEqual(
      after.map((n) => r((100 * n) / bookings.length, 1)),
    )
    // M1 booked the first yoga class an hour after it opened.
    expect(after[2]).toBeGreaterThan(0)
  })
})

describe('studio member history', () => {
  // Half a year of a daily noon class; ten members with their own habits.
  const NOW = Date.parse('2025-07-15T12:00:00Z')
  let handle: DatabaseHandle
  let sqlite: BetterSqlite3.Database
  interface Visit {
    user: string
    date: string
  }
  const visits: Visit[] = []
  const run = (name: string, params: ReportParams = {}, now = NOW) =>
    objects(runReport(sqlite, name, params, { zone: ZONE, now }))

  beforeAll(async () => {
    handle = await openFresh(tempDir(), 'history.db')
    sqlite = handle.sqlite
    insertRow(sqlite, 'dim_location', { location_id: 'L1', location_name: 'Central' })
    insertRow(sqlite, 'dim_location', { location_id: 'L2', location_name: 'Annex' })
    let x = 3
    const rnd = (n: number) => {
      x = (x * 1103515245 + 12345) % 2 ** 31
      return x % n
    }
    const habits: [start: string, end: string, perTen: number][] = [
      ['2025-01-02', '2025-06-30', 6],
      ['2025-01-10', '2025-03-15', 3],
      ['2025-01-20', '2025-02-05', 5],
      ['2025-02-01', '2025-06-20', 2],
      ['2025-02-14', '2025-05-10', 4],
      ['2025-03-03', '2025-06-29', 1],
      ['2025-03-20', '2025-04-02', 9],
      ['2025-04-11', '2025-06-01', 5],
      ['2025-05-05', '2025-06-25', 3],
      ['2025-06-10', '2025-06-30', 7],
    ]
    habits.forEach((_, i) =>
      addPerson(sqlite, `H${i + 1}`, {
        name: `Member ${i + 1}`,
        email: `h${i + 1}@example.com`,
        role: 'member',
        region: i % 2 === 0 ? 'north' : 'south',
        is_active: i === 4 ? 0 : 1,
        registration_date: plusDays(habits[i]![0], -10),
      }),
    )
    // A member who registered and never came.
    addPerson(sqlite, 'H11', { role: 'member', registration_date: '2025-02-03' })
    for (let d = '2025-01-01'; d <= '2025-06-30'; d = plusDays(d, 1)) {
      const id = `D${d}`
      const [y, m] = d.split('-').map(Number) as [number, number]
      insertRow(sqlite, 'dim_class_session', {
        session_id: id,
        class_code: 'DLY',
        class_name: 'Daily',
        location_id: d.endsWith('5') ? 'L2' : 'L1',
        datetime: `${d}T11:00:00.000Z`,
        duration_mins: 45,
        week_number: 1,
        year: y,
        month: m,
        day_of_week: 'Monday',
        is_weekend: 0,
        capacity: 10,
      })
      habits.forEach(([start, end, perTen], i) => {
        if (d < start || d > end) return
        if (d !== start && d !== end && rnd(10) >= perTen) return
        const user = `H${i + 1}`
        insertRow(sqlite, 'fact_class_attendance', {
          attendance_id: `${id}-${user}`,
          user_id: user,
          session_id: id,
          location_id: d.endsWith('5') ? 'L2' : 'L1',
          class_datetime: `${d}T11:00:00.000Z`,
        })
        visits.push({ user, date: d })
      })
    }
  })
  afterAll(async () => {
    await handle.close()
  })

  const firstOf = () => {
    const first = new Map<string, string>()
    for (const v of visits)
      if (!first.has(v.user) || v.date < first.get(v.user)!) first.set(v.user, v.date)
    return first
  }

  it('member tiers: members per month by visits (1–3, 4–7, 8–11, 12+)', () => {
    const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']
    const expected: Row[] = months.map((month) => {
      const counts = new Map<string, number>()
      for (const v of visits)
        if (v.date.startsWith(month)) counts.set(v.user, (counts.get(v.user) ?? 0) + 1)
      const n = [...counts.values()]
      const total = n.reduce((a, b) => a + b, 0)
      return {
        month,
        active_members: counts.size,
        occasional: n.filter((k) => k <= 3).length,
        regular: n.filter((k) => k >= 4 && k <= 7).length,
        committed: n.filter((k) => k >= 8 && k <= 11).length,
        devoted: n.filter((k) => k >= 12).length,
        check_ins: total,
        visits_per_member: r(total / counts.size, 2),
      }
    })
    expect(run('studio_member_tiers')).toEqual(expected)
  })

  it('retention: share of each first-visit cohort active in each later month; open months marked', () => {
    const first = firstOf()
    const active = new Set(visits.map((v) => `${v.user}|${v.date.slice(0, 7)}`))
    const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']
    const expected: Row[] = []
    for (const [ci, cohort] of months.entries()) {
      const members = [...first].filter(([, d]) => d.startsWith(cohort)).map(([u]) => u)
      if (members.length === 0) continue
      for (let k = 0; ci + k < months.length; k += 1) {
        const retained = members.filter((u) => active.has(`${u}|${months[ci + k]}`)).length
        expected.push({
          cohort,
          months_since_first: k,
          cohort_members: members.length,
          retained,
          retained_pct: r((100 * retained) / members.length, 1),
          complete: true,
        })
      }
    }
    const rows = run('studio_retention')
    expect(rows.filter((row) => row.complete)).toEqual(expected)
    // July has begun: each cohort also has July, open and empty so far, marked as such.
    const open = rows.filter((row) => !row.complete)
    expect(open.map((row) => row.cohort)).toEqual(
      months.filter((m) => [...first.values()].some((d) => d.startsWith(m))),
    )
    expect(open.every((row) => row.retained === 0)).toBe(true)
    // Up to mid-June: June is not over, so it is marked rather than shown as a drop.
    const midJune = run('studio_retention', { to: '2025-06-15' })
    for (const row of midJune) {
      const month = months.indexOf(String(row.cohort)) + Number(row.months_since_first)
      expect(row.complete, `${row.cohort} +${row.months_since_first}`).toBe(month < 5)
    }
    expect(midJune.filter((row) => row.cohort === '2025-06')).toEqual([
      expect.objectContaining({ months_since_first: 0, cohort_members: 1, complete: false }),
    ])
  })

  it('retention by registration month counts members who never came', () => {
    const registered = new Map<string, string>(
      (
        sqlite.prepare(`SELECT user_id, registration_date FROM users`).all() as {
          user_id: string
          registration_date: string
        }[]
      ).map((u) => [u.user_id, u.registration_date.slice(0, 7)]),
    )
    const active = new Set(visits.map((v) => `${v.user}|${v.date.slice(0, 7)}`))
    const months = ['2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']
    const expected: Row[] = []
    for (const [ci, cohort] of months.entries()) {
      const members = [...registered].filter(([, m]) => m === cohort).map(([u]) => u)
      if (members.length === 0) continue
      for (let k = 0; ci + k < months.length; k += 1) {
        const retained = members.filter((u) => active.has(`${u}|${months[ci + k]}`)).length
        expected.push({
          cohort,
          months_since_first: k,
          cohort_members: members.length,
          retained,
          retained_pct: r((100 * retained) / members.length, 1),
          complete: true,
        })
      }
    }
    const rows = run('studio_retention', { cohort: 'registration', to: '2025-06-30' })
    expect(rows).toEqual(expected)
    expect(
      rows.find((row) => row.cohort === '2025-02' && row.months_since_first === 0),
    ).toMatchObject({
      cohort_members: 3, // H4 (registered 22 January) is January's; H5, H6 and H11
    })
  })

  it('first visits and repeat visits per month, and first-timers back within 30 days', () => {
    const first = firstOf()
    const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']
    const expected: Row[] = months.map((month) => {
      const inMonth = visits.filter((v) => v.date.startsWith(month))
      const firsts = [...first].filter(([, d]) => d.startsWith(month))
      const back = firsts.filter(([u, d]) =>
        visits.some((v) => v.user === u && v.date > d && daysFrom(d, v.date) <= 30),
      )
      const lastWindow = firsts
        .map(([, d]) => plusDays(d, 30))
        .sort()
        .at(-1)
      return {
        period: `${month}-01`,
        check_ins: inMonth.length,
        members: new Set(inMonth.map((v) => v.user)).size,
        first_visits: firsts.length,
        repeat_check_ins: inMonth.length - firsts.length,
        returning_members: new Set(
          inMonth.filter((v) => first.get(v.user)! < `${month}-01`).map((v) => v.user),
        ).size,
        came_back_30d: back.length,
        came_back_30d_pct: firsts.length === 0 ? null : r((100 * back.length) / firsts.length, 1),
        window_complete: lastWindow === undefined || lastWindow < '2025-07-15',
      }
    })
    expect(run('studio_first_visits')).toEqual(expected)
    // On 1 July, H10 (first visit 10 June) can still come back within 30 days.
    const july1 = run('studio_first_visits', {}, Date.parse('2025-07-01T12:00:00Z'))
    expect(july1.at(-1)).toMatchObject({ period: '2025-06-01', window_complete: false })
    // A range keeps its periods; first visits stay first over all history.
    const march = run('studio_first_visits', { from: '2025-03-01', to: '2025-03-31' })
    expect(march).toEqual([expected[2]])
  })

  it('members gone quiet: active, been before, no check-in for 30+ days by the range’s end', () => {
    const asOf = '2025-06-30'
    const last = new Map<string, string>()
    for (const v of visits) if (v.date > (last.get(v.user) ?? '')) last.set(v.user, v.date)
    const expected = [...last]
      .filter(([u, d]) => u !== 'H5' && daysFrom(d, asOf) >= 30)
      .map(([u, d]) => ({ u, d, days: daysFrom(d, asOf) }))
      .sort((a, b) => a.days - b.days || a.u.localeCompare(b.u))
    const rows = run('studio_absentees', { to: asOf })
    expect(rows.map((row) => [row.user_id, row.last_visit, row.days_since_last_visit])).toEqual(
      expected.map((e) => [e.u, e.d, e.days]),
    )
    expect(rows.map((row) => row.user_id)).not.toContain('H5') // no longer active
    const h2 = rows.find((row) => row.user_id === 'H2')!
    expect(h2).toMatchObject({
      name: 'Member 2',
      email: 'h2@example.com',
      visits: visits.filter((v) => v.user === 'H2').length,
      last_class: 'Daily',
    })
    expect(rows.map((row) => row.user_id)).toEqual(['H7', 'H2', 'H3'])
    // As of today (15 July) more have gone quiet.
    const today = [...last].filter(([u, d]) => u !== 'H5' && daysFrom(d, '2025-07-15') >= 30)
    expect(run('studio_absentees')).toHaveLength(today.length)
    // Filters and segment by the members' attributes.
    const north = run('studio_absentees', { to: asOf, filters: { region: ['north'] } })
    expect(north.map((row) => row.user_id)).toEqual(['H7', 'H3'])
    const segmented = runReport(
      sqlite,
      'studio_absentees',
      { to: asOf, segment: 'region' },
      { zone: ZONE, now: NOW },
    )
    expect(segmented.columns.slice(0, 3)).toEqual(['user_id', 'segment', 'name'])
  })

  it('attendance by location and month agree with a plain count', () => {
    const rows = run('studio_attendance_by_location')
    const annex = visits.filter((v) => v.date.endsWith('5')).length
    expect(rows.map((row) => [row.location, row.check_ins])).toEqual([
      ['Annex', annex],
      ['Central', visits.length - annex],
    ])
    const monthly = run('studio_attendance', { interval: 'month' })
    for (const row of monthly) {
      expect(row.check_ins).toBe(visits.filter((v) => monthOf(v.date) === row.period).length)
    }
    expect(localDate(Date.parse('2025-06-30T11:00:00Z'), ZONE)).toBe('2025-06-30')
  })
})

describe('studio reports on the demo database', () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await openDemo(tempDir())
  }, 120_000)
  afterAll(async () => {
    await handle.close()
  })

  it('every studio report returns rows without throwing', () => {
    expectDemoRows(handle.sqlite, 'studio')
  })
})
