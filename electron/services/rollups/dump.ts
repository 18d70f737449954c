import type BetterSqlite3 from 'better-sqlite3'

/**
 * Every rollup table's rows in a fixed order, for holding the incremental upkeep against a full
 * rebuild. fact_user_sessions.session_key is a surrogate numbered in the order rows were written,
 * so it is left out (session_id names a session).
 */
export const ROLLUP_DUMPS = {
  dim_date: `SELECT * FROM dim_date ORDER BY date_key`,
  fact_user_sessions: `SELECT user_key, date_key, session_id, session_start, session_end,
      session_duration_seconds, actions_count, screens_visited, session_type
    FROM fact_user_sessions ORDER BY user_key, session_start`,
  fact_daily_user_activity: `SELECT * FROM fact_daily_user_activity ORDER BY user_key, date_key`,
  media_analytics: `SELECT user_id, media_type, total_consumption_hours, favorite_genre,
      average_rating, analytics_period, period_start_date, period_end_date, created_at
    FROM media_analytics ORDER BY user_id, media_type, period_start_date`,
  rollup_user_days: `SELECT user_key, first_day, last_day, active_days, hex(days) AS days
    FROM rollup_user_days ORDER BY user_key`,
  rollup_user_months: `SELECT * FROM rollup_user_months ORDER BY user_key, month`,
  rollup_days: `SELECT * FROM rollup_days ORDER BY date_key`,
} as const

export type RollupDump = Record<keyof typeof ROLLUP_DUMPS, unknown[][]>

export function dumpRollups(sqlite: BetterSqlite3.Database): RollupDump {
  const dump = {} as RollupDump
  for (const [table, sql] of Object.entries(ROLLUP_DUMPS)) {
    dump[table as keyof RollupDump] = sqlite.prepare(sql).raw(true).all() as unknown[][]
  }
  return dump
}

/** The tables whose rows differ, with the first differing row of each (for messages). */
export function dumpDifferences(a: RollupDump, b: RollupDump) {
  const differences: { table: string; index: number; a: unknown; b: unknown }[] = []
  for (const table of Object.keys(ROLLUP_DUMPS) as (keyof RollupDump)[]) {
    const x = a[table]
    const y = b[table]
    const n = Math.max(x.length, y.length)
    for (let i = 0; i < n; i++) {
      if (JSON.stringify(x[i]) !== JSON.stringify(y[i])) {
        differences.push({ table, index: i, a: x[i], b: y[i] })
        break
      }
    }
  }
  return differences
}
