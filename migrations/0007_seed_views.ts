import type { Kysely } from 'kysely'
import { runStatements } from './ddl'

// The seeds' own names for things stored once elsewhere (ARCHITECTURE.md, "One table per
// real-world thing"), so the seeds' queries read naturally. All are read-only views.

/** Epoch milliseconds → ISO-8601 UTC text with milliseconds, exactly (integer arithmetic). */
const iso = (ms: string) =>
  `(strftime('%Y-%m-%dT%H:%M:%S', ${ms} / 1000, 'unixepoch') || printf('.%03dZ', ${ms} % 1000))`

// Seed 002's entity registry: every entity table, with the moment its row came to be.
const ENTITY_SOURCES: readonly [table: string, id: string, time: string][] = [
  ['users', 'CAST(id AS TEXT)', 'created_at'],
  ['dim_account', 'account_id', 'created_at'],
  ['dim_location', 'location_id', 'created_at'],
  ['dim_class_session', 'session_id', 'created_at'],
  ['fact_class_attendance', 'attendance_id', 'processed_time'],
  ['class_bookings', 'booking_id', 'booked_at'],
  ['dim_actions', 'action_type', 'created_at'],
  ['fct_event', 'event_id', iso('event_ts')],
  ['user_sessions', 'session_id', 'login_time'],
  ['blog_categories', 'CAST(id AS TEXT)', 'created_at'],
  ['blog_posts', 'blog_id', 'date_created'],
  ['blog_analytics', 'CAST(id AS TEXT)', '"timestamp"'],
  ['blog_engagement', 'CAST(id AS TEXT)', '"timestamp"'],
  ['fitness_programs', 'CAST(id AS TEXT)', 'created_at'],
  ['fitness_exercises', 'CAST(id AS TEXT)', 'created_at'],
  ['fitness_equipment', 'CAST(id AS TEXT)', 'created_at'],
  ['fitness_bands', 'CAST(id AS TEXT)', 'created_at'],
  ['fitness_program_exercises', 'CAST(id AS TEXT)', 'created_at'],
  ['fitness_workouts', 'CAST(id AS TEXT)', 'created_at'],
  ['fitness_exercise_logs', 'CAST(id AS TEXT)', 'created_at'],
  ['fitness_measurements', 'CAST(id AS TEXT)', 'created_at'],
  ['fitness_goals', 'CAST(id AS TEXT)', 'created_at'],
  ['fitness_nutrition', 'CAST(id AS TEXT)', 'created_at'],
  ['media_platforms', 'CAST(id AS TEXT)', 'created_at'],
  ['media_movies', 'CAST(id AS TEXT)', 'created_at'],
  ['media_games', 'CAST(id AS TEXT)', 'created_at'],
  ['media_consumption', 'CAST(id AS TEXT)', 'created_at'],
]

const VIEWS = [
  // Seed 000's and 001's dim_user together; age is computed, never stored.
  `CREATE VIEW dim_user AS
    SELECT u.user_id, u.first_name, u.last_name, u.gender, u.email, u.phone_number, u.date_of_birth,
      CASE WHEN u.date_of_birth IS NULL THEN NULL ELSE
        CAST(strftime('%Y', 'now') AS INTEGER) - CAST(strftime('%Y', u.date_of_birth) AS INTEGER)
          - (strftime('%m-%d', 'now') < strftime('%m-%d', u.date_of_birth)) END AS age,
      u.city, u.preferred_location_id, u.created_at,
      u.account_id, u.role, u.activated_at, u.is_active, u.deactivated_at
    FROM users u`,
  `CREATE VIEW dim_users AS
    SELECT u.id AS user_key, u.user_id, u.registration_date, u.acquisition_channel,
      u.user_segment, u.device_type, u.region
    FROM users u`,
  // Seed 000: session_id is the class session; processed_time is when Logbook received the event.
  `CREATE VIEW fact_event AS
    SELECT e.event_id, e.user_id, e.class_session_id AS session_id, e.event_name AS event_type,
      ${iso('e.event_ts')} AS event_ts, e.location_id, e.class_datetime,
      ${iso('e.ingested_at')} AS processed_time
    FROM fct_event e`,
  // Seed 001's taxonomy (event_name → event_category) is dim_actions.
  `CREATE VIEW event_taxonomy AS
    SELECT a.action_type AS event_name, a.action_category AS event_category FROM dim_actions a`,
  // Seed 003: the derived session holding the action is looked up, not stored.
  `CREATE VIEW fact_user_actions AS
    SELECT e.event_key AS action_instance_key, u.id AS user_key,
      (SELECT s.session_key FROM fact_user_sessions s
        WHERE s.user_key = u.id AND s.session_start <= e.event_ts AND s.session_end >= e.event_ts
        ORDER BY s.session_start DESC LIMIT 1) AS session_key,
      a.action_key, e.date_key, ${iso('e.event_ts')} AS action_timestamp,
      e.action_context, e.properties AS action_metadata
    FROM fct_event e
      JOIN users u ON u.user_id = e.user_id
      JOIN dim_actions a ON a.action_type = e.event_name`,
  // Seed 004: user_id is users.id; session_id is the app's login session.
  `CREATE VIEW user_activity AS
    SELECT e.event_key AS id, u.id AS user_id, e.event_name AS activity_type,
      e.properties AS activity_data, ${iso('e.event_ts')} AS "timestamp", e.page_url,
      e.app_session_id AS session_id
    FROM fct_event e JOIN users u ON u.user_id = e.user_id`,
  `CREATE VIEW analytics_events AS
    SELECT e.event_key AS id, e.event_name, a.action_category AS event_category,
      e.properties AS event_data, u.id AS user_id, ${iso('e.event_ts')} AS "timestamp",
      e.app_session_id AS session_id
    FROM fct_event e
      JOIN users u ON u.user_id = e.user_id
      JOIN dim_actions a ON a.action_type = e.event_name`,
  `CREATE VIEW global_entity AS
    ${ENTITY_SOURCES.map(
      ([table, id, time]) =>
        `SELECT ${id} AS entity_id, '${table}' AS entity_type, ${time} AS event_time FROM ${table}`,
    ).join('\n    UNION ALL ')}`,
]

const VIEW_NAMES = [
  'global_entity',
  'analytics_events',
  'user_activity',
  'fact_user_actions',
  'event_taxonomy',
  'fact_event',
  'dim_users',
  'dim_user',
]

export async function up(db: Kysely<unknown>) {
  await runStatements(db, VIEWS)
}

export async function down(db: Kysely<unknown>) {
  await runStatements(
    db,
    VIEW_NAMES.map((name) => `DROP VIEW ${name}`),
  )
}
