import type BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { migrateDownTo, migrateToLatest } from '../../electron/services/db/migrate'
import { dumpRollups } from '../../electron/services/rollups/dump'
import { rebuildRollups } from '../../electron/services/rollups/rebuild'
import { readState } from '../../electron/services/rollups/state'
import { keepRollupsCurrent } from '../../electron/services/rollups/upkeep'
import { defaultSettings } from '../../shared/settings'
import { dateKeyOf } from '../../shared/time'
import { openFresh } from '../helpers/db'
import { useTempDir } from '../helpers/tmp'

// Migration 0013: the triggers on fct_event record only events the rollups took in
// (event_key <= rollup_state.event_mark), and still lower the mark when the newest rows go.

const tempDir = useTempDir()
const ZONE = 'UTC'
const settings = { ...defaultSettings(ZONE), timeZone: ZONE }
const HOUR = 3_600_000
const START = Date.UTC(2025, 4, 1, 8)

let open: DatabaseHandle | null = null
afterEach(async () => {
  await open?.close()
  open = null
})

async function database() {
  open = await openFresh(tempDir())
  const { sqlite } = open
  sqlite.prepare(`INSERT INTO users (user_id, username) VALUES ('A', 'a'), ('B', 'b')`).run()
  sqlite.prepare(`INSERT INTO dim_actions (action_type) VALUES ('open')`).run()
  return sqlite
}

let serial = 0
/** Writes `n` events of `who`, an hour apart from `from`; returns their keys. */
function events(sqlite: BetterSqlite3.Database, who: string, from: number, n: number) {
  const insert = sqlite.prepare(
    `INSERT INTO fct_event (event_id, user_id, event_name, event_ts, ingested_at, date_key)
     VALUES (?, ?, 'open', ?, ?, ?)`,
  )
  const keys: number[] = []
  for (let i = 0; i < n; i++) {
    const ts = from + i * HOUR
    serial += 1
    keys.push(Number(insert.run(`e-${serial}`, who, ts, ts, dateKeyOf(ts, ZONE)).lastInsertRowid))
  }
  return keys
}

const dirty = (sqlite: BetterSqlite3.Database) =>
  sqlite.prepare(`SELECT user_id, event_ts FROM rollup_dirty ORDER BY 1, 2`).raw(true).all()

/** The upkeep leaves what a full rebuild of the same data writes. */
function expectCurrent(sqlite: BetterSqlite3.Database) {
  keepRollupsCurrent(sqlite, { settings })
  const kept = dumpRollups(sqlite)
  sqlite.exec('BEGIN')
  try {
    rebuildRollups(sqlite, settings)
    expect(dumpRollups(sqlite)).toEqual(kept)
  } finally {
    sqlite.exec('ROLLBACK')
  }
}

describe('the rollup triggers on fct_event (migration 0013)', () => {
  it('record nothing for events deleted before the rollups took them in (an import’s duplicates)', async () => {
    const sqlite = await database()
    events(sqlite, 'A', START, 5)
    rebuildRollups(sqlite, settings)
    const late = events(sqlite, 'B', START + 2 * HOUR, 4)
    sqlite.prepare(`DELETE FROM fct_event WHERE event_key >= ?`).run(late[2])
    sqlite
      .prepare(`UPDATE fct_event SET event_ts = event_ts + 60000 WHERE event_key = ?`)
      .run(late[0])
    expect(dirty(sqlite)).toEqual([])
    expectCurrent(sqlite)
  })

  it('record deleted and changed events the rollups took in, each side of a change', async () => {
    const sqlite = await database()
    const [first, second] = events(sqlite, 'A', START, 5)
    rebuildRollups(sqlite, settings)
    sqlite.prepare(`DELETE FROM fct_event WHERE event_key = ?`).run(first)
    sqlite.prepare(`UPDATE fct_event SET user_id = 'B' WHERE event_key = ?`).run(second)
    expect(dirty(sqlite)).toEqual([
      ['A', START],
      ['A', START + HOUR],
      ['B', START + HOUR],
    ])
    expectCurrent(sqlite)
    expect(dirty(sqlite)).toEqual([])
  })

  it('lower the mark when the newest rows go, whichever order one statement deletes them in', async () => {
    const sqlite = await database()
    const taken = events(sqlite, 'A', START, 5)
    rebuildRollups(sqlite, settings)
    const mark = readState(sqlite).eventMark
    events(sqlite, 'B', START, 3)
    // Deletes the two newest taken-in events and every event above the mark.
    sqlite.prepare(`DELETE FROM fct_event WHERE event_key >= ?`).run(taken[3])
    expect(readState(sqlite).eventMark).toBe(taken[2])
    expect(readState(sqlite).eventMark).toBeLessThan(mark)
    expect(dirty(sqlite)).toHaveLength(2)
    // SQLite hands the freed keys out again: they must count as new.
    const again = events(sqlite, 'B', START + 30 * HOUR, 2)
    expect(again[0]).toBe(taken[3])
    expectCurrent(sqlite)
  })

  it('go back to migration 0011’s triggers and come again', async () => {
    const sqlite = await database()
    const triggers = () =>
      sqlite
        .prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'fct_event'`)
        .pluck()
        .all()
        .sort()
    expect(triggers()).toEqual([
      'rollup_event_changed_from',
      'rollup_event_changed_to',
      'rollup_event_deleted',
    ])
    const handle = open as DatabaseHandle
    await migrateDownTo(handle.sqlite, handle.db, '0012_audit_log')
    expect(triggers()).toEqual(['rollup_event_changed', 'rollup_event_deleted'])
    await migrateToLatest(handle.sqlite, handle.db)
    expect(triggers()).toHaveLength(3)
  })
})
