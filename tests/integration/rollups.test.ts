import type BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { generateDemoData } from '../../electron/services/demo'
import { dimDateRow } from '../../electron/services/rollups/calendar'
import { rebuildRollups, type RollupSettings } from '../../electron/services/rollups/rebuild'
import { defaultSettings } from '../../shared/settings'
import { dateKeyOf, zonedTimeToEpoch } from '../../shared/time'
import { openFresh } from '../helpers/db'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()
const ZONE = 'Europe/Berlin'
const settings: RollupSettings = { ...defaultSettings(ZONE), timeZone: ZONE }
const MIN = 60_000
const HOUR = 60 * MIN

/** An instant given as Berlin wall-clock time. */
const berlin = (year: number, month: number, day: number, hour: number, minute = 0) =>
  zonedTimeToEpoch({ year, month, day, hour, minute }, ZONE)

interface Fixture {
  sqlite: BetterSqlite3.Database
  close(): Promise<void>
  person(userId: string): number
  event(userId: string, name: string, ts: number, pageUrl?: string | null, source?: string): void
}

async function freshDatabase(actions: Record<string, boolean>): Promise<Fixture> {
  const handle = await openFresh(tempDir())
  const { sqlite } = handle
  const addAction = sqlite.prepare(
    `INSERT INTO dim_actions (action_type, is_core_action) VALUES (?, ?)`,
  )
  for (const [type, core] of Object.entries(actions)) addAction.run(type, core ? 1 : 0)
  const addUser = sqlite.prepare(`INSERT INTO users (user_id, username) VALUES (?, ?)`)
  const addEvent = sqlite.prepare(
    `INSERT INTO fct_event (event_id, user_id, event_name, event_ts, ingested_at, date_key, page_url, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  let n = 0
  return {
    sqlite,
    close: () => handle.close(),
    person: (userId) => Number(addUser.run(userId, userId).lastInsertRowid),
    event: (userId, name, ts, pageUrl = null, source = 'desktop') => {
      n += 1
      addEvent.run(`e${n}`, userId, name, ts, ts, dateKeyOf(ts, ZONE), pageUrl, source)
    },
  }
}

interface SessionRow {
  date_key: number
  session_start: number
  session_end: number
  session_duration_seconds: number
  actions_count: number
  screens_visited: number
  session_type: string | null
}
interface DayRow {
  date_key: number
  sessions_count: number
  total_session_duration: number
  total_actions: number
  unique_action_types: number
  is_active_day: number
  engagement_tier: string | null
}

const sessionsOf = (sqlite: BetterSqlite3.Database, userKey: number) =>
  sqlite
    .prepare(
      `SELECT date_key, session_start, session_end, session_duration_seconds, actions_count,
         screens_visited, session_type
       FROM fact_user_sessions WHERE user_key = ? ORDER BY session_start`,
    )
    .all(userKey) as SessionRow[]
const daysOf = (sqlite: BetterSqlite3.Database, userKey: number) =>
  sqlite
    .prepare(
      `SELECT date_key, sessions_count, total_session_duration, total_actions, unique_action_types,
         is_active_day, engagement_tier
       FROM fact_daily_user_activity WHERE user_key = ? ORDER BY date_key`,
    )
    .all(userKey) as DayRow[]

describe('dim_date', () => {
  it('uses ISO weekdays and ISO weeks', () => {
    expect(dimDateRow(20240331)).toEqual({
      date_key: 20240331,
      full_date: '2024-03-31',
      year: 2024,
      quarter: 1,
      month: 3,
      day_of_month: 31,
      day_of_week: 7,
      week_of_year: 13,
      is_weekend: 1,
    })
    expect(dimDateRow(20241230)).toMatchObject({ week_of_year: 1, day_of_week: 1, quarter: 4 })
    expect(dimDateRow(20210103)).toMatchObject({ week_of_year: 53, day_of_week: 7 })
    expect(dimDateRow(20250704)).toMatchObject({ quarter: 3, day_of_week: 5, is_weekend: 0 })
  })
})

describe('sessions', () => {
  it('split on gaps over 30 minutes, cross midnight, count real time over DST and cap at 24 h', async () => {
    const db = await freshDatabase({ open: true })
    const ana = db.person('ana')
    // Saturday night into the Sunday clocks go forward (02:00 → 03:00 in Berlin).
    db.event('ana', 'open', berlin(2024, 3, 30, 23, 50), '/a', 'web')
    db.event('ana', 'open', berlin(2024, 3, 31, 0, 10), '/b')
    db.event('ana', 'open', berlin(2024, 3, 31, 0, 40), '/a') // exactly 30 min: same session
    db.event('ana', 'open', berlin(2024, 3, 31, 1, 10) + 1, '/a', 'mobile') // 30 min + 1 ms: new
    db.event('ana', 'open', berlin(2024, 3, 31, 1, 40), null)
    db.event('ana', 'open', berlin(2024, 3, 31, 1, 55), '/a')
    db.event('ana', 'open', berlin(2024, 3, 31, 3, 10), '/c') // 15 real minutes after 01:55
    // Bo is busy for 30 hours straight, an event every 20 minutes.
    const bo = db.person('bo')
    const boStart = berlin(2024, 5, 1, 8)
    for (let i = 0; i <= 90; i += 1) db.event('bo', 'open', boStart + i * 20 * MIN)

    const counts = rebuildRollups(db.sqlite, settings)

    expect(sessionsOf(db.sqlite, ana)).toEqual([
      {
        date_key: 20240330,
        session_start: berlin(2024, 3, 30, 23, 50),
        session_end: berlin(2024, 3, 31, 0, 40),
        session_duration_seconds: 3000,
        actions_count: 3,
        screens_visited: 2,
        session_type: 'web',
      },
      {
        date_key: 20240331,
        session_start: berlin(2024, 3, 31, 1, 10) + 1,
        session_end: berlin(2024, 3, 31, 3, 10),
        session_duration_seconds: 3600,
        actions_count: 4,
        screens_visited: 2,
        session_type: 'mobile',
      },
    ])
    expect(daysOf(db.sqlite, ana)).toMatchObject([
      { date_key: 20240330, sessions_count: 1, total_session_duration: 3000, total_actions: 1 },
      { date_key: 20240331, sessions_count: 1, total_session_duration: 3600, total_actions: 6 },
    ])

    const boSessions = sessionsOf(db.sqlite, bo)
    expect(boSessions.map((s) => [s.actions_count, s.session_duration_seconds])).toEqual([
      [73, 86_400],
      [18, 17 * 20 * 60],
    ])
    expect(boSessions[1]?.session_start).toBe(boStart + 73 * 20 * MIN)
    expect(daysOf(db.sqlite, bo)).toMatchObject([
      { date_key: 20240501, sessions_count: 1, total_session_duration: 86_400, total_actions: 48 },
      { date_key: 20240502, sessions_count: 1, total_session_duration: 20_400, total_actions: 43 },
    ])

    // dim_date covers every day from the first to the last, without gaps.
    expect(counts.dimDate).toBe(34)
    const days = db.sqlite.prepare(`SELECT date_key FROM dim_date ORDER BY date_key`).pluck().all()
    expect(days[0]).toBe(20240330)
    expect(days.at(-1)).toBe(20240502)
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([])
    await db.close()
  })

  it('rebuilds to the same rows when run twice', async () => {
    const db = await freshDatabase({ open: true })
    db.person('ana')
    for (let i = 0; i < 10; i += 1) db.event('ana', 'open', berlin(2024, 6, 1, 9) + i * 45 * MIN)
    rebuildRollups(db.sqlite, settings)
    const first = db.sqlite.prepare(`SELECT * FROM fact_user_sessions`).all()
    rebuildRollups(db.sqlite, settings)
    expect(db.sqlite.prepare(`SELECT * FROM fact_user_sessions`).all()).toEqual(first)
    expect(first).toHaveLength(10)
    await db.close()
  })
})

describe('active days', () => {
  it('need a core action, unless no action is core', async () => {
    const db = await freshDatabase({ open: false, work: true })
    const ana = db.person('ana')
    db.event('ana', 'open', berlin(2024, 6, 3, 9))
    db.event('ana', 'open', berlin(2024, 6, 4, 9))
    db.event('ana', 'work', berlin(2024, 6, 4, 10))
    rebuildRollups(db.sqlite, settings)
    expect(daysOf(db.sqlite, ana)).toMatchObject([
      { date_key: 20240603, is_active_day: 0, unique_action_types: 1, engagement_tier: 'Casual' },
      { date_key: 20240604, is_active_day: 1, unique_action_types: 2, engagement_tier: 'Casual' },
    ])

    db.sqlite.exec(`UPDATE dim_actions SET is_core_action = 0`)
    rebuildRollups(db.sqlite, settings)
    expect(daysOf(db.sqlite, ana).map((d) => d.is_active_day)).toEqual([1, 1])
    await db.close()
  })
})

describe('engagement tiers', () => {
  it('follow active days per calendar month, Power from the quantile of Core people', async () => {
    const db = await freshDatabase({ open: false, work: true })
    /** `days` active days in May 2024 from the 1st, `perDay` core events on each. */
    const activeInMay = (userId: string, days: number, perDay: number) => {
      for (let d = 1; d <= days; d += 1) {
        for (let i = 0; i < perDay; i += 1) db.event(userId, 'work', berlin(2024, 5, d, 12, i))
      }
    }
    const people: Record<string, number> = {}
    for (const name of ['casual', 'regular6', 'regular15', 'core1', 'core2', 'power', 'idle']) {
      people[name] = db.person(name)
    }
    activeInMay('casual', 3, 1)
    activeInMay('regular6', 6, 1)
    activeInMay('regular15', 15, 1)
    activeInMay('core1', 16, 1)
    activeInMay('core2', 20, 2)
    activeInMay('power', 16, 5)
    // Non-core events neither make a day active nor count towards actions per active day.
    for (let i = 0; i < 30; i += 1) db.event('core2', 'open', berlin(2024, 5, 25, 8, i))
    db.event('idle', 'open', berlin(2024, 5, 2, 9))
    // June: regular15 alone is Core, so the month's quantile is their own value: Power.
    for (let d = 1; d <= 16; d += 1) db.event('regular15', 'work', berlin(2024, 6, d, 12))

    rebuildRollups(db.sqlite, settings)
    const tiers = db.sqlite
      .prepare(
        `SELECT u.user_id, f.date_key / 100 AS month, group_concat(DISTINCT f.engagement_tier) AS tiers
         FROM fact_daily_user_activity f JOIN users u ON u.id = f.user_key
         GROUP BY u.user_id, month ORDER BY u.user_id, month`,
      )
      .all()
    // Core people's actions per active day in May: 1, 2 and 5. The 0.9 quantile by linear
    // interpolation is 2 + 0.8 × (5 − 2) = 4.4, so only the one at 5 is Power.
    expect(tiers).toEqual([
      { user_id: 'casual', month: 202405, tiers: 'Casual' },
      { user_id: 'core1', month: 202405, tiers: 'Core' },
      { user_id: 'core2', month: 202405, tiers: 'Core' },
      { user_id: 'idle', month: 202405, tiers: null },
      { user_id: 'power', month: 202405, tiers: 'Power' },
      { user_id: 'regular15', month: 202405, tiers: 'Regular' },
      { user_id: 'regular15', month: 202406, tiers: 'Power' },
      { user_id: 'regular6', month: 202405, tiers: 'Regular' },
    ])
    // The inactive day of a Core person carries the month's tier too.
    expect(daysOf(db.sqlite, people.core2 ?? 0).at(-1)).toMatchObject({
      date_key: 20240525,
      is_active_day: 0,
      total_actions: 30,
      engagement_tier: 'Core',
    })
    await db.close()
  })
})

describe('media analytics', () => {
  it('sums hours, ratings and the favourite genre per person, type and month', async () => {
    const db = await freshDatabase({})
    const me = db.person('me')
    const film = db.sqlite.prepare(
      `INSERT INTO media_movies (title, genre, user_rating, watch_date, watch_duration_minutes, user_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    film.run('A', 'Drama', 8, '2024-05-03', 120, me, '2024-05-03T21:00:00.000Z')
    film.run('B', 'Comedy', 6, '2024-05-04', 120, me, '2024-05-04T21:00:00.000Z')
    film.run('C', 'Drama', null, '2024-05-20', 60, me, '2024-05-21T08:00:00.000Z')
    // A tie on hours goes to the alphabetically first genre.
    film.run('D', 'Thriller', 7, '2024-06-01', 90, me, '2024-06-01T21:00:00.000Z')
    film.run('E', 'Action', 9, '2024-06-02', 90, me, '2024-06-02T21:00:00.000Z')
    // A game counts in the local month of created_at: 23:30 UTC on 31 May is June in Berlin.
    db.sqlite
      .prepare(
        `INSERT INTO media_games (title, genre, play_time_hours, user_rating, user_id, created_at)
         VALUES ('G', 'RPG', 12.5, 9, ?, '2024-05-31T23:30:00.000Z')`,
      )
      .run(me)
    db.sqlite
      .prepare(
        `INSERT INTO media_consumption (user_id, media_type, consumption_date, duration_minutes, rating, created_at)
         VALUES (?, 'book', '2024-05-10', 90, 9, '2024-05-10T20:00:00.000Z')`,
      )
      .run(me)

    rebuildRollups(db.sqlite, settings)
    const rows = db.sqlite
      .prepare(
        `SELECT media_type, total_consumption_hours AS hours, favorite_genre AS genre,
           average_rating AS rating, analytics_period AS period, period_start_date AS start,
           period_end_date AS "end", created_at
         FROM media_analytics WHERE user_id = ? ORDER BY media_type, period_start_date`,
      )
      .all(me)
    expect(rows).toEqual([
      {
        media_type: 'book',
        hours: 1.5,
        genre: null,
        rating: 9,
        period: 'month',
        start: '2024-05-01',
        end: '2024-05-31',
        created_at: '2024-05-10T20:00:00.000Z',
      },
      {
        media_type: 'game',
        hours: 12.5,
        genre: 'RPG',
        rating: 9,
        period: 'month',
        start: '2024-06-01',
        end: '2024-06-30',
        created_at: '2024-05-31T23:30:00.000Z',
      },
      {
        media_type: 'movie',
        hours: 5,
        genre: 'Drama',
        rating: 7,
        period: 'month',
        start: '2024-05-01',
        end: '2024-05-31',
        created_at: '2024-05-21T08:00:00.000Z',
      },
      {
        media_type: 'movie',
        hours: 3,
        genre: 'Action',
        rating: 8,
        period: 'month',
        start: '2024-06-01',
        end: '2024-06-30',
        created_at: '2024-06-02T21:00:00.000Z',
      },
    ])
    await db.close()
  })
})

