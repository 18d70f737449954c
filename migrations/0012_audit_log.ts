import type { Kysely } from 'kysely'
import { NOW, oneOf, runStatements } from './ddl'

// Seed 004's audit logging: every create, update and delete made through the contract.
//
// - `row_key`: the row's primary key as text (a composite key as a JSON array), so one table
//   answers "what happened to this row" whatever its key's type.
// - `changes`: JSON `{"field": [from, to]}`; a create lists every field with `from` null, a
//   delete every field with `to` null, so a deleted row can be read back from its last entry.
// - `adapter`: the door the call came through (ipc, http, cli); `method` the contract method.
// - Bulk work (an import, a retention purge, a person's cascade) writes one entry per row it
//   changed only where the row was changed one at a time; a whole-table job writes a summary
//   entry (`action` 'bulk') naming the job in `method` and its counts in `changes`.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL DEFAULT ${NOW},
      action TEXT NOT NULL ${oneOf('action', ['create', 'update', 'delete', 'bulk'], false)},
      table_name TEXT NOT NULL,
      row_key TEXT,
      changes TEXT CHECK (changes IS NULL OR json_valid(changes)),
      adapter TEXT NOT NULL ${oneOf('adapter', ['ipc', 'http', 'cli'], false)},
      method TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX audit_log_at ON audit_log (at)`,
    `CREATE INDEX audit_log_row ON audit_log (table_name, row_key)`,
  ])
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [`DROP TABLE audit_log`])
}
