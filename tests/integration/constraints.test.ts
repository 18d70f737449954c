import type BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { openFresh } from '../helpers/db'
import { useSuiteTempDir } from '../helpers/tmp'

const tempDir = useSuiteTempDir()
let handle: DatabaseHandle
let sqlite: BetterSqlite3.Database

const T = '2025-03-01T18:30:00.000Z'

beforeAll(async () => {
  handle = await openFresh(tempDir())
  sqlite = handle.sqlite
  sqlite.exec(`
    INSERT INTO dim_location (location_id, location_name, city) VALUES ('loc-1', 'North Hall', 'Leeds');
    INSERT INTO users (user_id, username, email) VALUES ('u-1', 'ana', 'ana@example.com');
    INSERT INTO dim_class_session (session_id, class_code, class_name, location_id, datetime, duration_mins,
      week_number, year, month, day_of_week, is_weekend, capacity)
      VALUES ('cs-1', 'YOGA1', 'Morning yoga', 'loc-1', '${T}', 60, 9, 2025, 3, 'Saturday', 1, 20);
    INSERT INTO dim_actions (action_type, action_category) VALUES ('app_open', 'engagement');
    INSERT INTO blog_categories (category_name) VALUES ('Training');
    INSERT INTO blog_posts (blog_id, title, category) VALUES ('post-1', 'Deadlift basics', 'Training');
  `)
})
afterAll(async () => {
  await handle.close()
})

/** Runs a statement inside a savepoint that is always rolled back, so cases do not interact. */
function attempt(sql: string) {
  sqlite.exec('SAVEPOINT attempt')
  try {
    sqlite.exec(sql)
  } finally {
    sqlite.exec('ROLLBACK TO attempt; RELEASE attempt')
  }
}

const event = (columns: Record<string, string>) => {
  const base: Record<string, string> = {
    event_id: `'e-1'`,
    user_id: `'u-1'`,
    event_name: `'app_open'`,
    event_ts: '1740853800000',
    ingested_at: '1740853800000',
    date_key: '20250301',
    ...columns,
  }
  return `INSERT INTO fct_event (${Object.keys(base).join(', ')}) VALUES (${Object.values(base).join(', ')})`
}

describe('foreign keys reject rows that point nowhere', () => {
  it.each([
    [
      'attendance for an unknown person',
      `INSERT INTO fact_class_attendance (attendance_id, user_id, session_id, location_id, class_datetime) VALUES ('a-1', 'nobody', 'cs-1', 'loc-1', '${T}')`,
    ],
    [
      'attendance for an unknown class',
      `INSERT INTO fact_class_attendance (attendance_id, user_id, session_id, location_id, class_datetime) VALUES ('a-1', 'u-1', 'cs-404', 'loc-1', '${T}')`,
    ],
    [
      'a class at an unknown location',
      `INSERT INTO dim_class_session (session_id, class_code, class_name, location_id, datetime, duration_mins, week_number, year, month, day_of_week, is_weekend) VALUES ('cs-2', 'X', 'X', 'loc-404', '${T}', 60, 9, 2025, 3, 'Saturday', 1)`,
    ],
    ['an event of an unknown action', event({ event_name: `'teleport'` })],
    ['an event of an unknown person', event({ user_id: `'ghost'` })],
    [
      'a set of an unknown workout',
      `INSERT INTO fitness_exercise_logs (workout_id, exercise_id, sets, reps) VALUES (404, 404, 1, 5)`,
    ],
    ['a view of an unknown post', `INSERT INTO blog_analytics (blog_id) VALUES ('post-404')`],
    [
      'a post in an unknown category',
      `INSERT INTO blog_posts (blog_id, title, category) VALUES ('post-2', 'T', 'Nope')`,
    ],
  ])('%s', (_case, sql) => {
    expect(() => attempt(sql)).toThrow(/FOREIGN KEY constraint failed/)
  })
})