/** An independent reference, written as plain loops over the raw events. */
function reference(sqlite: BetterSqlite3.Database) {
  const core = new Set(
    sqlite
      .prepare(`SELECT action_type FROM dim_actions WHERE is_core_action = 1`)
      .pluck()
      .all() as string[],
  )
  const events = sqlite
    .prepare(
      `SELECT u.id AS userKey, e.event_ts AS ts, e.event_name AS name, e.date_key AS dateKey
       FROM fct_event e JOIN users u ON u.user_id = e.user_id
       ORDER BY u.id, e.event_ts, e.event_key`,
    )
    .all() as { userKey: number; ts: number; name: string; dateKey: number }[]

  const sessions = new Map<number, number>()
  const dau = new Map<number, Set<number>>()
  const months = new Map<
    string,
    { userKey: number; month: number; days: Set<number>; actions: number }
  >()
  let user = -1
  let start = 0
  let last = 0
  for (const e of events) {
    if (e.userKey !== user || e.ts - last > 30 * MIN || e.ts - start > 24 * HOUR) {
      sessions.set(e.userKey, (sessions.get(e.userKey) ?? 0) + 1)
      start = e.ts
    }
    user = e.userKey
    last = e.ts
    const isCore = core.size === 0 || core.has(e.name)
    if (isCore) {
      if (!dau.has(e.dateKey)) dau.set(e.dateKey, new Set())
      dau.get(e.dateKey)?.add(e.userKey)
    }
  }
  // Actions per active day count every event on the person's active days.
  const activeDays = new Set<string>()
  for (const [day, people] of dau) for (const p of people) activeDays.add(`${p}:${day}`)
  for (const e of events) {
    const month = Math.floor(e.dateKey / 100)
    const key = `${e.userKey}:${month}`
    if (!months.has(key))
      months.set(key, { userKey: e.userKey, month, days: new Set(), actions: 0 })
    const m = months.get(key)
    if (m && activeDays.has(`${e.userKey}:${e.dateKey}`)) {
      m.days.add(e.dateKey)
      m.actions += 1
    }
  }
  const tiers = new Map<string, string | null>()
  const coreValues = new Map<number, number[]>()
  for (const [key, m] of months) {
    const n = m.days.size
    const tier = n === 0 ? null : n >= 16 ? 'Core' : n >= 6 ? 'Regular' : 'Casual'
    tiers.set(key, tier)
    if (tier === 'Core') {
      if (!coreValues.has(m.month)) coreValues.set(m.month, [])
      coreValues.get(m.month)?.push(m.actions / n)
    }
  }
  for (const [key, m] of months) {
    if (tiers.get(key) !== 'Core') continue
    const values = [...(coreValues.get(m.month) ?? [])].sort((a, b) => a - b)
    const h = (values.length - 1) * 0.9
    const lo = Math.floor(h)
    const hi = Math.min(lo + 1, values.length - 1)
    const threshold = (values[lo] ?? 0) + (h - lo) * ((values[hi] ?? 0) - (values[lo] ?? 0))
    if (m.actions / m.days.size >= threshold) tiers.set(key, 'Power')
  }
  return { sessions, dau, tiers }
}

