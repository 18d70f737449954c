import type BetterSqlite3 from 'better-sqlite3'
import type { StudioClass } from '../../../shared/contract/studio'
import { LogbookError } from '../../../shared/errors'
import type { ClassTiming } from './rules'

interface ClassRow {
  session_id: string
  class_code: string
  class_name: string
  instructor_name: string | null
  location_id: string
  location_name: string
  datetime: string
  duration_mins: number
  capacity: number | null
  release_timestamp: string | null
  series_id: string | null
  booked: number
  checked_in: number
  walk_ins: number
}

// Walk-ins: people checked in without a standing booking (none, or cancelled).
const CLASS_SELECT = `
  SELECT s.session_id, s.class_code, s.class_name, s.instructor_name, s.location_id,
    l.location_name, s.datetime, s.duration_mins, s.capacity, s.release_timestamp, s.series_id,
    (SELECT count(*) FROM class_bookings b
      WHERE b.session_id = s.session_id AND b.status = 'booked') AS booked,
    (SELECT count(*) FROM fact_class_attendance a WHERE a.session_id = s.session_id) AS checked_in,
    (SELECT count(*) FROM fact_class_attendance a
      WHERE a.session_id = s.session_id AND NOT EXISTS (
        SELECT 1 FROM class_bookings b
        WHERE b.session_id = a.session_id AND b.user_id = a.user_id AND b.status = 'booked'
      )) AS walk_ins
  FROM dim_class_session s JOIN dim_location l ON l.location_id = s.location_id`

function toStudioClass(row: ClassRow): StudioClass {
  return {
    sessionId: row.session_id,
    classCode: row.class_code,
    className: row.class_name,
    instructorName: row.instructor_name,
    locationId: row.location_id,
    locationName: row.location_name,
    datetime: row.datetime,
    durationMins: row.duration_mins,
    capacity: row.capacity,
    releaseTimestamp: row.release_timestamp,
    seriesId: row.series_id,
    booked: row.booked,
    checkedIn: row.checked_in,
    placesTaken: row.booked + row.walk_ins,
  }
}

/** Classes starting in [fromIso, toIso), earliest first (UTC ISO text sorts as time). */
export function classesBetween(
  sqlite: BetterSqlite3.Database,
  fromIso: string,
  toIso: string,
): StudioClass[] {
  const rows = sqlite
    .prepare(
      `${CLASS_SELECT} WHERE s.datetime >= ? AND s.datetime < ?
       ORDER BY s.datetime, l.location_name, s.class_name`,
    )
    .all(fromIso, toIso) as ClassRow[]
  return rows.map(toStudioClass)
}

export function findClass(sqlite: BetterSqlite3.Database, sessionId: string) {
  const row = sqlite.prepare(`${CLASS_SELECT} WHERE s.session_id = ?`).get(sessionId) as
    ClassRow | undefined
  return row === undefined ? null : toStudioClass(row)
}

export function requireClass(sqlite: BetterSqlite3.Database, sessionId: string): StudioClass {
  const found = findClass(sqlite, sessionId)
  if (!found) {
    throw new LogbookError(
      'not_found',
      'That class no longer exists. Reload the day’s classes and choose it again.',
      'sessionId',
    )
  }
  return found
}

export function timingOf(c: StudioClass): ClassTiming {
  return {
    className: c.className,
    startMs: Date.parse(c.datetime),
    releaseMs: c.releaseTimestamp === null ? null : Date.parse(c.releaseTimestamp),
    capacity: c.capacity,
    placesTaken: c.placesTaken,
  }
}
