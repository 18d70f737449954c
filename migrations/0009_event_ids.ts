import type { Kysely } from 'kysely'
import * as seedViews from './0007_seed_views'
import { runStatements } from './ddl'

// fct_event again, for the speed of importing event logs (docs/imports/events.md):
//
// - `event_id`'s uniqueness moves from the column (an index SQLite owns and no one can drop) to
//   the index `event_id_unique`, so a long import can set it aside, write the rows, drop the
//   duplicates it made and build the index again sorted, in one pass, instead of putting each
//   random UUID into place one at a time.
// - The `source` CHECK is an OR chain: SQLite builds a lookup table for an `IN (…)` list on every
//   row it checks (measured: about 10% of a million-event import).
//
// Same columns, same rows, same other indexes. The views over the table are dropped and made
// again around the rebuild (SQLite will not rename a table under a view that names it).
const SOURCES = ['desktop', 'web', 'mobile', 'api']
const COLUMNS = `event_key, event_id, user_id, account_id, event_name, event_ts, ingested_at,
  date_key, duration_seconds, task_id, source, class_session_id, location_id, class_datetime,
  app_session_id, page_url, action_context, properties, import_id`

function table(name: string, uniqueColumn: boolean, sourceCheck: string) {
  return `CREATE TABLE ${name} (
      event_key INTEGER PRIMARY KEY,
      event_id TEXT NOT NULL${uniqueColumn ? ' UNIQUE' : ''},
      user_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE ON UPDATE CASCADE,
      account_id TEXT REFERENCES dim_account (account_id) ON DELETE SET NULL ON UPDATE CASCADE,
      event_name TEXT NOT NULL REFERENCES dim_actions (action_type) ON DELETE RESTRICT ON UPDATE CASCADE,
      event_ts INTEGER NOT NULL CHECK (event_ts >= 0),
      ingested_at INTEGER NOT NULL CHECK (ingested_at >= 0),
      date_key INTEGER NOT NULL CHECK (date_key BETWEEN 19700101 AND 29991231),
      duration_seconds INTEGER CHECK (duration_seconds IS NULL OR duration_seconds >= 0),
      task_id TEXT,
      source TEXT CHECK (${sourceCheck}),
      class_session_id TEXT REFERENCES dim_class_session (session_id) ON DELETE SET NULL ON UPDATE CASCADE,
      location_id TEXT REFERENCES dim_location (location_id) ON DELETE SET NULL ON UPDATE CASCADE,
      class_datetime TEXT,
      app_session_id TEXT,
      page_url TEXT,
      action_context TEXT,
      properties TEXT CHECK (properties IS NULL OR json_valid(properties)),
      import_id INTEGER
    ) STRICT`
}

const INDEXES = [
  `CREATE INDEX event_user_time ON fct_event (user_id, event_ts)`,
  `CREATE INDEX event_time ON fct_event (event_ts)`,
  `CREATE INDEX event_ingested ON fct_event (ingested_at)`,
  `CREATE INDEX event_account ON fct_event (account_id) WHERE account_id IS NOT NULL`,
  `CREATE INDEX event_class_session ON fct_event (class_session_id) WHERE class_session_id IS NOT NULL`,
  `CREATE INDEX event_location ON fct_event (location_id) WHERE location_id IS NOT NULL`,
  `CREATE INDEX event_app_session ON fct_event (app_session_id) WHERE app_session_id IS NOT NULL`,
]

async function rebuild(db: Kysely<unknown>, uniqueColumn: boolean, sourceCheck: string) {
  await seedViews.down(db)
  await runStatements(db, [
    table('fct_event_rebuilt', uniqueColumn, sourceCheck),
    `INSERT INTO fct_event_rebuilt (${COLUMNS}) SELECT ${COLUMNS} FROM fct_event`,
    `DROP TABLE fct_event`,
    `ALTER TABLE fct_event_rebuilt RENAME TO fct_event`,
    ...INDEXES,
    ...(uniqueColumn ? [] : [`CREATE UNIQUE INDEX event_id_unique ON fct_event (event_id)`]),
  ])
  await seedViews.up(db)
}

export async function up(db: Kysely<unknown>) {
  const orChain = SOURCES.map((s) => `source = '${s}'`).join(' OR ')
  await rebuild(db, false, `source IS NULL OR ${orChain}`)
}

export async function down(db: Kysely<unknown>) {
  const list = SOURCES.map((s) => `'${s}'`).join(', ')
  await rebuild(db, true, `source IS NULL OR source IN (${list})`)
}