describe('on the demo data', () => {
  it('match a reference computed with plain loops', async () => {
    const handle = await openFresh(tempDir())
    const { sqlite } = handle
    generateDemoData(handle, {
      seed: 42,
      now: new Date('2025-06-15T10:30:00.000Z'),
      timeZone: ZONE,
    })
    const ref = reference(sqlite)

    const sessions = sqlite
      .prepare(
        `SELECT user_key AS userKey, count(*) AS n FROM fact_user_sessions GROUP BY user_key`,
      )
      .all() as { userKey: number; n: number }[]
    expect(new Map(sessions.map((s) => [s.userKey, s.n]))).toEqual(ref.sessions)
    expect(sessions.length).toBeGreaterThan(500)

    const dau = sqlite
      .prepare(
        `SELECT date_key AS day, count(*) AS n FROM fact_daily_user_activity
         WHERE is_active_day = 1 GROUP BY date_key`,
      )
      .all() as { day: number; n: number }[]
    expect(new Map(dau.map((d) => [d.day, d.n]))).toEqual(
      new Map([...ref.dau].map(([day, people]) => [day, people.size])),
    )

    const tiers = sqlite
      .prepare(
        `SELECT DISTINCT user_key || ':' || (date_key / 100) AS key, engagement_tier AS tier
         FROM fact_daily_user_activity`,
      )
      .all() as { key: string; tier: string | null }[]
    expect(new Map(tiers.map((t) => [t.key, t.tier]))).toEqual(ref.tiers)
    expect(new Set(tiers.map((t) => t.tier))).toEqual(
      new Set(['Casual', 'Regular', 'Core', 'Power', null]),
    )
    await handle.close()
  }, 120_000)
})
