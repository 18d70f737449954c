import type { Kysely } from 'kysely'
import { runStatements } from './ddl'

// Migration 0011's triggers wrote rollup_dirty for every deleted or changed event, including
// events above rollup_state.event_mark that the rollups never took in: the duplicates a long
// import writes and removes at its end, or an import undone before its upkeep. Those rows made
// the next upkeep recompute person-moments for nothing (and, in bulk, a full rebuild).
//
// - `rollup_event_deleted` records a deleted event only when it was taken in (event_key <=
//   event_mark), then lowers event_mark as before. One trigger, so the record is decided before
//   the mark moves (SQLite does not promise an order between triggers). The mark is lowered for
//   every deleted row: a statement deleting the newest rows may delete the taken-in ones before
//   the rows above the mark, and SQLite would hand those keys out again.
// - `rollup_event_changed` becomes `rollup_event_changed_from` and `rollup_event_changed_to`,
//   the old and the new side of an update, each recorded only when its key is taken in (a key
//   above the mark is read as a new event by the next upkeep anyway).
const DIRTY_IF_TAKEN_IN = (side: 'OLD' | 'NEW') =>
  `INSERT OR IGNORE INTO rollup_dirty (user_id, event_ts, date_key)
     SELECT ${side}.user_id, ${side}.event_ts, ${side}.date_key FROM rollup_state
     WHERE id = 1 AND ${side}.event_key <= event_mark`

const CHANGED_WHEN = `AFTER UPDATE OF event_key, user_id, event_name, event_ts, date_key, source, page_url ON fct_event
      WHEN OLD.event_key IS NOT NEW.event_key OR OLD.user_id IS NOT NEW.user_id
        OR OLD.event_name IS NOT NEW.event_name OR OLD.event_ts IS NOT NEW.event_ts
        OR OLD.date_key IS NOT NEW.date_key OR OLD.source IS NOT NEW.source
        OR OLD.page_url IS NOT NEW.page_url`

export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `DROP TRIGGER rollup_event_deleted`,
    `DROP TRIGGER rollup_event_changed`,
    `CREATE TRIGGER rollup_event_deleted AFTER DELETE ON fct_event BEGIN
      ${DIRTY_IF_TAKEN_IN('OLD')};
      UPDATE rollup_state SET event_mark = (SELECT coalesce(max(event_key), 0) FROM fct_event)
        WHERE id = 1 AND event_mark > (SELECT coalesce(max(event_key), 0) FROM fct_event);
    END`,
    `CREATE TRIGGER rollup_event_changed_from ${CHANGED_WHEN} BEGIN
      ${DIRTY_IF_TAKEN_IN('OLD')};
    END`,
    `CREATE TRIGGER rollup_event_changed_to ${CHANGED_WHEN} BEGIN
      ${DIRTY_IF_TAKEN_IN('NEW')};
    END`,
  ])
}

/** Migration 0011's triggers, as they were. */
export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    `DROP TRIGGER rollup_event_changed_to`,
    `DROP TRIGGER rollup_event_changed_from`,
    `DROP TRIGGER rollup_event_deleted`,
    `CREATE TRIGGER rollup_event_deleted AFTER DELETE ON fct_event BEGIN
      INSERT OR IGNORE INTO rollup_dirty (user_id, event_ts, date_key)
        VALUES (OLD.user_id, OLD.event_ts, OLD.date_key);
      UPDATE rollup_state SET event_mark = (SELECT coalesce(max(event_key), 0) FROM fct_event)
        WHERE id = 1 AND event_mark > (SELECT coalesce(max(event_key), 0) FROM fct_event);
    END`,
    `CREATE TRIGGER rollup_event_changed
      AFTER UPDATE OF event_key, user_id, event_name, event_ts, date_key, source, page_url ON fct_event
      WHEN OLD.event_key IS NOT NEW.event_key OR OLD.user_id IS NOT NEW.user_id
        OR OLD.event_name IS NOT NEW.event_name OR OLD.event_ts IS NOT NEW.event_ts
        OR OLD.date_key IS NOT NEW.date_key OR OLD.source IS NOT NEW.source
        OR OLD.page_url IS NOT NEW.page_url
    BEGIN
      INSERT OR IGNORE INTO rollup_dirty (user_id, event_ts, date_key)
        VALUES (OLD.user_id, OLD.event_ts, OLD.date_key);
      INSERT OR IGNORE INTO rollup_dirty (user_id, event_ts, date_key)
        VALUES (NEW.user_id, NEW.event_ts, NEW.date_key);
    END`,
  ])
}
