import type { Kysely } from 'kysely'
import { NOW, isBool, isDate, runStatements } from './ddl'

// A person is stored once, in `users` (seed 004), with the union of the attributes seeds 000, 001
// and 003 give them; `dim_user` and `dim_users` are views over it (0007).
// `id` is 004's serial id and 003's surrogate `user_key`; `user_id` is the text id of 000/001/003,
// kept as text because imported ids can exceed a double's precision.
// Deliberate difference from seed 004: `email` is UNIQUE but nullable, because people known only
// from an imported event log have no address, and inventing one would put fake data into exports.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `CREATE TABLE app_settings (
      key TEXT PRIMARY KEY NOT NULL,
      value TEXT NOT NULL CHECK (json_valid(value)),
      updated_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE TABLE dim_account (
      account_id TEXT PRIMARY KEY NOT NULL,
      account_name TEXT,
      plan_tier TEXT,
      region TEXT,
      is_active INTEGER NOT NULL DEFAULT 1 ${isBool('is_active')},
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE TABLE dim_location (
      location_id TEXT PRIMARY KEY NOT NULL,
      location_name TEXT NOT NULL,
      city TEXT,
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      user_id TEXT NOT NULL UNIQUE,
      username TEXT NOT NULL UNIQUE,
      email TEXT UNIQUE,
      name TEXT,
      first_name TEXT,
      last_name TEXT,
      gender TEXT,
      phone_number TEXT,
      date_of_birth TEXT ${isDate('date_of_birth')},
      city TEXT,
      preferred_location_id TEXT REFERENCES dim_location (location_id) ON DELETE SET NULL ON UPDATE CASCADE,
      account_id TEXT REFERENCES dim_account (account_id) ON DELETE SET NULL ON UPDATE CASCADE,
      role TEXT,
      is_active INTEGER NOT NULL DEFAULT 1 ${isBool('is_active')},
      activated_at TEXT,
      deactivated_at TEXT,
      registration_date TEXT ${isDate('registration_date')},
      acquisition_channel TEXT,
      user_segment TEXT,
      device_type TEXT,
      region TEXT,
      tdee INTEGER CHECK (tdee IS NULL OR tdee BETWEEN 500 AND 10000),
      created_at TEXT NOT NULL DEFAULT ${NOW},
      updated_at TEXT NOT NULL DEFAULT ${NOW},
      CHECK (deactivated_at IS NULL OR activated_at IS NULL OR deactivated_at >= activated_at)
    ) STRICT`,
    `CREATE INDEX users_account ON users (account_id) WHERE account_id IS NOT NULL`,
    `CREATE INDEX users_preferred_location ON users (preferred_location_id) WHERE preferred_location_id IS NOT NULL`,
    `CREATE INDEX users_registration ON users (registration_date)`,
  ])
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    `DROP TABLE users`,
    `DROP TABLE dim_location`,
    `DROP TABLE dim_account`,
    `DROP TABLE app_settings`,
  ])
}
