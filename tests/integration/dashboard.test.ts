import type BetterSqlite3 from 'better-sqlite3'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { currentRun, longestRun, readDashboard } from '../../electron/services/dashboard/summary'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { activityCalendar } from '../../renderer/src/charts/builders/calendar'
import { openFresh } from '../helpers/db'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()
let handle: DatabaseHandle
let sqlite: BetterSqlite3.Database

beforeEach(async () => {
  handle = await openFresh(tempDir())
  sqlite = handle.sqlite
})
afterEach(async () => {
  await handle.close()
})

/** Noon UTC of a day, as "now". */
const noon = (day: string) => Date.parse(`${day}T12:00:00Z`)

function workout(day: string, sets = 0) {
  const id = sqlite
    .prepare(`INSERT INTO fitness_workouts (workout_date) VALUES (?)`)
    .run(day).lastInsertRowid
  if (sets === 0) return
  const exercise =
    (sqlite.prepare(`SELECT id FROM fitness_exercises LIMIT 1`).pluck().get() as number) ??
    Number(
      sqlite
        .prepare(
          `INSERT INTO fitness_exercises (exercise_name, exercise_type) VALUES ('Squat', 'strength')`,
        )
        .run().lastInsertRowid,
    )
  const insert = sqlite.prepare(
    `INSERT INTO fitness_exercise_logs (workout_id, exercise_id, sets, reps, weight) VALUES (?, ?, 1, 5, 100)`,
  )
  for (let i = 0; i < sets; i++) insert.run(id, exercise)
}

const film = (day: string, title = 'A film') =>
  sqlite.prepare(`INSERT INTO media_movies (title, watch_date) VALUES (?, ?)`).run(title, day)

function checkIn(userId: string, classInstant: string) {
  sqlite
    .prepare(
      `INSERT OR IGNORE INTO dim_location (location_id, location_name) VALUES ('L1', 'Hall')`,
    )
    .run()
  sqlite
    .prepare(
      `INSERT OR IGNORE INTO users (user_id, username, name, role) VALUES (?, ?, ?, 'member')`,
    )
    .run(userId, userId, userId)
  const session = `S-${classInstant}`
  sqlite
    .prepare(
      `INSERT OR IGNORE INTO dim_class_session (session_id, class_code, class_name, location_id, datetime,
         duration_mins, week_number, year, month, day_of_week, is_weekend)
       VALUES (?, 'SPN', 'Spin', 'L1', ?, 45, 1, 2026, 1, 'Monday', 0)`,
    )
    .run(session, classInstant)
  sqlite
    .prepare(
      `INSERT INTO fact_class_attendance (attendance_id, user_id, session_id, location_id, class_datetime)
       VALUES (?, ?, ?, 'L1', ?)`,
    )
    .run(`A-${userId}-${classInstant}`, userId, session, classInstant)
}

