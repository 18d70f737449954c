import type BetterSqlite3 from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeEventLog } from '../../bench/generate-events'
import { databaseChecksum } from '../../electron/services/db/checksum'
import { openDatabase, type DatabaseHandle } from '../../electron/services/db/open'
import { generateDemoData } from '../../electron/services/demo'
import { rollupStatus, rollupsSettled } from '../../electron/services/rollups/background'
import { dumpDifferences, dumpRollups, type RollupDump } from '../../electron/services/rollups/dump'
import { rebuildRollups } from '../../electron/services/rollups/rebuild'
import { staleReason } from '../../electron/services/rollups/state'
import { readSettingsSync, writeSettings } from '../../electron/services/settings/store'
import { ROLLUP_UPKEEP } from '../../shared/schema'
import { killChildOn, type KilledChild } from '../helpers/crash-run'
import { useSuiteTempDir } from '../helpers/tmp'

// A process killed with SIGKILL in the middle of an import or of a full rollup rebuild leaves a
// file that passes the integrity check and holds exactly what it held before: the import is not
// there at all, the rollups are the ones from before (and equal a fresh rebuild of that data),
// and rollups left stale by a change of settings are rebuilt on the next look, as the app does.
// The work runs in a child process (tests/helpers/crash-child.ts) that says how far it got.

const ZONE = 'Europe/Berlin'
const NOW = new Date('2026-01-01T12:00:00Z')
/**
 * More events than the demo holds (about 70,000), so the import sets fct_event's indexes aside
 * and builds them again, and its upkeep rebuilds every rollup: the import runs for several
 * seconds, so each kill lands well inside it.
 */
const EVENT_ROWS = 80_000
/** The rollups' own bookkeeping, which databaseChecksum leaves out by default. */
const ROLLUP_BOOKKEEPING = Object.keys(ROLLUP_UPKEEP)

const tempDir = useSuiteTempDir()
let dir: string
let seeded: string
let csv: string
/** The seeded file as it was: schema, contents of every table, rollups and their rebuild. */
let before: {
  schema: unknown[]
  checksum: string
  bookkeeping: string
  rollups: RollupDump
  rebuilt: RollupDump
}
let copies = 0

/** Every rollup table's rows as a fresh full rebuild would write them (rolled back after). */
function freshRebuild(sqlite: BetterSqlite3.Database): RollupDump {
  sqlite.exec('BEGIN')
  try {
    rebuildRollups(sqlite, readSettingsSync(sqlite))
    return dumpRollups(sqlite)
  } finally {
    sqlite.exec('ROLLBACK')
  }
}

