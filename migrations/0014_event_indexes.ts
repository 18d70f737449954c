import type { Kysely } from 'kysely'
import { runStatements } from './ddl'

// fct_event's indexes, for the speed of importing event logs (docs/imports/events.md, issue 5).
// A long import builds every index its rows enter again at its end, inside its transaction, so
// each one costs that build on every import: at a million events the builds and the commit took
// as long as `sqlite3 .import` of the whole file.
//
// Dropped: `event_app_session` (app_session_id, partial). No query filters, joins or sorts on
// app_session_id: the views `user_activity` and `analytics_events` only show it, and the
// sessions reports derive sessions from the gaps between a person's events
// (fact_user_sessions), not from this column. Building it again cost 0.8 s of a million-event
// import on a quiet machine, 1.3 s under load (0.3× `sqlite3 .import`'s whole run). Reports are
// unchanged (`npm run bench reports`, load 14–17: activity CPU 32.6 ms, sessions 1.4 ms).
//
// Kept, each for the queries that need it:
// - `event_user_time` (user_id, event_ts): one person's events in time order (reports/raw.ts,
//   the rollups' incremental upkeep), and the foreign key's CASCADE from users.
// - `event_time` (event_ts): every report's span (reports/frame.ts: first and last event),
//   freshness' newest event, short ranges (reports/work.ts).
// - `event_ingested` (ingested_at): the freshness report's span and newest arrival, its short
//   ranges (reports/frame.ts, reports/freshness.ts); without it each of those is a full scan.
// - `event_id_unique` (event_id): re-importing adds no duplicates.
// - the partial indexes on account, class session and location: an event-log import fills none
//   of those columns, so it never enters or rebuilds them (the foreign keys' SET NULL).
export async function up(db: Kysely<unknown>) {
  await runStatements(db, ['DROP INDEX IF EXISTS event_app_session'])
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    `CREATE INDEX event_app_session ON fct_event (app_session_id) WHERE app_session_id IS NOT NULL`,
  ])
}
