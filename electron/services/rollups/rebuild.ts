/*
 * Rollups: a full rebuild of the derived tables (dim_date, fact_user_sessions,
 * fact_daily_user_activity, media_analytics) from the raw data, in one transaction.
 *
 * Time zone. A day is a calendar day in `settings.timeZone`. Every event carries its day already
 * (fct_event.date_key, computed in that zone when it was written; a change of zone rewrites those
 * keys first). A person's day row is keyed by that stored day. A session belongs to the local day
 * its first event happens on: dateKeyOf(session_start, timeZone). dim_date holds every day from
 * the earliest to the latest of all those days. Days are calendar days, so a DST day simply has
 * 23 or 25 hours.
 *
 * Sessions. A person's events ordered by event_ts (then event_key); a gap strictly longer than
 * `sessionGapMinutes` starts a new session, and so does an event more than 24 hours after the
 * session's first event.
 *
 * Active day. A day with at least one event whose action is core (dim_actions.is_core_action);
 * when no action at all is marked core, any event makes the day active.
 *
 * Tiers, per person and calendar month of the stored day: A = active days in the month.
 * A = 0 → NULL; 1 ≤ A < regularMinDays → Casual; regularMinDays ≤ A < coreMinDays → Regular;
 * A ≥ coreMinDays → Core, or Power when the person's actions per active day (events on active
 * days ÷ A) are at or above the `powerQuantile` quantile (linear interpolation, type 7: see
 * tiers.ts) of that value over the month's Core people. Every day row of the person in that
 * month carries the month's tier.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { Settings } from '../../../shared/settings'
import { dimDateRows } from './calendar'
import { dailyActivity, type DayActivity } from './daily-activity'
import { rebuildMediaAnalytics } from './media-analytics'
import { deriveSessions, sessionDurationSeconds, type DerivedSession } from './sessions'
import { refreshDayTotals, writeUserDays, writeUserMonths } from './summaries'
import { monthlyTiers, type PersonMonth } from './tiers'

export type RollupSettings = Pick<
  Settings,
  'timeZone' | 'sessionGapMinutes' | 'regularMinDays' | 'coreMinDays' | 'powerQuantile'
>

export interface RollupCounts {
  dimDate: number
  sessions: number
  dailyActivity: number
  mediaAnalytics: number
}

interface EventRow {
  ts: number
  name: string
  pageUrl: string | null
  source: string | null
  dateKey: number
}

interface Person {
  userKey: number
  sessions: DerivedSession[]
  days: DayActivity[]
}

function readPeople(sqlite: BetterSqlite3.Database, settings: RollupSettings): Person[] {
  const core = new Set(
    sqlite
      .prepare(`SELECT action_type FROM dim_actions WHERE is_core_action = 1`)
      .pluck()
      .all() as string[],
  )
  const countsAsActive = core.size === 0 ? () => true : (actionType: string) => core.has(actionType)
  const people = sqlite
    .prepare(
      `SELECT u.id AS userKey, u.user_id AS userId FROM users u
       WHERE EXISTS (SELECT 1 FROM fct_event e WHERE e.user_id = u.user_id) ORDER BY u.id`,
    )
    .all() as { userKey: number; userId: string }[]
  const eventsOf = sqlite.prepare(
    `SELECT event_ts AS ts, event_name AS name, page_url AS pageUrl, source, date_key AS dateKey
     FROM fct_event WHERE user_id = ? ORDER BY event_ts, event_key`,
  )
  const gapMs = settings.sessionGapMinutes * 60_000
  return people.map(({ userKey, userId }) => {
    const events = eventsOf.all(userId) as EventRow[]
    const sessions = deriveSessions(events, gapMs, settings.timeZone)
    return { userKey, sessions, days: dailyActivity(events, sessions, countsAsActive) }
  })
}

function personMonths(person: Person): PersonMonth[] {
  const months = new Map<number, PersonMonth>()
  for (const day of person.days) {
    const month = Math.floor(day.dateKey / 100)
    let m = months.get(month)
    if (!m) {
      m = { userKey: person.userKey, month, activeDays: 0, actionsOnActiveDays: 0 }
      months.set(month, m)
    }
    if (day.isActive) {
      m.activeDays += 1
      m.actionsOnActiveDays += day.totalActions
    }
  }
  return [...months.values()]
}

function writeDimDate(sqlite: BetterSqlite3.Database, people: readonly Person[]) {
  let min = Infinity
  let max = -Infinity
  for (const person of people) {
    for (const { dateKey } of [...person.days, ...person.sessions]) {
      if (dateKey < min) min = dateKey
      if (dateKey > max) max = dateKey
    }
  }
  if (min === Infinity) return 0
  const insert = sqlite.prepare(
    `INSERT INTO dim_date (date_key, full_date, year, quarter, month, day_of_month, day_of_week,
       week_of_year, is_weekend)
     VALUES (@date_key, @full_date, @year, @quarter, @month, @day_of_month, @day_of_week,
       @week_of_year, @is_weekend)`,
  )
  const rows = dimDateRows(min, max)
  for (const row of rows) insert.run(row)
  return rows.length
}

function writeSessions(sqlite: BetterSqlite3.Database, people: readonly Person[]) {
  const insert = sqlite.prepare(
    `INSERT INTO fact_user_sessions (user_key, date_key, session_id, session_start, session_end,
       session_duration_seconds, actions_count, screens_visited, session_type)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  let count = 0
  for (const { userKey, sessions } of people) {
    for (const s of sessions) {
      insert.run(
        userKey,
        s.dateKey,
        `${userKey}-${s.start}`,
        s.start,
        s.end,
        sessionDurationSeconds(s),
        s.actions,
        s.screens,
        s.type,
      )
      count += 1
    }
  }
  return count
}

function writeDailyActivity(
  sqlite: BetterSqlite3.Database,
  people: readonly Person[],
  settings: RollupSettings,
) {
  const months = people.flatMap(personMonths)
  const tiers = monthlyTiers(months, settings)
  writeUserMonths(sqlite, months, tiers)
  const insert = sqlite.prepare(
    `INSERT INTO fact_daily_user_activity (user_key, date_key, sessions_count,
       total_session_duration, total_actions, unique_action_types, is_active_day, engagement_tier)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  let count = 0
  for (const { userKey, days } of people) {
    for (const d of days) {
      insert.run(
        userKey,
        d.dateKey,
        d.sessionsCount,
        d.totalSessionDuration,
        d.totalActions,
        d.uniqueActionTypes,
        d.isActive ? 1 : 0,
        tiers.get(`${userKey}:${Math.floor(d.dateKey / 100)}`) ?? null,
      )
      count += 1
    }
  }
  return count
}

/**
 * Rebuilds every derived table from fct_event and the media tables. Synchronous, so a caller
 * already inside a transaction (the demo generator) gets it as a savepoint of its own.
 */
export function rebuildRollups(
  sqlite: BetterSqlite3.Database,
  settings: RollupSettings,
): RollupCounts {
  const rebuild = sqlite.transaction((): RollupCounts => {
    const people = readPeople(sqlite, settings)
    for (const table of ['rollup_user_days', 'rollup_user_months', 'rollup_days']) {
      sqlite.prepare(`DELETE FROM ${table}`).run()
    }
    sqlite.prepare(`DELETE FROM fact_daily_user_activity`).run()
    sqlite.prepare(`DELETE FROM fact_user_sessions`).run()
    sqlite.prepare(`DELETE FROM dim_date`).run()
    const dimDate = writeDimDate(sqlite, people)
    const sessions = writeSessions(sqlite, people)
    const daily = writeDailyActivity(sqlite, people, settings)
    writeUserDays(sqlite, people)
    refreshDayTotals(sqlite)
    const mediaAnalytics = rebuildMediaAnalytics(sqlite, settings.timeZone)
    return { dimDate, sessions, dailyActivity: daily, mediaAnalytics }
  })
  return rebuild.immediate()
}
