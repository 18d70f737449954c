import type BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseChecksum } from '../../electron/services/db/checksum'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { generateDemoData } from '../../electron/services/demo'
import { dataTableNames, tableNames, viewNames } from '../../shared/schema'
import { dateKeyOf, isoWeekNumber, isoWeekday } from '../../shared/time'
import { openFresh } from '../helpers/db'
import { useSuiteTempDir, useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()
const suiteDir = useSuiteTempDir()
const NOW = new Date('2025-06-15T10:30:00.000Z')
const NOW_MS = NOW.getTime()
const ZONE = 'Europe/Berlin'
const DAY = 86_400_000

async function checksumOfDemo(seed: number) {
  const handle = await openFresh(tempDir())
  try {
    generateDemoData(handle, { seed, now: NOW, timeZone: ZONE })
    return databaseChecksum(handle.sqlite)
  } finally {
    await handle.close()
  }
}

describe('demo data generator', () => {
  it('is deterministic: the same seed, now and zone give the same data', async () => {
    const first = await checksumOfDemo(42)
    const again = await checksumOfDemo(42)
    const other = await checksumOfDemo(7)
    expect(again).toBe(first)
    expect(other).not.toBe(first)
  }, 180_000)

  it('refuses a database that already holds data', async () => {
    const handle = await openFresh(tempDir())
    handle.sqlite.prepare(`INSERT INTO users (user_id, username) VALUES ('x', 'x')`).run()
    expect(() => generateDemoData(handle, { now: NOW, timeZone: ZONE })).toThrow(/empty database/)
    expect(handle.sqlite.prepare(`SELECT count(*) FROM users`).pluck().get()).toBe(1)
    await handle.close()
  })
})

describe('a generated demo database', () => {
  let handle: DatabaseHandle
  let sqlite: BetterSqlite3.Database
  const value = (sql: string): number => sqlite.prepare(sql).pluck().get() as number

  beforeAll(async () => {
    handle = await openFresh(suiteDir())
    sqlite = handle.sqlite
    generateDemoData(handle, { seed: 42, now: NOW, timeZone: ZONE })
  }, 120_000)
  afterAll(async () => {
    await handle.close()
  })

  it('has rows in every data table and every view', () => {
    for (const name of [...dataTableNames, ...viewNames]) {
      expect(value(`SELECT EXISTS (SELECT 1 FROM ${name})`), name).toBe(1)
    }
  })

  it('passes the foreign key and integrity checks', () => {
    expect(sqlite.pragma('foreign_key_check')).toEqual([])
    expect(sqlite.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }])
  })

  it('stores the time zone and every setting', () => {
    expect(
      JSON.parse(value(`SELECT value FROM app_settings WHERE key = 'timeZone'`) as never),
    ).toBe(ZONE)
    expect(value(`SELECT count(*) FROM app_settings`)).toBeGreaterThanOrEqual(8)
  })

  it('writes every event on its local day, in the past, received after it happened', () => {
    const events = sqlite
      .prepare(`SELECT event_ts, ingested_at, date_key FROM fct_event`)
      .all() as { event_ts: number; ingested_at: number; date_key: number }[]
    for (const e of events) {
      if (e.date_key !== dateKeyOf(e.event_ts, ZONE)) expect(e).toBe('on its local day')
      if (e.event_ts > NOW_MS || e.ingested_at > NOW_MS) expect(e).toBe('in the past')
      if (e.ingested_at < e.event_ts) expect(e).toBe('received after it happened')
    }
    const late = events.filter((e) => e.ingested_at - e.event_ts > 3_600_000).length
    expect(late / events.length).toBeGreaterThan(0.01)
    expect(late / events.length).toBeLessThan(0.1)
  })

  it('writes entry timestamps as UTC ISO text with milliseconds, none after now but classes', () => {
    const isoGlob =
      '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'
    const now = NOW.toISOString()
    for (const table of tableNames) {
      const columns = (
        sqlite.prepare(`SELECT name FROM pragma_table_info(?) WHERE type = 'TEXT'`).all(table) as {
          name: string
        }[]
      )
        .map((c) => c.name)
        .filter((c) =>
          /(_at|_time|timestamp|date_created|date_updated|^datetime|class_datetime)$/.test(c),
        )
      for (const column of columns) {
        const where = `${column} IS NOT NULL`
        expect(
          value(`SELECT count(*) FROM ${table} WHERE ${where} AND ${column} NOT GLOB '${isoGlob}'`),
          `${table}.${column}`,
        ).toBe(0)
        const future = ['datetime', 'release_timestamp', 'class_datetime'].includes(column)
        if (!future) {
          expect(
            value(`SELECT count(*) FROM ${table} WHERE ${where} AND ${column} > '${now}'`),
            `${table}.${column}`,
          ).toBe(0)
        }
      }
    }
  })

  it('has the amounts of data asked for', () => {
    const productEvents = value(`SELECT count(*) FROM fct_event WHERE account_id IS NOT NULL`)
    expect(productEvents).toBeGreaterThan(40_000)
    expect(productEvents).toBeLessThan(60_000)
    expect(value(`SELECT count(*) FROM users WHERE preferred_location_id IS NOT NULL`)).toBe(300)
    expect(value(`SELECT count(*) FROM users WHERE account_id IS NOT NULL`)).toBe(500)
    expect(value(`SELECT count(*) FROM dim_location`)).toBe(3)
    expect(value(`SELECT count(*) FROM dim_account`)).toBe(5)
    expect(value(`SELECT count(*) FROM blog_analytics`)).toBe(15_000)
    expect(value(`SELECT count(*) FROM blog_engagement`)).toBeGreaterThan(1_500)
    expect(value(`SELECT count(*) FROM blog_engagement`)).toBeLessThan(2_500)
    expect(value(`SELECT count(*) FROM blog_analytics WHERE user_id IS NULL`)).toBeGreaterThan(0)
    expect(value(`SELECT count(*) FROM blog_posts WHERE status = 'draft'`)).toBeGreaterThan(0)
    expect(value(`SELECT count(*) FROM user_sessions`)).toBeGreaterThan(1_500)
    expect(value(`SELECT count(*) FROM user_sessions`)).toBeLessThan(3_000)
    const films = value(`SELECT count(*) FROM media_movies`)
    expect(films).toBeGreaterThan(250)
    expect(films).toBeLessThan(350)
    expect(value(`SELECT count(*) FROM media_games`)).toBe(40)
    expect(value(`SELECT count(DISTINCT media_type) FROM media_consumption`)).toBe(5)
    const perWeek = value(`SELECT count(*) FROM fitness_workouts`) / (730 / 7)
    expect(perWeek).toBeGreaterThan(2.8)
    expect(perWeek).toBeLessThan(4.2)
    const classesPerWeek =
      value(`SELECT count(*) FROM dim_class_session WHERE datetime <= '${NOW.toISOString()}'`) /
      (365 / 7)
    expect(classesPerWeek).toBeGreaterThan(13)
    expect(classesPerWeek).toBeLessThanOrEqual(15)
    expect(
      value(`SELECT count(*) FROM dim_class_session WHERE datetime > '${NOW.toISOString()}'`),
    ).toBeGreaterThan(20)
  })

  it("shows the owner's progressive overload and slow weight loss", () => {
    const from = (offsetDays: number) => new Date(NOW_MS - offsetDays * DAY).toISOString()
    const best = (exercise: string, after: string, before: string) =>
      value(
        `SELECT max(l.weight * (1 + l.reps / 30.0)) FROM fitness_exercise_logs l
         JOIN fitness_workouts w ON w.id = l.workout_id
         JOIN fitness_exercises e ON e.id = l.exercise_id
         WHERE e.exercise_name = '${exercise}' AND w.workout_date >= '${after.slice(0, 10)}'
           AND w.workout_date < '${before.slice(0, 10)}'`,
      )
    for (const lift of ['Back Squat', 'Bench Press']) {
      const firstMonths = best(lift, from(730), from(640))
      const lastMonths = best(lift, from(90), from(-1))
      expect(lastMonths, lift).toBeGreaterThan(firstMonths * 1.15)
    }
    const weight = (after: string, before: string) =>
      value(
        `SELECT avg(weight) FROM fitness_measurements
         WHERE measurement_date >= '${after.slice(0, 10)}' AND measurement_date < '${before.slice(0, 10)}'`,
      )
    expect(weight(from(90), from(-1))).toBeLessThan(weight(from(730), from(640)) - 3)
    expect(value(`SELECT count(*) FROM fitness_exercise_logs WHERE sets <> 1`)).toBe(0)
  })

  it('keeps bookings, check-ins and classes consistent', () => {
    const now = NOW.toISOString()
    expect(
      value(
        `SELECT count(*) FROM fact_class_attendance a
         JOIN dim_class_session s ON s.session_id = a.session_id WHERE s.datetime > '${now}'`,
      ),
    ).toBe(0)
    expect(
      value(
        `SELECT count(*) FROM class_bookings b JOIN dim_class_session s ON s.session_id = b.session_id
         WHERE b.booked_at > s.datetime OR b.booked_at < s.release_timestamp`,
      ),
    ).toBe(0)
    expect(
      value(
        `SELECT count(*) FROM (SELECT s.capacity, count(*) AS n FROM fact_class_attendance a
           JOIN dim_class_session s ON s.session_id = a.session_id GROUP BY s.session_id)
         WHERE n > capacity`,
      ),
    ).toBe(0)
    expect(value(`SELECT min(capacity) >= 12 AND max(capacity) <= 30 FROM dim_class_session`)).toBe(
      1,
    )
    const statuses = sqlite
      .prepare(`SELECT DISTINCT status FROM class_bookings ORDER BY status`)
      .pluck()
      .all()
    expect(statuses).toEqual(['booked', 'cancelled', 'late_cancel', 'no_show'])
    // Each booking, cancellation, no-show and check-in is also an event.
    expect(value(`SELECT count(*) FROM fct_event WHERE event_name = 'class_booked'`)).toBe(
      value(`SELECT count(*) FROM class_bookings`),
    )
    expect(value(`SELECT count(*) FROM fct_event WHERE event_name = 'class_checked_in'`)).toBe(
      value(`SELECT count(*) FROM fact_class_attendance`),
    )
    expect(value(`SELECT count(*) FROM fct_event WHERE event_name = 'class_no_show'`)).toBe(
      value(`SELECT count(*) FROM class_bookings WHERE status = 'no_show'`),
    )
    // Walk-ins: attended without a booking.
    expect(
      value(
        `SELECT count(*) FROM fact_class_attendance a WHERE NOT EXISTS (SELECT 1 FROM class_bookings b
           WHERE b.user_id = a.user_id AND b.session_id = a.session_id)`,
      ),
    ).toBeGreaterThan(0)
    // Members stop coming: many have no check-in in the last two months.
    const lapsed = value(
      `SELECT count(*) FROM users u WHERE u.preferred_location_id IS NOT NULL
         AND EXISTS (SELECT 1 FROM fact_class_attendance a WHERE a.user_id = u.user_id)
         AND NOT EXISTS (SELECT 1 FROM fact_class_attendance a WHERE a.user_id = u.user_id
           AND a.class_datetime > '${new Date(NOW_MS - 60 * DAY).toISOString()}')`,
    )
    expect(lapsed).toBeGreaterThan(30)
  })

  it('fills the class calendar columns from the local date', () => {
    const names = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
    const classes = sqlite
      .prepare(
        `SELECT datetime, week_number, year, month, day_of_week, is_weekend FROM dim_class_session`,
      )
      .all() as {
      datetime: string
      week_number: number
      year: number
      month: number
      day_of_week: string
      is_weekend: number
    }[]
    for (const c of classes) {
      const key = dateKeyOf(Date.parse(c.datetime), ZONE)
      const weekday = isoWeekday(key)
      expect(c).toEqual({
        datetime: c.datetime,
        week_number: isoWeekNumber(key),
        year: Math.floor(key / 10000),
        month: Math.floor(key / 100) % 100,
        day_of_week: names[weekday - 1],
        is_weekend: weekday >= 6 ? 1 : 0,
      })
    }
  })

  it("logs an event for each of the owner's entries", () => {
    const pairs: [string, string][] = [
      ['workout_logged', `SELECT count(*) FROM fitness_workouts`],
      ['measurement_logged', `SELECT count(*) FROM fitness_measurements`],
      ['nutrition_logged', `SELECT count(*) FROM fitness_nutrition`],
      ['film_logged', `SELECT count(*) FROM media_movies`],
      ['game_logged', `SELECT count(*) FROM media_games`],
      ['media_logged', `SELECT count(*) FROM media_consumption`],
      [
        'post_published',
        `SELECT count(*) FROM blog_posts WHERE status IN ('published', 'archived')`,
      ],
    ]
    for (const [event, rows] of pairs) {
      expect(
        value(`SELECT count(*) FROM fct_event WHERE user_id = 'me' AND event_name = '${event}'`),
        event,
      ).toBe(value(rows))
    }
  })

  it('has busier weekdays than weekends in the product log', () => {
    const perDay = sqlite
      .prepare(
        `SELECT d.is_weekend AS weekend, count(*) * 1.0 / count(DISTINCT e.date_key) AS n
         FROM fct_event e JOIN dim_date d ON d.date_key = e.date_key
         WHERE e.account_id IS NOT NULL GROUP BY d.is_weekend ORDER BY d.is_weekend`,
      )
      .all() as { weekend: number; n: number }[]
    expect(perDay[0]?.n ?? 0).toBeGreaterThan(2 * (perDay[1]?.n ?? 0))
  })
})
