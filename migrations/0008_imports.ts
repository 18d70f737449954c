import type { Kysely } from 'kysely'
import { NOW, oneOf, runStatements } from './ddl'

// Every CSV import is recorded so it can be shown, deduplicated against and undone as a whole.
//
// - `imports`: one row per import (file, content hash, preset, counts, when, undone when).
// - `import_rows`: the rows an import inserted (or the row it changed, with the values before),
//   in the order written, so undo can walk them backwards. Event logs are the exception: a
//   million-row log would double its write cost here, so `fct_event.import_id` marks those rows.
// - `import_keys`: the natural key of everything an import wrote (a Strong set, a Letterboxd
//   diary entry…), per preset scope: a second import of the same file, or of a later export that
//   overlaps, finds its rows here and adds nothing.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `CREATE TABLE imports (
      id INTEGER PRIMARY KEY,
      file_name TEXT NOT NULL,
      file_hash TEXT NOT NULL,
      file_bytes INTEGER NOT NULL CHECK (file_bytes >= 0),
      preset TEXT NOT NULL,
      rows_read INTEGER NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
      inserted INTEGER NOT NULL DEFAULT 0 CHECK (inserted >= 0),
      duplicates INTEGER NOT NULL DEFAULT 0 CHECK (duplicates >= 0),
      skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped >= 0),
      rejected INTEGER NOT NULL DEFAULT 0 CHECK (rejected >= 0),
      status TEXT NOT NULL DEFAULT 'done' ${oneOf('status', ['done', 'undone'], false)},
      backup_path TEXT,
      started_at TEXT NOT NULL DEFAULT ${NOW},
      finished_at TEXT,
      undone_at TEXT
    ) STRICT`,
    `CREATE INDEX imports_hash ON imports (file_hash)`,
    `CREATE TABLE import_rows (
      import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      table_name TEXT NOT NULL,
      row_id INTEGER NOT NULL,
      before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
      PRIMARY KEY (import_id, seq)
    ) STRICT, WITHOUT ROWID`,
    `CREATE TABLE import_keys (
      scope TEXT NOT NULL,
      natural_key TEXT NOT NULL,
      table_name TEXT NOT NULL,
      row_id INTEGER NOT NULL,
      import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
      PRIMARY KEY (scope, natural_key)
    ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX import_keys_import ON import_keys (import_id)`,
    `CREATE INDEX import_keys_row ON import_keys (table_name, row_id)`,
    // No REFERENCES clause: imports are never deleted, and SQLite cannot drop a column that is
    // part of a foreign key, which `down` must.
    `ALTER TABLE fct_event ADD COLUMN import_id INTEGER`,
  ])
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    `ALTER TABLE fct_event DROP COLUMN import_id`,
    `DROP TABLE import_keys`,
    `DROP TABLE import_rows`,
    `DROP TABLE imports`,
  ])
}
