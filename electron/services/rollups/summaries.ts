import type BetterSqlite3 from 'better-sqlite3'
import { dayNumberOf, encodeDays } from './day-bits'
import type { DayActivity } from './daily-activity'
import type { PersonMonth, Tier } from './tiers'

// Writers of the summary tables (migration 0010) from people's computed days and months.

export interface PersonDays {
  userKey: number
  days: readonly DayActivity[]
}

/** rollup_user_days rows for these people (callers delete their old rows first). */
export function writeUserDays(sqlite: BetterSqlite3.Database, people: readonly PersonDays[]) {
  const insert = sqlite.prepare(
    `INSERT INTO rollup_user_days (user_key, first_day, last_day, active_days, days)
     VALUES (?, ?, ?, ?, ?)`,
  )
  let count = 0
  for (const { userKey, days } of people) {
    const bits = encodeDays(days.filter((d) => d.isActive).map((d) => dayNumberOf(d.dateKey)))
    if (!bits) continue
    insert.run(userKey, bits.firstDay, bits.lastDay, bits.activeDays, bits.bits)
    count += 1
  }
  return count
}

/** rollup_user_months rows for the months with active days (callers delete the old rows). */
export function writeUserMonths(
  sqlite: BetterSqlite3.Database,
  months: readonly PersonMonth[],
  tiers: ReadonlyMap<string, Tier | null>,
) {
  const insert = sqlite.prepare(
    `INSERT INTO rollup_user_months (user_key, month, active_days, actions_on_active_days, tier)
     VALUES (?, ?, ?, ?, ?)`,
  )
  let count = 0
  for (const m of months) {
    const tier = tiers.get(`${m.userKey}:${m.month}`)
    if (m.activeDays === 0 || !tier) continue
    insert.run(m.userKey, m.month, m.activeDays, m.actionsOnActiveDays, tier)
    count += 1
  }
  return count
}

/**
 * rollup_days for the given days (all days when absent), from fact_daily_user_activity, which
 * must be current for them. Deletes and rewrites those days' rows.
 */
export function refreshDayTotals(sqlite: BetterSqlite3.Database, dateKeys?: readonly number[]) {
  const select = `SELECT date_key, sum(total_actions), sum(is_active_day), sum(sessions_count),
      sum(total_session_duration), sum(sessions_count > 0)
    FROM fact_daily_user_activity`
  if (!dateKeys) {
    sqlite.prepare(`DELETE FROM rollup_days`).run()
    return sqlite.prepare(`INSERT INTO rollup_days ${select} GROUP BY date_key`).run().changes
  }
  const remove = sqlite.prepare(`DELETE FROM rollup_days WHERE date_key = ?`)
  const insert = sqlite.prepare(`INSERT INTO rollup_days ${select} WHERE date_key = ?
    GROUP BY date_key`)
  let count = 0
  for (const key of dateKeys) {
    remove.run(key)
    count += insert.run(key).changes
  }
  return count
}
