import type BetterSqlite3 from 'better-sqlite3'
import type { DashboardModule } from '../../../shared/dashboard'
import { dateKeyOf, dateKeyToIso } from '../../../shared/time'

/** One thing a person logged, on its local day. */
export interface Entry {
  module: DashboardModule
  kind: 'workout' | 'film' | 'media' | 'check-in' | 'measurement'
  date: string
  label: string
  path: string
  /** When it was written, to list the latest first. */
  createdAt: string
}

interface Row {
  day: string
  label: string
  createdAt: string
}

/**
 * Everything logged on local days from `from` to `to` (YYYY-MM-DD, both included). Workouts,
 * films, media sessions and measurements carry their day; a check-in's class time is an
 * instant, so its day is taken in the reporting zone.
 */
export function readEntries(
  sqlite: BetterSqlite3.Database,
  from: string,
  to: string,
  timeZone: string,
): Entry[] {
  const dated = (
    kind: Entry['kind'],
    module: DashboardModule,
    path: string,
    sql: string,
  ): Entry[] =>
    (sqlite.prepare(sql).all(from, to) as Row[]).map((r) => ({
      module,
      kind,
      date: r.day,
      label: r.label,
      path,
      createdAt: r.createdAt,
    }))
  const entries = [
    ...dated(
      'workout',
      'fitness',
      '/fitness/fitness_workouts',
      `SELECT w.workout_date AS day, 'Workout' || coalesce(': ' || p.program_name, '') AS label,
         w.created_at AS createdAt
       FROM fitness_workouts w LEFT JOIN fitness_programs p ON p.id = w.program_id
       WHERE w.workout_date BETWEEN ? AND ?`,
    ),
    ...dated(
      'film',
      'media',
      '/media/media_movies',
      `SELECT watch_date AS day, 'Film: ' || title AS label, created_at AS createdAt
       FROM media_movies WHERE watch_date BETWEEN ? AND ?`,
    ),
    ...dated(
      'media',
      'media',
      '/media/media_consumption',
      `SELECT substr(consumption_date, 1, 10) AS day,
         upper(substr(media_type, 1, 1)) || substr(media_type, 2) ||
           coalesce(' on ' || platform, '') AS label,
         created_at AS createdAt
       FROM media_consumption WHERE substr(consumption_date, 1, 10) BETWEEN ? AND ?`,
    ),
    ...dated(
      'measurement',
      'fitness',
      '/fitness/fitness_measurements',
      `SELECT measurement_date AS day, 'Measurements' AS label, created_at AS createdAt
       FROM fitness_measurements WHERE measurement_date BETWEEN ? AND ?`,
    ),
  ]
  // Check-ins: a day either side of the range in UTC covers every zone's local days.
  const rows = sqlite
    .prepare(
      `SELECT a.class_datetime AS at, coalesce(s.class_name, 'Class') AS name,
         a.processed_time AS createdAt
       FROM fact_class_attendance a
       LEFT JOIN dim_class_session s ON s.session_id = a.session_id
       WHERE a.class_datetime BETWEEN date(?, '-1 day') AND date(?, '+2 days')`,
    )
    .all(from, to) as { at: string; name: string; createdAt: string }[]
  for (const r of rows) {
    const ms = Date.parse(r.at)
    if (Number.isNaN(ms)) continue
    const day = dateKeyToIso(dateKeyOf(ms, timeZone))
    if (day < from || day > to) continue
    entries.push({
      module: 'studio',
      kind: 'check-in',
      date: day,
      label: `Check-in: ${r.name}`,
      path: '/studio/fact_class_attendance',
      createdAt: r.createdAt,
    })
  }
  return entries
}
