import type { Kysely } from 'kysely'
import { oneOf, runStatements } from './ddl'

// Summaries of the rollups, shaped for the reports that must answer in milliseconds over a year
// of a million events. All three are derived: the rollups rebuild and keep them, nothing else
// writes them, and they are never exported or restored (a restore rebuilds them).
//
// - `rollup_user_days`: one row per person with at least one active day; `days` is a bitmap of
//   their active days, bit i (byte i >> 3, bit i & 7) meaning day `first_day + i`, where a day is
//   a count of calendar days since 1970-01-01. DAU/WAU/MAU, retention, lifecycle and the
//   stickiness histogram read 10k small blobs instead of 600k day rows.
// - `rollup_user_months`: a person's calendar month (YYYYMM): active days, events on those days
//   and the month's tier, for tiers, transitions and the active-days distribution.
// - `rollup_days`: one row per day that has events: totals over everyone, for the unfiltered
//   sessions and freshness reports.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `CREATE TABLE rollup_user_days (
      user_key INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      first_day INTEGER NOT NULL,
      last_day INTEGER NOT NULL CHECK (last_day >= first_day),
      active_days INTEGER NOT NULL CHECK (active_days >= 1),
      days BLOB NOT NULL
    ) STRICT`,
    `CREATE TABLE rollup_user_months (
      user_key INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      month INTEGER NOT NULL CHECK (month BETWEEN 197001 AND 299912),
      active_days INTEGER NOT NULL CHECK (active_days BETWEEN 1 AND 31),
      actions_on_active_days INTEGER NOT NULL CHECK (actions_on_active_days >= 1),
      tier TEXT NOT NULL ${oneOf('tier', ['Casual', 'Regular', 'Core', 'Power'], false)},
      PRIMARY KEY (user_key, month)
    ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX rollup_user_months_month ON rollup_user_months (month, tier)`,
    `CREATE TABLE rollup_days (
      date_key INTEGER PRIMARY KEY,
      events INTEGER NOT NULL CHECK (events >= 0),
      active_users INTEGER NOT NULL CHECK (active_users >= 0),
      sessions INTEGER NOT NULL CHECK (sessions >= 0),
      session_seconds INTEGER NOT NULL CHECK (session_seconds >= 0),
      session_users INTEGER NOT NULL CHECK (session_users >= 0)
    ) STRICT`,
  ])
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    `DROP TABLE rollup_days`,
    `DROP TABLE rollup_user_months`,
    `DROP TABLE rollup_user_days`,
  ])
}
