/*
 * Rollups: a full rebuild of the derived tables (dim_date, fact_user_sessions,
 * fact_daily_user_activity, media_analytics, and the summaries rollup_user_days,
 * rollup_user_months and rollup_days) from the raw data, in one transaction. It is what the
 * incremental upkeep (upkeep.ts) must always equal.
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
 *
 * How (scan.ts). One scan of fct_event in table order, events kept per person in columns of small
 * numbers, each person's put in (event_ts, event_key) order and summed up in one loop. (The
 * ordered scan through event_user_time looks every row up in the table at random: measured
 * four times slower at a million events.) People are written in users.id order, 64 rows to a
 * statement, with the rollup tables' by-day indexes set aside and built again after; day rows
 * wait in flat arrays until every month's tiers are known.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { BatchInsert } from './batch'
import { dimDateRows } from './calendar'
import { dayNumberOf, encodeDays } from './day-bits'
import { rebuildMediaAnalytics } from './media-analytics'
import { withPageCache } from './page-cache'
import { scanEvents } from './scan'
import { sessionDurationSeconds } from './sessions'
import {
  coreSignature,
  lastEventKey,
  readCoreFlags,
  settingsSignature,
  writeState,
  type RollupSettings,
} from './state'
import { tiersOf, type PersonMonth } from './tiers'

export type { RollupSettings } from './state'

export interface RollupCounts {
  dimDate: number
  sessions: number
  dailyActivity: number
  mediaAnalytics: number
}

/** The page cache the rebuild works with, at least (the window's connection has 16 MB). */
const REBUILD_CACHE_KIB = 64 * 1024

export interface RebuildOptions {
  /** Called now and then with the share done (0–1) and what is being done. */
  onProgress?(fraction: number, message: string): void
}

/** The core actions' test: any event counts when no action is marked core. */
export function activeTest(sqlite: BetterSqlite3.Database) {
  const core = new Set(
    sqlite
      .prepare(`SELECT action_type FROM dim_actions WHERE is_core_action = 1`)
      .pluck()
      .all() as string[],
  )
  return core.size === 0 ? () => true : (actionType: string) => core.has(actionType)
}

/** Day rows as parallel columns (a million small objects cost more than the rows). */
class DayColumns {
  userKey: number[] = []
  dateKey: number[] = []
  sessions: number[] = []
  seconds: number[] = []
  actions: number[] = []
  types: number[] = []
  active: number[] = []
  /** Index of the row's person-month in `months`. */
  month: number[] = []
  months: PersonMonth[] = []
}

function scanPeople(
  sqlite: BetterSqlite3.Database,
  settings: RollupSettings,
  countsAsActive: (name: string) => boolean,
  onProgress: RebuildOptions['onProgress'],
  schema: string,
) {
  const sessions = new BatchInsert(sqlite, `${schema}.fact_user_sessions`, [
    'user_key',
    'date_key',
    'session_id',
    'session_start',
    'session_end',
    'session_duration_seconds',
    'actions_count',
    'screens_visited',
    'session_type',
  ])
  const days = new DayColumns()
  let minDay = Infinity
  let maxDay = -Infinity
  scanEvents(
    sqlite,
    {
      gapMs: settings.sessionGapMinutes * 60_000,
      timeZone: settings.timeZone,
      countsAsActive,
      onProgress: (fraction) => onProgress?.(0.7 * fraction, 'Reading events'),
    },
    {
      person(userKey, derived, personDays) {
        for (const s of derived) {
          sessions.push(
            userKey,
            s.dateKey,
            `${userKey}-${s.start}`,
            s.start,
            s.end,
            sessionDurationSeconds(s),
            s.actions,
            s.screens,
            s.source,
          )
          if (s.dateKey < minDay) minDay = s.dateKey
          if (s.dateKey > maxDay) maxDay = s.dateKey
        }
        let month: PersonMonth | null = null
        for (const d of personDays) {
          const m = Math.floor(d.dateKey / 100)
          if (month === null || month.month !== m) {
            month = { userKey, month: m, activeDays: 0, actionsOnActiveDays: 0 }
            days.months.push(month)
          }
          if (d.active) {
            month.activeDays += 1
            month.actionsOnActiveDays += d.actions
          }
          days.userKey.push(userKey)
          days.dateKey.push(d.dateKey)
          days.sessions.push(d.sessions)
          days.seconds.push(d.seconds)
          days.actions.push(d.actions)
          days.types.push(d.types)
          days.active.push(d.active ? 1 : 0)
          days.month.push(days.months.length - 1)
          if (d.dateKey < minDay) minDay = d.dateKey
          if (d.dateKey > maxDay) maxDay = d.dateKey
        }
      },
    },
  )
  return { sessions: sessions.flush(), days, minDay, maxDay }
}