describe('CHECK constraints reject values outside the seeds’ enumerations and ranges', () => {
  it.each([
    ['event source', event({ source: `'fax'` })],
    ['event time before 1970', event({ event_ts: '-5' })],
    ['event properties that are not JSON', event({ properties: `'{oops'` })],
    [
      'attendance source',
      `INSERT INTO fact_class_attendance (attendance_id, user_id, session_id, location_id, class_datetime, source) VALUES ('a-1', 'u-1', 'cs-1', 'loc-1', '${T}', 'carrier pigeon')`,
    ],
    [
      'booking status',
      `INSERT INTO class_bookings (booking_id, user_id, session_id, booked_at, status) VALUES ('b-1', 'u-1', 'cs-1', '${T}', 'maybe')`,
    ],
    [
      'engagement tier',
      `INSERT INTO dim_date VALUES (20250301, '2025-03-01', 2025, 1, 3, 1, 6, 9, 1); INSERT INTO fact_daily_user_activity (user_key, date_key, is_active_day, engagement_tier) VALUES (1, 20250301, 1, 'Gold')`,
    ],
    [
      'blog post status',
      `INSERT INTO blog_posts (blog_id, title, status) VALUES ('post-3', 'T', 'pending')`,
    ],
    [
      'program status',
      `INSERT INTO fitness_programs (program_name, program_type, frequency, status) VALUES ('P', 'strength', 3, 'someday')`,
    ],
    [
      'goal status',
      `INSERT INTO fitness_goals (goal_type, goal_status) VALUES ('weight', 'dreaming')`,
    ],
    [
      'game completion status',
      `INSERT INTO media_games (title, completion_status) VALUES ('Tetris', 'forever')`,
    ],
    [
      'a date that does not exist',
      `INSERT INTO fitness_workouts (workout_date) VALUES ('2025-02-30')`,
    ],
    [
      'a date in another format',
      `INSERT INTO fitness_nutrition (nutrition_date) VALUES ('01/03/2025')`,
    ],
    [
      'body fat over 100%',
      `INSERT INTO fitness_measurements (measurement_date, body_fat_percentage) VALUES ('2025-03-01', 140)`,
    ],
    [
      'scroll depth over 100%',
      `INSERT INTO blog_analytics (blog_id, scroll_depth_percentage) VALUES ('post-1', 101)`,
    ],
    ['a rating of 11', `INSERT INTO media_movies (title, user_rating) VALUES ('Heat', 11)`],
    ['a class without capacity left', `UPDATE dim_class_session SET capacity = 0`],
    ['a weekday name that is not one', `UPDATE dim_class_session SET day_of_week = 'Caturday'`],
    ['a boolean that is 2', `UPDATE users SET is_active = 2`],
    [
      'equipment that is not a JSON array',
      `INSERT INTO fitness_exercises (exercise_name, exercise_type, equipment_needed) VALUES ('Squat', 'strength', '"barbell"')`,
    ],
    [
      'a dim_date key that disagrees with its date',
      `INSERT INTO dim_date VALUES (20250302, '2025-03-01', 2025, 1, 3, 1, 6, 9, 1)`,
    ],
  ])('%s', (_case, sql) => {
    expect(() => attempt(sql)).toThrow(/CHECK constraint failed/)
  })

  it('STRICT tables refuse a value of the wrong type', () => {
    expect(() =>
      attempt(
        `INSERT INTO fitness_exercise_logs (workout_id, exercise_id, sets, reps) VALUES (1, 1, 'three', 5)`,
      ),
    ).toThrow(/cannot store TEXT value in INTEGER column/)
  })

  it('NOT NULL and UNIQUE hold where the seeds say', () => {
    expect(() => attempt(`INSERT INTO users (user_id, username) VALUES ('u-2', 'ana')`)).toThrow(
      /UNIQUE constraint failed: users.username/,
    )
    expect(() =>
      attempt(
        `INSERT INTO users (user_id, username, email) VALUES ('u-2', 'bo', 'ana@example.com')`,
      ),
    ).toThrow(/UNIQUE/)
    expect(() => attempt(`INSERT INTO users (user_id) VALUES ('u-2')`)).toThrow(
      /NOT NULL constraint failed: users.username/,
    )
    expect(() =>
      attempt(`INSERT INTO blog_categories (category_name) VALUES ('Training')`),
    ).toThrow(/UNIQUE/)
    expect(() =>
      attempt(`INSERT INTO fitness_programs (program_name, program_type) VALUES ('P', 'strength')`),
    ).toThrow(/NOT NULL constraint failed: fitness_programs.frequency/)
  })

  it('accepts a valid row, with the seeds’ defaults filled in', () => {
    sqlite.exec('SAVEPOINT ok')
    sqlite.exec(`INSERT INTO blog_posts (blog_id, title) VALUES ('post-9', 'Hello')`)
    const row = sqlite
      .prepare(`SELECT status, date_created FROM blog_posts WHERE blog_id = 'post-9'`)
      .get() as { status: string; date_created: string }
    expect(row.status).toBe('published')
    expect(row.date_created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    sqlite.exec('ROLLBACK TO ok; RELEASE ok')
  })
})

describe('ON DELETE rules are deliberate', () => {
  it('deleting a person takes their events, attendance and bookings with them', () => {
    sqlite.exec('SAVEPOINT del')
    sqlite.exec(`
      ${event({})};
      INSERT INTO fact_class_attendance (attendance_id, user_id, session_id, location_id, class_datetime) VALUES ('a-1', 'u-1', 'cs-1', 'loc-1', '${T}');
      INSERT INTO class_bookings (booking_id, user_id, session_id, booked_at) VALUES ('b-1', 'u-1', 'cs-1', '2025-02-27T10:00:00.000Z');
      DELETE FROM users WHERE user_id = 'u-1';
    `)
    const count = (table: string) => sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get()
    expect([count('fct_event'), count('fact_class_attendance'), count('class_bookings')]).toEqual([
      0, 0, 0,
    ])
    sqlite.exec('ROLLBACK TO del; RELEASE del')
  })

  it('a location with classes cannot be deleted', () => {
    expect(() => attempt(`DELETE FROM dim_location WHERE location_id = 'loc-1'`)).toThrow(
      /FOREIGN KEY constraint failed/,
    )
  })

  it('deleting a category leaves its posts uncategorised; renaming it renames them', () => {
    sqlite.exec('SAVEPOINT cat')
    sqlite.exec(
      `UPDATE blog_categories SET category_name = 'Strength' WHERE category_name = 'Training'`,
    )
    expect(
      sqlite.prepare(`SELECT category FROM blog_posts WHERE blog_id = 'post-1'`).pluck().get(),
    ).toBe('Strength')
    sqlite.exec(`DELETE FROM blog_categories`)
    expect(
      sqlite.prepare(`SELECT category FROM blog_posts WHERE blog_id = 'post-1'`).pluck().get(),
    ).toBeNull()
    sqlite.exec('ROLLBACK TO cat; RELEASE cat')
  })

  it('an action still used by events cannot be deleted', () => {
    expect(() =>
      attempt(`${event({})}; DELETE FROM dim_actions WHERE action_type = 'app_open'`),
    ).toThrow(/FOREIGN KEY constraint failed/)
  })
})

describe('the seed views read the stored rows under the seeds’ names', () => {
  it('fact_event shows 000’s columns with ISO times computed exactly from milliseconds', () => {
    sqlite.exec('SAVEPOINT v')
    sqlite.exec(
      event({
        event_ts: '1740853800123',
        ingested_at: '1740853860999',
        class_session_id: `'cs-1'`,
      }),
    )
    const row = sqlite.prepare(`SELECT * FROM fact_event`).get()
    expect(row).toMatchObject({
      event_id: 'e-1',
      user_id: 'u-1',
      session_id: 'cs-1',
      event_type: 'app_open',
      event_ts: '2025-03-01T18:30:00.123Z',
      processed_time: '2025-03-01T18:31:00.999Z',
    })
    const activity = sqlite.prepare(`SELECT user_id, activity_type FROM user_activity`).get()
    expect(activity).toEqual({ user_id: 1, activity_type: 'app_open' })
    const entity = sqlite
      .prepare(`SELECT * FROM global_entity WHERE entity_type = 'fct_event'`)
      .get()
    expect(entity).toEqual({
      entity_id: 'e-1',
      entity_type: 'fct_event',
      event_time: '2025-03-01T18:30:00.123Z',
    })
    sqlite.exec('ROLLBACK TO v; RELEASE v')
  })

  it('dim_user computes age from the date of birth', () => {
    sqlite.exec('SAVEPOINT age')
    const today = new Date()
    const born = `${today.getUTCFullYear() - 30}-01-01`
    sqlite.exec(`UPDATE users SET date_of_birth = '${born}'`)
    const age = sqlite.prepare(`SELECT age FROM dim_user`).pluck().get() as number
    expect(age).toBe(30)
    sqlite.exec('ROLLBACK TO age; RELEASE age')
  })
})
