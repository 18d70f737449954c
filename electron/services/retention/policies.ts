import type { TableName } from '../../../shared/schema'
import type { RetentionPolicy } from '../../../shared/retention'
import type { RetentionRule } from '../../../shared/settings'
import { dateKeyOf, dateKeyToIso } from '../../../shared/time'

const DAY_MS = 86_400_000

/**
 * Events whose action is in these categories are never purged by the analytics-events policy:
 * they are the activity of fitness records, which seed 004 keeps indefinitely (a personal streak
 * over old workouts must not vanish while the workouts stay).
 */
export const KEPT_EVENT_CATEGORIES = ['fitness'] as const

/** How a table's own time is stored, which decides how it compares with the cutoff. */
export type TimeKind = 'epoch_ms' | 'instant' | 'date'

/** One table a policy purges: which rows, by their own time. */
export interface PolicyTable {
  table: TableName
  timeColumn: string
  timeKind: TimeKind
  /** Extra condition beyond age (SQL over the table's own columns; constant text only). */
  also?: string
}

/**
 * What each policy covers. Every identifier here is a constant of this file, never input.
 * - loginSessions: seed 004's login sessions (`user_sessions`), by login time.
 * - analyticsEvents: the one event fact (`fct_event`, which the seed names analytics_events and
 *   user_activity are views over), by event time, except events of fitness actions.
 * - blogAnalytics: the reading of posts (`blog_analytics` views and `blog_engagement`), by their
 *   time; the posts themselves stay.
 * - mediaConsumption: `media_consumption` by its calendar day; the film and game diaries stay.
 */
export const POLICY_TABLES: Record<RetentionPolicy, readonly PolicyTable[]> = {
  loginSessions: [{ table: 'user_sessions', timeColumn: 'login_time', timeKind: 'instant' }],
  analyticsEvents: [
    {
      table: 'fct_event',
      timeColumn: 'event_ts',
      timeKind: 'epoch_ms',
      also: `event_name NOT IN (SELECT action_type FROM dim_actions WHERE action_category IN (${KEPT_EVENT_CATEGORIES.map((c) => `'${c}'`).join(', ')}))`,
    },
  ],
  blogAnalytics: [
    { table: 'blog_analytics', timeColumn: 'timestamp', timeKind: 'instant' },
    { table: 'blog_engagement', timeColumn: 'timestamp', timeKind: 'instant' },
  ],
  mediaConsumption: [
    { table: 'media_consumption', timeColumn: 'consumption_date', timeKind: 'date' },
  ],
}

/** The instant before which rows are old enough to go: `days` whole days before `now`. */
export function cutoffOf(rule: RetentionRule, now: Date) {
  return new Date(now.getTime() - rule.days * DAY_MS)
}

/**
 * The value a row's time is compared with (`time < value` goes): epoch milliseconds, a UTC ISO
 * instant, or for a calendar day the local day (reporting zone) the cutoff instant falls on, so
 * a day goes once all of it is older than the limit.
 */
export function cutoffValue(kind: TimeKind, cutoff: Date, timeZone: string): number | string {
  switch (kind) {
    case 'epoch_ms':
      return cutoff.getTime()
    case 'instant':
      return cutoff.toISOString()
    case 'date':
      return dateKeyToIso(dateKeyOf(cutoff.getTime(), timeZone))
  }
}

/** `WHERE` text (one `?`, the cutoff value) selecting the rows a policy takes from a table. */
export function whereOld(target: PolicyTable) {
  const age = `"${target.timeColumn}" < ?`
  return target.also ? `${age} AND ${target.also}` : age
}