/**
 * Sets aside the indexes of the rollup tables that rows written in person order would reach at
 * random (by day), and returns what builds them again, sorted, in one pass each.
 */
export function setIndexesAside(sqlite: BetterSqlite3.Database) {
  const indexes = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN ('fact_user_sessions', 'fact_daily_user_activity')`,
    )
    .all() as { name: string; sql: string }[]
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`)
  return () => {
    for (const index of indexes) sqlite.exec(index.sql)
  }
}

function writeDays(
  sqlite: BetterSqlite3.Database,
  days: DayColumns,
  settings: RollupSettings,
  schema: string,
) {
  const tiers = tiersOf(days.months, settings)
  const months = new BatchInsert(sqlite, `${schema}.rollup_user_months`, [
    'user_key',
    'month',
    'active_days',
    'actions_on_active_days',
    'tier',
  ])
  const byKey = days.months.map((_, i) => i)
  byKey.sort((a, b) => {
    const x = days.months[a] as PersonMonth
    const y = days.months[b] as PersonMonth
    return x.userKey - y.userKey || x.month - y.month
  })
  for (const i of byKey) {
    const m = days.months[i] as PersonMonth
    const tier = tiers[i]
    if (m.activeDays > 0 && tier) {
      months.push(m.userKey, m.month, m.activeDays, m.actionsOnActiveDays, tier)
    }
  }
  months.flush()
  const insert = new BatchInsert(sqlite, `${schema}.fact_daily_user_activity`, [
    'user_key',
    'date_key',
    'sessions_count',
    'total_session_duration',
    'total_actions',
    'unique_action_types',
    'is_active_day',
    'engagement_tier',
  ])
  const userDays = new BatchInsert(sqlite, `${schema}.rollup_user_days`, [
    'user_key',
    'first_day',
    'last_day',
    'active_days',
    'days',
  ])
  // People were read in the text order of their key (session_id's order); their day rows go
  // in key order, the order of the day table's primary key.
  const starts: number[] = []
  const n = days.userKey.length
  for (let i = 0; i < n; i++) if (i === 0 || days.userKey[i] !== days.userKey[i - 1]) starts.push(i)
  starts.sort((a, b) => (days.userKey[a] as number) - (days.userKey[b] as number))
  for (const start of starts) {
    const userKey = days.userKey[start] as number
    const active: number[] = []
    for (let i = start; i < n && days.userKey[i] === userKey; i++) {
      const dateKey = days.dateKey[i] as number
      insert.push(
        userKey,
        dateKey,
        days.sessions[i] as number,
        days.seconds[i] as number,
        days.actions[i] as number,
        days.types[i] as number,
        days.active[i] as number,
        tiers[days.month[i] as number] ?? null,
      )
      if (days.active[i] === 1) active.push(dayNumberOf(dateKey))
    }
    const bits = encodeDays(active)
    if (bits) userDays.push(userKey, bits.firstDay, bits.lastDay, bits.activeDays, bits.bits)
  }
  userDays.flush()
  return insert.flush()
}

/** rollup_days from the day rows in memory (summing them in SQL reads each row at random). */
function writeDayTotals(sqlite: BetterSqlite3.Database, days: DayColumns, schema: string) {
  const totals = new Map<number, [number, number, number, number, number]>()
  for (let i = 0; i < days.dateKey.length; i++) {
    const key = days.dateKey[i] as number
    let t = totals.get(key)
    if (!t) totals.set(key, (t = [0, 0, 0, 0, 0]))
    const sessions = days.sessions[i] as number
    t[0] += days.actions[i] as number
    t[1] += days.active[i] as number
    t[2] += sessions
    t[3] += days.seconds[i] as number
    t[4] += sessions > 0 ? 1 : 0
  }
  const insert = new BatchInsert(sqlite, `${schema}.rollup_days`, [
    'date_key',
    'events',
    'active_users',
    'sessions',
    'session_seconds',
    'session_users',
  ])
  for (const [key, t] of [...totals].sort((a, b) => a[0] - b[0])) insert.push(key, ...t)
  return insert.flush()
}

