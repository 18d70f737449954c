import type { Kysely } from 'kysely'
import { runStatements } from './ddl'

// What the rollups need to stay current without a full rebuild after every write
// (electron/services/rollups/upkeep.ts says how they are used).
//
// - `rollup_state`, one row: `event_mark` is the largest event_key the rollups have taken in.
//   SQLite gives a new row the largest rowid so far plus one, so the events written since are
//   `event_key > event_mark`, a range of the table's own b-tree: the bulk import pays nothing
//   per row for being found (no INSERT trigger). `key_zone` is the zone fct_event.date_key was
//   computed in (NULL: the settings' own, as every change of zone rewrote them before this),
//   `built_with` the settings and `core_actions` the core-action flags the rollups were
//   computed with (NULL: unknown, so the next upkeep rebuilds everything: a file's rollups were
//   not kept by every write before this).
// - `rollup_dirty`: the person-moments of events deleted or changed since, written by the
//   triggers below (a delete cascading from `users` fires them too). Small: one row per
//   person, time and day, whatever the number of events there.
// - The delete trigger also lowers `event_mark` to the largest key left when the table's last
//   rows go: SQLite would hand their keys out again, and those rows must count as new.
// - Deleting a person writes (user_id, -1, 0) to rollup_dirty: their rollup rows went with them
//   (ON DELETE CASCADE), so the day totals they were part of are summed again, even when someone
//   with the same user_id is added back before the upkeep runs.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `CREATE TABLE rollup_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      event_mark INTEGER NOT NULL DEFAULT 0,
      key_zone TEXT,
      built_with TEXT CHECK (built_with IS NULL OR json_valid(built_with)),
      core_actions TEXT CHECK (core_actions IS NULL OR json_valid(core_actions))
    ) STRICT`,
    `INSERT INTO rollup_state (id, event_mark)
      VALUES (1, (SELECT coalesce(max(event_key), 0) FROM fct_event))`,
    `CREATE TABLE rollup_dirty (
      user_id TEXT NOT NULL,
      event_ts INTEGER NOT NULL,
      date_key INTEGER NOT NULL,
      PRIMARY KEY (user_id, event_ts, date_key)
    ) STRICT, WITHOUT ROWID`,
    `CREATE TRIGGER rollup_event_deleted AFTER DELETE ON fct_event BEGIN
      INSERT OR IGNORE INTO rollup_dirty (user_id, event_ts, date_key)
        VALUES (OLD.user_id, OLD.event_ts, OLD.date_key);
      UPDATE rollup_state SET event_mark = (SELECT coalesce(max(event_key), 0) FROM fct_event)
        WHERE id = 1 AND event_mark > (SELECT coalesce(max(event_key), 0) FROM fct_event);
    END`,
    `CREATE TRIGGER rollup_person_deleted AFTER DELETE ON users BEGIN
      INSERT OR IGNORE INTO rollup_dirty (user_id, event_ts, date_key) VALUES (OLD.user_id, -1, 0);
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

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    `DROP TRIGGER rollup_event_changed`,
    `DROP TRIGGER rollup_person_deleted`,
    `DROP TRIGGER rollup_event_deleted`,
    `DROP TABLE rollup_dirty`,
    `DROP TABLE rollup_state`,
  ])
}
