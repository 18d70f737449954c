import type { Kysely } from 'kysely'
import { NOW, isBool, oneOf, runStatements } from './ddl'

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const SOURCES = ['desktop', 'web', 'mobile', 'api']
const BOOKING_STATUSES = ['booked', 'cancelled', 'late_cancel', 'no_show']

// Seed 000's class-attendance star. The calendar columns of a class session (week_number, year,
// month, day_of_week, is_weekend) are in the studio's reporting time zone, which SQL cannot
// compute, so the service fills them; CHECKs keep them in range.
// Additions to the seed: `capacity` (utilisation), `series_id` (a weekly series of sessions),
// and `class_bookings`, because a booking is its own real-world thing with a life cycle
// (booked → cancelled / late cancel / no-show); an attended booking is the attendance row itself.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `CREATE TABLE dim_class_session (
      session_id TEXT PRIMARY KEY NOT NULL,
      class_code TEXT NOT NULL,
      class_name TEXT NOT NULL,
      instructor_id INTEGER,
      instructor_name TEXT,
      location_id TEXT NOT NULL REFERENCES dim_location (location_id) ON DELETE RESTRICT ON UPDATE CASCADE,
      datetime TEXT NOT NULL,
      duration_mins INTEGER NOT NULL CHECK (duration_mins BETWEEN 1 AND 1440),
      week_number INTEGER NOT NULL CHECK (week_number BETWEEN 1 AND 53),
      year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
      month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
      day_of_week TEXT NOT NULL ${oneOf('day_of_week', WEEKDAYS, false)},
      is_weekend INTEGER NOT NULL ${isBool('is_weekend')},
      release_timestamp TEXT CHECK (release_timestamp IS NULL OR release_timestamp <= datetime),
      capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),
      series_id TEXT,
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE INDEX class_session_datetime ON dim_class_session (datetime)`,
    `CREATE INDEX class_session_location ON dim_class_session (location_id, datetime)`,
    `CREATE INDEX class_session_instructor ON dim_class_session (instructor_id, datetime)`,
    `CREATE INDEX class_session_series ON dim_class_session (series_id) WHERE series_id IS NOT NULL`,
    `CREATE TABLE fact_class_attendance (
      attendance_id TEXT PRIMARY KEY NOT NULL,
      user_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE ON UPDATE CASCADE,
      session_id TEXT NOT NULL REFERENCES dim_class_session (session_id) ON DELETE CASCADE ON UPDATE CASCADE,
      location_id TEXT NOT NULL REFERENCES dim_location (location_id) ON DELETE RESTRICT ON UPDATE CASCADE,
      class_datetime TEXT NOT NULL,
      source TEXT ${oneOf('source', SOURCES)},
      processed_time TEXT NOT NULL DEFAULT ${NOW},
      UNIQUE (user_id, session_id)
    ) STRICT`,
    `CREATE INDEX attendance_session ON fact_class_attendance (session_id)`,
    `CREATE INDEX attendance_user_time ON fact_class_attendance (user_id, class_datetime)`,
    `CREATE INDEX attendance_location_time ON fact_class_attendance (location_id, class_datetime)`,
    `CREATE TABLE class_bookings (
      booking_id TEXT PRIMARY KEY NOT NULL,
      user_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE ON UPDATE CASCADE,
      session_id TEXT NOT NULL REFERENCES dim_class_session (session_id) ON DELETE CASCADE ON UPDATE CASCADE,
      booked_at TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'booked' ${oneOf('status', BOOKING_STATUSES, false)},
      status_changed_at TEXT,
      source TEXT ${oneOf('source', SOURCES)},
      UNIQUE (user_id, session_id),
      CHECK (status_changed_at IS NULL OR status_changed_at >= booked_at)
    ) STRICT`,
    `CREATE INDEX booking_session ON class_bookings (session_id, status)`,
    `CREATE INDEX booking_user_time ON class_bookings (user_id, booked_at)`,
  ])
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    `DROP TABLE class_bookings`,
    `DROP TABLE fact_class_attendance`,
    `DROP TABLE dim_class_session`,
  ])
}