const schemaOf = (sqlite: BetterSqlite3.Database) =>
  sqlite.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name`).all()

/** Room for a machine busy with other work (at load average 6 each kill test took 6–9 s). */
const KILL_TEST_TIMEOUT = 180_000

/** A copy of the seeded file (closed, so the copy is the whole database). */
function seededCopy() {
  copies += 1
  const path = join(dir, `crash-${copies}.db`)
  copyFileSync(seeded, path)
  return path
}

async function withDatabase<T>(path: string, work: (handle: DatabaseHandle) => T | Promise<T>) {
  const handle = await openDatabase(path)
  try {
    return await work(handle)
  } finally {
    await handle.close()
  }
}

function expectIntact(sqlite: BetterSqlite3.Database) {
  expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  expect(sqlite.pragma('foreign_key_check')).toEqual([])
}

beforeAll(async () => {
  dir = tempDir('logbook-crash-')
  seeded = join(dir, 'seeded.db')
  csv = join(dir, 'events.csv')
  await writeEventLog(csv, { rows: EVENT_ROWS })
  before = await withDatabase(seeded, ({ sqlite }) => {
    generateDemoData({ sqlite }, { now: NOW, timeZone: ZONE })
    return {
      schema: schemaOf(sqlite),
      checksum: databaseChecksum(sqlite),
      bookkeeping: databaseChecksum(sqlite, ROLLUP_BOOKKEEPING),
      rollups: dumpRollups(sqlite),
      rebuilt: freshRebuild(sqlite),
    }
  })
}, KILL_TEST_TIMEOUT)

afterAll(async () => {
  // A rebuild started by rollupStatus runs in a worker: let it finish before the folder goes.
  for (let n = 1; n <= copies; n++) await rollupsSettled(join(dir, `crash-${n}.db`))
})

it("the seeded file's rollups equal a fresh rebuild (so an unchanged file's do too)", () => {
  expect(dumpDifferences(before.rollups, before.rebuilt)).toEqual([])
})

describe('a process killed in the middle of an event import', () => {
  const progressRows = (line: string) => Number(/^progress (\d+) /.exec(line)?.[1] ?? -1)

  const killPoints: [string, (line: string) => boolean, string[]][] = [
    // Past the rows held in memory: written into the open transaction, indexes still live.
    ['while the rows go in', (line) => progressRows(line) >= 55_000, []],
    // Every row written, fct_event's indexes dropped in the transaction and being built again.
    ['while the indexes are built again', (line) => line.startsWith('index event_'), []],
    // Indexes built, every rollup being rewritten by the import's upkeep.
    ['while the rollups are rewritten', (line) => line.startsWith('index sessions_'), []],
    // Everything written into the transaction, COMMIT about to run (the child waits there).
    ['just before its COMMIT', (line) => line === 'commit', ['--hold-commit']],
  ]

  it.each(killPoints)(
    '%s leaves the file as it was',
    async (_name, killOn, flags) => {
      const path = seededCopy()
      const killed: KilledChild = await killChildOn(path, ['import', path, csv, ...flags], killOn)
      expect(killed.signal).toBe('SIGKILL')
      // It was killed mid-import: rows had been read and no "done" came.
      expect(killed.lines.some((line) => progressRows(line) > 0)).toBe(true)
      expect(killed.lines.some((line) => line.startsWith('done'))).toBe(false)
      await withDatabase(path, ({ sqlite }) => {
        expectIntact(sqlite)
        expect(sqlite.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0)
        expect(schemaOf(sqlite)).toEqual(before.schema)
        expect(databaseChecksum(sqlite)).toBe(before.checksum)
        expect(databaseChecksum(sqlite, ROLLUP_BOOKKEEPING)).toBe(before.bookkeeping)
      })
    },
    KILL_TEST_TIMEOUT,
  )
})

describe('a process killed in the middle of a full rollup rebuild', () => {
  // The background rebuild may mark the rollups stale in a short transaction of its own before
  // it computes (rollups/shadow.ts); whatever it got to, the rollup rows are the old ones, they
  // are still known to be stale, and nothing else changed.
  const killPoints: [string, RegExp][] = [
    ['while events are read', / (Reading events|Writing active days and tiers)$/],
    [
      'while the result is put in place',
      / (Putting the recomputed rollups in place|Indexing sessions and days|Writing totals)$/,
    ],
  ]

  it.each(killPoints)(
    '%s leaves the old rollups, and the next look rebuilds them',
    async (_name, killOn) => {
      const path = seededCopy()
      // A new session gap: the rollups are stale and need the full rebuild the child runs.
      const stale = await withDatabase(path, async ({ sqlite, db }) => {
        await writeSettings(db, { sessionGapMinutes: 45 })
        return {
          checksum: databaseChecksum(sqlite),
          reason: staleReason(sqlite, readSettingsSync(sqlite)),
        }
      })
      expect(stale.reason).toBe('the session or tier settings changed')

      const killed = await killChildOn(path, ['rebuild', path], (line) => killOn.test(line))
      expect(killed.signal).toBe('SIGKILL')
      expect(killed.lines.some((line) => line.startsWith('done'))).toBe(false)

      await withDatabase(path, async ({ sqlite }) => {
        expectIntact(sqlite)
        expect(databaseChecksum(sqlite)).toBe(stale.checksum)
        expect(dumpDifferences(dumpRollups(sqlite), before.rollups)).toEqual([])
        expect(staleReason(sqlite, readSettingsSync(sqlite))).not.toBeNull()
        // What the window's status poll does with stale rollups: rebuild them in the background.
        expect(rollupStatus(sqlite, path).state).toBe('running')
        await rollupsSettled(path)
        expect(rollupStatus(sqlite, path)).toMatchObject({ state: 'current', error: null })
        const rollups = dumpRollups(sqlite)
        expect(dumpDifferences(rollups, freshRebuild(sqlite))).toEqual([])
        expect(dumpDifferences(rollups, before.rollups)).not.toEqual([])
      })
    },
    KILL_TEST_TIMEOUT,
  )
})
