import type BetterSqlite3 from 'better-sqlite3'
import Papa from 'papaparse'
import { readFileSync } from 'node:fs'
import { expect } from 'vitest'
import { dumpRollups } from '../../electron/services/rollups/dump'
import { rebuildRollups } from '../../electron/services/rollups/rebuild'
import { readState, staleReason } from '../../electron/services/rollups/state'
import { readSettingsSync } from '../../electron/services/settings/store'
import { restoreNeutralised } from '../../shared/csv'
import { tableNames } from '../../shared/schema'
import { dateKeyOf } from '../../shared/time'

// Data for the retention and privacy tests: a few people with two years of events (some of them
// fitness actions), login sessions, blog reading, media consumption, workouts and studio visits.

export const NOW = new Date('2026-06-01T12:00:00.000Z')
export const DAY = 86_400_000
export const PEOPLE = ['mbr-1001', 'mbr-1002', 'mbr-1003', 'mbr-1004'] as const

export function seedPeople(sqlite: BetterSqlite3.Database, zone = 'UTC') {
  const person = sqlite.prepare(
    `INSERT INTO users (user_id, username, email, name, first_name, last_name, phone_number,
       date_of_birth, city, gender, user_segment, registration_date)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2024-01-01')`,
  )
  const ids = new Map<string, number>()
  for (const [i, userId] of PEOPLE.entries()) {
    const first = ['Zebulon', 'Ottilie', 'Barnaby', 'Henrietta'][i] ?? 'X'
    const last = ['Quimbyfield', 'Marchbanks', 'Thistlewood', 'Pennyfeather'][i] ?? 'Y'
    const info = person.run(
      userId,
      `${first.toLowerCase()}${i}`,
      `${first.toLowerCase()}.${last.toLowerCase()}@example.test`,
      `${first} ${last}`,
      first,
      last,
      `+44 7700 90012${i}`,
      `198${i}-0${i + 1}-1${i}`,
      'Cardiff',
      i % 2 ? 'female' : 'male',
      i % 2 ? 'pro' : 'free',
    )
    ids.set(userId, Number(info.lastInsertRowid))
  }
  const action = sqlite.prepare(
    `INSERT INTO dim_actions (action_type, action_category, is_core_action) VALUES (?, ?, ?)`,
  )
  action.run('open', 'engagement', 1)
  action.run('browse', 'engagement', 0)
  action.run('workout_logged', 'fitness', 1)
  const event = sqlite.prepare(
    `INSERT INTO fct_event (event_id, user_id, event_name, event_ts, ingested_at, date_key, source,
       page_url, properties)
     VALUES (?, ?, ?, ?, ?, ?, 'web', ?, ?)`,
  )
  let n = 0
  for (const [i, userId] of PEOPLE.entries()) {
    for (let day = 3 + i; day < 800; day += 3 + i) {
      for (const [k, name] of ['open', 'browse', 'workout_logged'].entries()) {
        if (name === 'workout_logged' && day % 4 !== 0) continue
        const ts = NOW.getTime() - day * DAY + k * 11 * 60_000 + i * 3_600_000
        n += 1
        event.run(
          `e-${userId}-${n}`,
          userId,
          name,
          ts,
          ts,
          dateKeyOf(ts, zone),
          `/p${k}?u=${userId}`,
          JSON.stringify({ who: userId, n }),
        )
      }
    }
  }
  const login = sqlite.prepare(
    `INSERT INTO user_sessions (user_id, session_id, login_time, ip_address, user_agent)
     VALUES (?, ?, ?, ?, ?)`,
  )
  for (const [userId, id] of ids) {
    for (let day = 1; day < 200; day += 9) {
      login.run(id, `s-${userId}-${day}`, iso(day), `10.0.0.${id}`, `Agent/${userId}`)
    }
  }
  sqlite
    .prepare(`INSERT INTO blog_posts (blog_id, title, author_id) VALUES ('b1', 'Hello', ?)`)
    .run(ids.get('mbr-1001'))
  const view = sqlite.prepare(
    `INSERT INTO blog_analytics (blog_id, user_id, view_count, timestamp, ip_address, user_agent)
     VALUES ('b1', ?, 1, ?, ?, 'Browser')`,
  )
  const engage = sqlite.prepare(
    `INSERT INTO blog_engagement (blog_id, user_id, engagement_type, timestamp) VALUES ('b1', ?, 'like', ?)`,
  )
  for (let day = 2; day < 1000; day += 5) {
    const id = ids.get(PEOPLE[day % 4] ?? 'mbr-1001') ?? null
    view.run(day % 3 === 0 ? null : id, iso(day), `192.168.1.${day % 250}`)
    if (day % 7 === 0) engage.run(id, iso(day))
  }
  const media = sqlite.prepare(
    `INSERT INTO media_consumption (user_id, media_type, consumption_date, duration_minutes, platform)
     VALUES (?, 'film', ?, 100, 'Cinema')`,
  )
  for (let day = 0; day < 600; day += 6) {
    media.run(ids.get(PEOPLE[(day / 6) % 4] ?? 'mbr-1001'), iso(day).slice(0, 10))
  }
  const workout = sqlite.prepare(
    `INSERT INTO fitness_workouts (user_id, workout_date, workout_notes) VALUES (?, ?, ?)`,
  )
  const exercise = Number(
    sqlite
      .prepare(
        `INSERT INTO fitness_exercises (exercise_name, exercise_type) VALUES ('Squat', 'strength')`,
      )
      .run().lastInsertRowid,
  )
  const set = sqlite.prepare(
    `INSERT INTO fitness_exercise_logs (workout_id, exercise_id, sets, reps, weight) VALUES (?, ?, 3, 5, 100)`,
  )
  for (const [userId, id] of ids) {
    for (let day = 10; day < 900; day += 100) {
      const w = workout.run(id, iso(day).slice(0, 10), `Felt good, ${userId}`)
      set.run(w.lastInsertRowid, exercise)
    }
  }
  sqlite
    .prepare(`INSERT INTO dim_location (location_id, location_name) VALUES ('L1', 'Hall')`)
    .run()
  sqlite
    .prepare(
      `INSERT INTO dim_class_session (session_id, class_code, class_name, location_id, datetime,
         duration_mins, week_number, year, month, day_of_week, is_weekend)
       VALUES ('C1', 'YOG', 'Yoga', 'L1', '2026-05-04T18:00:00.000Z', 60, 19, 2026, 5, 'Monday', 0)`,
    )
    .run()
  for (const userId of PEOPLE) {
    sqlite
      .prepare(
        `INSERT INTO fact_class_attendance (attendance_id, user_id, session_id, location_id, class_datetime)
         VALUES (?, ?, 'C1', 'L1', '2026-05-04T18:00:00.000Z')`,
      )
      .run(`att-${userId}`, userId)
    sqlite
      .prepare(
        `INSERT INTO class_bookings (booking_id, user_id, session_id, booked_at)
         VALUES (?, ?, 'C1', '2026-05-01T09:00:00.000Z')`,
      )
      .run(`bk-${userId}`, userId)
  }
  rebuildRollups(sqlite, readSettingsSync(sqlite))
  return ids
}