describe('the dashboard', () => {
  it('counts this week so far against the same days of last week', () => {
    // Wednesday 2026-03-18: the week (from Monday) is the 16th to the 18th.
    workout('2026-03-16', 3)
    workout('2026-03-18', 2)
    workout('2026-03-09', 4) // last Monday: compared
    workout('2026-03-12', 1) // last Thursday: after the compared days
    film('2026-03-17')
    const summary = readDashboard(
      sqlite,
      { timeZone: 'UTC', weekStart: 'monday' },
      noon('2026-03-18'),
    )
    expect(summary.today).toBe('2026-03-18')
    expect(summary.weekFrom).toBe('2026-03-16')
    const figure = (label: string) => summary.week.find((f) => f.label === label)
    expect(figure('Workouts')).toMatchObject({ value: 2, previous: 1 })
    expect(figure('Sets')).toMatchObject({ value: 5, previous: 4 })
    expect(figure('Films')).toMatchObject({ value: 1, previous: 0 })
  })

  it('starts the week on Sunday when the person says so', () => {
    const summary = readDashboard(
      sqlite,
      { timeZone: 'UTC', weekStart: 'sunday' },
      noon('2026-03-18'),
    )
    expect(summary.weekFrom).toBe('2026-03-15')
  })

  it('has a year of days, streaks of days in a row, and the latest entries first', () => {
    for (const day of ['2026-03-14', '2026-03-15', '2026-03-16', '2026-03-17']) workout(day)
    film('2026-03-17', 'Late film')
    film('2025-01-01', 'Too old for the calendar')
    const summary = readDashboard(
      sqlite,
      { timeZone: 'UTC', weekStart: 'monday' },
      noon('2026-03-18'),
    )
    expect(summary.calendar).toHaveLength(365)
    expect(summary.calendar.at(-1)).toEqual({ date: '2026-03-18', entries: 0 })
    expect(summary.calendar.find((d) => d.date === '2026-03-17')?.entries).toBe(2)
    expect(summary.calendar.some((d) => d.date === '2025-01-01')).toBe(false)
    // Today has nothing yet: the streak runs to yesterday.
    expect(summary.currentStreak).toBe(4)
    expect(summary.longestStreak).toBe(4)
    expect(summary.recent.map((r) => r.date)).toEqual([
      '2026-03-17',
      '2026-03-17',
      '2026-03-16',
      '2026-03-15',
      '2026-03-14',
    ])
  })

  it("counts a studio's check-ins on their local day, outside the person's own calendar", () => {
    // 23:30 UTC on the 16th is the 17th in Berlin.
    checkIn('M1', '2026-03-16T23:30:00.000Z')
    checkIn('M2', '2026-03-16T23:30:00.000Z')
    checkIn('M1', '2026-03-09T10:00:00.000Z')
    const summary = readDashboard(
      sqlite,
      { timeZone: 'Europe/Berlin', weekStart: 'monday' },
      noon('2026-03-18'),
    )
    expect(summary.week.find((f) => f.label === 'Check-ins')).toMatchObject({
      value: 2,
      previous: 1,
    })
    expect(summary.calendar.every((d) => d.entries === 0)).toBe(true)
    expect(summary.recent).toEqual([])
  })

  it('is empty, not failing, on an empty database', () => {
    const summary = readDashboard(
      sqlite,
      { timeZone: 'UTC', weekStart: 'monday' },
      noon('2026-03-18'),
    )
    expect(summary.week.every((f) => f.value === 0 && f.previous === 0)).toBe(true)
    expect(summary.currentStreak).toBe(0)
    expect(activityCalendar(summary.calendar, 'monday').table.rows).toEqual([])
  })
})

describe('streaks', () => {
  /** Reference: walk every day from the first to the last. */
  function referenceLongest(days: number[]) {
    const set = new Set(days)
    let best = 0
    for (const start of set) {
      let length = 0
      while (set.has(start + length)) length += 1
      best = Math.max(best, length)
    }
    return best
  }

  it('longest and current runs match a day-by-day walk (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }), (days) => {
        const sorted = [...days].sort((a, b) => a - b)
        expect(longestRun(sorted)).toBe(referenceLongest(sorted))
        const today = 60
        const set = new Set(sorted)
        let end = set.has(today) ? today : today - 1
        let run = 0
        for (; set.has(end); end--) run++
        expect(currentRun(set, today)).toBe(run)
      }),
    )
  })
})

describe('the activity calendar', () => {
  it('puts every day in its week column and weekday row', () => {
    const days = Array.from({ length: 14 }, (_, i) => ({
      date: `2026-03-${String(i + 1).padStart(2, '0')}`,
      entries: i,
    }))
    const { weeks, weekdays, cells } = activityCalendar(days, 'monday')
    // 2026-03-01 is a Sunday: its own partial week, then weeks from Monday the 2nd and 9th.
    expect(weeks).toEqual(['2026-03-01', '2026-03-02', '2026-03-09'])
    expect(weekdays[0]).toBe('Mon')
    expect(cells[0]).toMatchObject({ x: '2026-03-01', y: 'Sun' })
    expect(cells[1]).toMatchObject({ x: '2026-03-02', y: 'Mon', v: 1 })
    const sundayFirst = activityCalendar(days, 'sunday')
    expect(sundayFirst.weeks).toEqual(['2026-03-01', '2026-03-08'])
    expect(sundayFirst.cells[7]).toMatchObject({ x: '2026-03-08', y: 'Sun' })
  })
})