export function writeDimDate(
  sqlite: BetterSqlite3.Database,
  minDay: number,
  maxDay: number,
  schema: string,
) {
  if (minDay === Infinity) return 0
  const insert = new BatchInsert(sqlite, `${schema}.dim_date`, [
    'date_key',
    'full_date',
    'year',
    'quarter',
    'month',
    'day_of_month',
    'day_of_week',
    'week_of_year',
    'is_weekend',
  ])
  for (const r of dimDateRows(minDay, maxDay)) {
    insert.push(
      r.date_key,
      r.full_date,
      r.year,
      r.quarter,
      r.month,
      r.day_of_month,
      r.day_of_week,
      r.week_of_year,
      r.is_weekend,
    )
  }
  return insert.flush()
}

/** The rollup tables written from fct_event (media_analytics is written from the media tables). */
export const EVENT_ROLLUP_TABLES = [
  'rollup_user_days',
  'rollup_user_months',
  'rollup_days',
  'fact_daily_user_activity',
  'fact_user_sessions',
  'dim_date',
] as const

/**
 * Rebuilds every derived table from fct_event and the media tables, and records in rollup_state
 * that the rollups now reflect every event, these settings and the current core actions (stored
 * date_keys are taken to be in `settings.timeZone`). Synchronous, so a caller already inside a
 * transaction (the demo generator, an import) gets it as a savepoint of its own.
 */
export function rebuildRollups(
  sqlite: BetterSqlite3.Database,
  settings: RollupSettings,
  options: RebuildOptions = {},
): RollupCounts {
  const rebuild = sqlite.transaction((): RollupCounts => {
    // Every rollup page is written: a page cache that holds them spills less to the WAL.
    return withPageCache(sqlite, REBUILD_CACHE_KIB, () =>
      rebuildAll(sqlite, settings, options.onProgress),
    )
  })
  return rebuild.immediate()
}

function rebuildAll(
  sqlite: BetterSqlite3.Database,
  settings: RollupSettings,
  onProgress: RebuildOptions['onProgress'],
): RollupCounts {
  onProgress?.(0, 'Clearing the rollups')
  // dim_date is known only once every event is read: the day rows' references to it are
  // checked at commit instead of row by row.
  sqlite.pragma('defer_foreign_keys = ON')
  for (const table of EVENT_ROLLUP_TABLES) sqlite.prepare(`DELETE FROM ${table}`).run()
  const buildIndexes = setIndexesAside(sqlite)
  const flags = readCoreFlags(sqlite)
  const { dayRange, ...computed } = computeRollupsInto(sqlite, settings, 'main', onProgress)
  onProgress?.(0.85, 'Indexing sessions and days')
  buildIndexes()
  onProgress?.(0.95, 'Writing totals')
  // After the by-day indexes: each day written looks for the rows that wait for it.
  const dimDate = writeDimDate(sqlite, dayRange.minDay, dayRange.maxDay, 'main')
  const mediaAnalytics = rebuildMediaAnalytics(sqlite, settings.timeZone)
  sqlite.prepare(`DELETE FROM rollup_dirty`).run()
  writeState(sqlite, {
    eventMark: lastEventKey(sqlite),
    keyZone: settings.timeZone,
    builtWith: settingsSignature(settings),
    coreActions: coreSignature(flags),
  })
  onProgress?.(1, 'Done')
  return { ...computed, dimDate, mediaAnalytics }
}

/**
 * Computes every event rollup but dim_date from fct_event into the tables of `schema` ('main',
 * or the background rebuild's shadow copies: see shadow.ts), which must be empty; returns the
 * span of days dim_date must hold (writeDimDate). Writes nothing else.
 */
export function computeRollupsInto(
  sqlite: BetterSqlite3.Database,
  settings: RollupSettings,
  schema: string,
  onProgress: RebuildOptions['onProgress'],
) {
  const scanned = scanPeople(sqlite, settings, activeTest(sqlite), onProgress, schema)
  onProgress?.(0.75, 'Writing active days and tiers')
  const daily = writeDays(sqlite, scanned.days, settings, schema)
  writeDayTotals(sqlite, scanned.days, schema)
  return {
    sessions: scanned.sessions,
    dailyActivity: daily,
    dayRange: { minDay: scanned.minDay, maxDay: scanned.maxDay },
  }
}
