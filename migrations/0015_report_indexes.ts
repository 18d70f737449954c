import type { Kysely } from 'kysely'
import { runStatements } from './ddl'

// Indexes that hold everything two reports read, so each reads its range from the index alone
// (docs/charts.md, issue 7: the Analytics page's slowest two cards).
//
// - `event_ingested` gains event_ts and user_id: the freshness report reads exactly
//   (ingested_at, event_ts, user_id) per arrival. It used to fetch each row from the table at
//   random, or scan the whole table for a long range. (The rollups' upkeep finds new events by
//   event_key, not by this index.)
// - `event_work` holds only timer_stop and task_completed events (seed 001's work time and
//   outputs), in time order, with what the work report reads.
//
// Cost, measured on a million events (bench/import-events.ts builds both again at the end of a
// long import): see docs/imports/events.md.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    'DROP INDEX IF EXISTS event_ingested',
    'CREATE INDEX event_ingested ON fct_event (ingested_at, event_ts, user_id)',
    `CREATE INDEX event_work ON fct_event (event_ts, event_name, user_id, duration_seconds)
       WHERE event_name IN ('timer_stop', 'task_completed')`,
  ])
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    'DROP INDEX IF EXISTS event_work',
    'DROP INDEX IF EXISTS event_ingested',
    'CREATE INDEX event_ingested ON fct_event (ingested_at)',
  ])
}