function iso(daysAgo: number) {
  return new Date(NOW.getTime() - daysAgo * DAY + 7 * 3_600_000).toISOString()
}

/** Every row of every data table and rollup, for "nothing changed" checks. */
export function snapshot(sqlite: BetterSqlite3.Database) {
  const all: Record<string, unknown[]> = {}
  for (const table of [
    ...tableNames,
    'rollup_user_days',
    'rollup_user_months',
    'rollup_days',
    'rollup_dirty',
    'audit_log',
  ]) {
    all[table] = sqlite.prepare(`SELECT * FROM "${table}" ORDER BY 1, 2`).raw(true).all()
  }
  return all
}

/** The rollups equal a full rebuild of the data as it now is, with nothing left to take in. */
export function expectRollupsCurrent(sqlite: BetterSqlite3.Database) {
  const settings = readSettingsSync(sqlite)
  expect(staleReason(sqlite, settings)).toBeNull()
  expect(sqlite.prepare(`SELECT count(*) FROM rollup_dirty`).pluck().get()).toBe(0)
  expect(readState(sqlite).eventMark).toBe(
    sqlite.prepare(`SELECT coalesce(max(event_key), 0) FROM fct_event`).pluck().get(),
  )
  const kept = dumpRollups(sqlite)
  sqlite.exec('BEGIN')
  try {
    rebuildRollups(sqlite, settings)
    expect(kept).toEqual(dumpRollups(sqlite))
  } finally {
    sqlite.exec('ROLLBACK')
  }
  expect(sqlite.pragma('foreign_key_check')).toEqual([])
}

/** A CSV file Logbook wrote, as header and rows of text (formula escapes undone). */
export function readCsvFile(path: string) {
  const parsed = Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: true })
  expect(parsed.errors).toEqual([])
  const [header = [], ...rows] = parsed.data
  return { header, rows: rows.map((row) => row.map(restoreNeutralised)) }
}

/** A row read from SQLite as the CSV writes it: null empty, everything else as text. */
export const asCsvText = (row: readonly unknown[]) =>
  row.map((v) => (v === null || v === undefined ? '' : String(v)))
