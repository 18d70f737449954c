import type { Kysely } from 'kysely'
import { NOW, isDate, oneOf, runStatements } from './ddl'

const COMPLETION = ['backlog', 'playing', 'completed', 'abandoned', 'on_hold']
const PERIODS = ['week', 'month', 'quarter', 'year']

// Seed 004's media tables. Ratings a person gives are whole numbers 1–10 (a 0.5–5 star scale is
// stored doubled); `rating` of a film is the public score, 0–10 with one decimal. `platform`
// stays free text as in the seed (a cinema or a friend's console is a platform too);
// reports join it to media_platforms by name for costs. media_analytics is derived by code.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `CREATE TABLE media_platforms (
      id INTEGER PRIMARY KEY,
      platform_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      platform_type TEXT,
      subscription_cost REAL CHECK (subscription_cost IS NULL OR subscription_cost >= 0),
      description TEXT,
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE TABLE media_movies (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      genre TEXT,
      release_year INTEGER CHECK (release_year IS NULL OR release_year BETWEEN 1870 AND 2999),
      director TEXT,
      rating REAL CHECK (rating IS NULL OR rating BETWEEN 0 AND 10),
      user_rating INTEGER CHECK (user_rating IS NULL OR user_rating BETWEEN 1 AND 10),
      watch_date TEXT ${isDate('watch_date')},
      watch_duration_minutes INTEGER CHECK (watch_duration_minutes IS NULL OR watch_duration_minutes >= 0),
      platform TEXT,
      user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE INDEX movies_user_date ON media_movies (user_id, watch_date)`,
    `CREATE INDEX movies_title_year ON media_movies (title, release_year)`,
    `CREATE TABLE media_games (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      genre TEXT,
      platform TEXT,
      developer TEXT,
      publisher TEXT,
      release_date TEXT ${isDate('release_date')},
      play_time_hours REAL CHECK (play_time_hours IS NULL OR play_time_hours >= 0),
      user_rating INTEGER CHECK (user_rating IS NULL OR user_rating BETWEEN 1 AND 10),
      completion_status TEXT ${oneOf('completion_status', COMPLETION)},
      user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE INDEX games_user ON media_games (user_id, completion_status)`,
    `CREATE TABLE media_consumption (
      id INTEGER PRIMARY KEY,
      user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
      media_type TEXT NOT NULL,
      media_id TEXT,
      consumption_date TEXT NOT NULL ${isDate('consumption_date', false)},
      duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes >= 0),
      platform TEXT,
      rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 10),
      notes TEXT,
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE INDEX consumption_user_date ON media_consumption (user_id, consumption_date)`,
    `CREATE INDEX consumption_type_date ON media_consumption (media_type, consumption_date)`,
    `CREATE TABLE media_analytics (
      id INTEGER PRIMARY KEY,
      user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
      media_type TEXT NOT NULL,
      total_consumption_hours REAL CHECK (total_consumption_hours IS NULL OR total_consumption_hours >= 0),
      favorite_genre TEXT,
      average_rating REAL CHECK (average_rating IS NULL OR average_rating BETWEEN 0 AND 10),
      analytics_period TEXT ${oneOf('analytics_period', PERIODS)},
      period_start_date TEXT ${isDate('period_start_date')},
      period_end_date TEXT ${isDate('period_end_date')},
      created_at TEXT NOT NULL DEFAULT ${NOW},
      UNIQUE (user_id, media_type, analytics_period, period_start_date),
      CHECK (period_end_date IS NULL OR period_start_date IS NULL OR period_end_date >= period_start_date)
    ) STRICT`,
  ])
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    `DROP TABLE media_analytics`,
    `DROP TABLE media_consumption`,
    `DROP TABLE media_games`,
    `DROP TABLE media_movies`,
    `DROP TABLE media_platforms`,
  ])
}
