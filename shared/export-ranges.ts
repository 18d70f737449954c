import type { TableName, ViewName } from './schema'

/** How a table's main time column is stored, which decides how a day range compares with it. */
export type TimeFilter =
  /** Integer epoch milliseconds: the day's bounds in the reporting zone. */
  | { kind: 'epoch_ms'; column: string }
  /** UTC ISO-8601 text with milliseconds (every entry table's format): same bounds, as text. */
  | { kind: 'instant'; column: string }
  /** A calendar day, YYYY-MM-DD text. */
  | { kind: 'date'; column: string }
  /** A calendar day as YYYYMMDD integer, already in the reporting zone. */
  | { kind: 'date_key'; column: string }
  /** A set belongs to the day of its workout. */
  | { kind: 'workout_date'; column: 'workout_id' }

/**
 * The column a date range filters on. Tables left out (settings, people, catalogues such as
 * exercises or platforms, goals, games) have no single moment that a range could mean, so a
 * range on them is refused rather than guessed.
 */
export const EXPORT_TIME_FILTERS: Partial<Record<TableName | ViewName, TimeFilter>> = {
  dim_class_session: { kind: 'instant', column: 'datetime' },
  fact_class_attendance: { kind: 'instant', column: 'class_datetime' },
  class_bookings: { kind: 'instant', column: 'booked_at' },
  fct_event: { kind: 'epoch_ms', column: 'event_ts' },
  user_sessions: { kind: 'instant', column: 'login_time' },
  dim_date: { kind: 'date_key', column: 'date_key' },
  fact_user_sessions: { kind: 'epoch_ms', column: 'session_start' },
  fact_daily_user_activity: { kind: 'date_key', column: 'date_key' },
  fitness_workouts: { kind: 'date', column: 'workout_date' },
  fitness_exercise_logs: { kind: 'workout_date', column: 'workout_id' },
  fitness_measurements: { kind: 'date', column: 'measurement_date' },
  fitness_nutrition: { kind: 'date', column: 'nutrition_date' },
  media_movies: { kind: 'date', column: 'watch_date' },
  media_consumption: { kind: 'date', column: 'consumption_date' },
  media_analytics: { kind: 'date', column: 'period_start_date' },
  blog_posts: { kind: 'instant', column: 'date_created' },
  blog_analytics: { kind: 'instant', column: 'timestamp' },
  blog_engagement: { kind: 'instant', column: 'timestamp' },
  fact_event: { kind: 'instant', column: 'event_ts' },
  // The view's date_key avoids computing each row's session lookup before filtering.
  fact_user_actions: { kind: 'date_key', column: 'date_key' },
  user_activity: { kind: 'instant', column: 'timestamp' },
  analytics_events: { kind: 'instant', column: 'timestamp' },
  global_entity: { kind: 'instant', column: 'event_time' },
}

/** Whether an export of this table or view can be limited to a range of days. */
export const hasDateRange = (name: string) => Object.hasOwn(EXPORT_TIME_FILTERS, name)
