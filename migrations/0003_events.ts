import type { Kysely } from 'kysely'
import { NOW, isBool, isDate, oneOf, runStatements } from './ddl'

const SOURCES = ['desktop', 'web', 'mobile', 'api']
const TIERS = ['Casual', 'Regular', 'Core', 'Power']

// Anything a person did at a moment is one row of `fct_event` (seed 001), which also carries seed
// 000's class columns (class_session_id, location_id, class_datetime; 000's processed_time is
// ingested_at) and seed 004's payload (properties JSON, page_url, app_session_id). The seed names
// `fact_event`, `fact_user_actions`, `analytics_events` and `user_activity` are views (0007).
//
// Why integer epoch milliseconds here and not ISO text as in the entry tables: this is the one
// table that grows to millions of rows. bench/timestamp-storage.ts measured it (figures in
// docs/schema.md): integers make rows and the time indexes smaller, inserts faster, and let
// session gaps and windows be plain arithmetic. `date_key` (YYYYMMDD of the event's calendar day
// in the reporting time zone) is precomputed on write, because SQLite cannot convert time zones;
// changing the zone rewrites it together with the rollups.
//
// No index on event_name: the import path pays for every index, and actions are renamed or
// deleted rarely (those operations scan). Partial indexes cover the mostly-NULL foreign keys so
// deleting a class or an account does not scan the whole log.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `CREATE TABLE dim_actions (
      action_key INTEGER PRIMARY KEY,
      action_type TEXT NOT NULL UNIQUE,
      action_category TEXT NOT NULL DEFAULT 'uncategorised',
      engagement_weight INTEGER NOT NULL DEFAULT 1 CHECK (engagement_weight >= 0),
      is_core_action INTEGER NOT NULL DEFAULT 1 ${isBool('is_core_action')},
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE TABLE fct_event (
      event_key INTEGER PRIMARY KEY,
      event_id TEXT NOT NULL UNIQUE,
      user_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE ON UPDATE CASCADE,
      account_id TEXT REFERENCES dim_account (account_id) ON DELETE SET NULL ON UPDATE CASCADE,
      event_name TEXT NOT NULL REFERENCES dim_actions (action_type) ON DELETE RESTRICT ON UPDATE CASCADE,
      event_ts INTEGER NOT NULL CHECK (event_ts >= 0),
      ingested_at INTEGER NOT NULL CHECK (ingested_at >= 0),
      date_key INTEGER NOT NULL CHECK (date_key BETWEEN 19700101 AND 29991231),
      duration_seconds INTEGER CHECK (duration_seconds IS NULL OR duration_seconds >= 0),
      task_id TEXT,
      source TEXT ${oneOf('source', SOURCES)},
      class_session_id TEXT REFERENCES dim_class_session (session_id) ON DELETE SET NULL ON UPDATE CASCADE,
      location_id TEXT REFERENCES dim_location (location_id) ON DELETE SET NULL ON UPDATE CASCADE,
      class_datetime TEXT,
      app_session_id TEXT,
      page_url TEXT,
      action_context TEXT,
      properties TEXT CHECK (properties IS NULL OR json_valid(properties))
    ) STRICT`,
    `CREATE INDEX event_user_time ON fct_event (user_id, event_ts)`,
    `CREATE INDEX event_time ON fct_event (event_ts)`,
    `CREATE INDEX event_ingested ON fct_event (ingested_at)`,
    `CREATE INDEX event_account ON fct_event (account_id) WHERE account_id IS NOT NULL`,
    `CREATE INDEX event_class_session ON fct_event (class_session_id) WHERE class_session_id IS NOT NULL`,
    `CREATE INDEX event_location ON fct_event (location_id) WHERE location_id IS NOT NULL`,
    `CREATE INDEX event_app_session ON fct_event (app_session_id) WHERE app_session_id IS NOT NULL`,
    // Seed 004's login sessions: typed in by nobody, imported from a service's logs.
    `CREATE TABLE user_sessions (
      id INTEGER PRIMARY KEY,
      user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
      session_id TEXT NOT NULL UNIQUE,
      login_time TEXT NOT NULL DEFAULT ${NOW},
      logout_time TEXT CHECK (logout_time IS NULL OR logout_time >= login_time),
      ip_address TEXT CHECK (ip_address IS NULL OR length(ip_address) <= 45),
      user_agent TEXT,
      is_active INTEGER NOT NULL DEFAULT 1 ${isBool('is_active')}
    ) STRICT`,
    `CREATE INDEX user_sessions_user ON user_sessions (user_id, login_time)`,
    `CREATE INDEX user_sessions_login ON user_sessions (login_time)`,
    // Seed 003's rollups, derived from fct_event by code (never typed in).
    `CREATE TABLE dim_date (
      date_key INTEGER PRIMARY KEY,
      full_date TEXT NOT NULL UNIQUE ${isDate('full_date', false)},
      year INTEGER NOT NULL,
      quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
      month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
      day_of_month INTEGER NOT NULL CHECK (day_of_month BETWEEN 1 AND 31),
      day_of_week INTEGER NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
      week_of_year INTEGER NOT NULL CHECK (week_of_year BETWEEN 1 AND 53),
      is_weekend INTEGER NOT NULL ${isBool('is_weekend')},
      CHECK (date_key = CAST(strftime('%Y%m%d', full_date) AS INTEGER))
    ) STRICT`,
    `CREATE TABLE fact_user_sessions (
      session_key INTEGER PRIMARY KEY,
      user_key INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      date_key INTEGER NOT NULL REFERENCES dim_date (date_key) ON DELETE RESTRICT,
      session_id TEXT NOT NULL UNIQUE,
      session_start INTEGER NOT NULL,
      session_end INTEGER NOT NULL,
      session_duration_seconds INTEGER NOT NULL CHECK (session_duration_seconds BETWEEN 0 AND 86400),
      actions_count INTEGER NOT NULL CHECK (actions_count >= 1),
      screens_visited INTEGER NOT NULL DEFAULT 0 CHECK (screens_visited >= 0),
      session_type TEXT,
      CHECK (session_end >= session_start)
    ) STRICT`,
    `CREATE INDEX sessions_user_start ON fact_user_sessions (user_key, session_start)`,
    `CREATE INDEX sessions_date ON fact_user_sessions (date_key)`,
    `CREATE TABLE fact_daily_user_activity (
      user_key INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      date_key INTEGER NOT NULL REFERENCES dim_date (date_key) ON DELETE RESTRICT,
      sessions_count INTEGER NOT NULL DEFAULT 0 CHECK (sessions_count >= 0),
      total_session_duration INTEGER NOT NULL DEFAULT 0 CHECK (total_session_duration >= 0),
      total_actions INTEGER NOT NULL DEFAULT 0 CHECK (total_actions >= 0),
      unique_action_types INTEGER NOT NULL DEFAULT 0 CHECK (unique_action_types >= 0),
      is_active_day INTEGER NOT NULL ${isBool('is_active_day')},
      engagement_tier TEXT ${oneOf('engagement_tier', TIERS)},
      PRIMARY KEY (user_key, date_key)
    ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX daily_activity_date ON fact_daily_user_activity (date_key, user_key)`,
  ])
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    `DROP TABLE fact_daily_user_activity`,
    `DROP TABLE fact_user_sessions`,
    `DROP TABLE dim_date`,
    `DROP TABLE user_sessions`,
    `DROP TABLE fct_event`,
    `DROP TABLE dim_actions`,
  ])
}
