import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceContext } from '../../electron/services/context'
import { createAppRegistry } from '../../electron/services/handlers'
import { undoImport } from '../../electron/services/imports/registry'
import { runImport } from '../../electron/services/imports/run'
import { invoke } from '../../electron/services/registry'
import {
  rollupStatus,
  rollupsSettled,
  startRollupRebuild,
} from '../../electron/services/rollups/background'
import { dumpRollups } from '../../electron/services/rollups/dump'
import { rebuildRollups } from '../../electron/services/rollups/rebuild'
import { readState, staleReason } from '../../electron/services/rollups/state'
import { Session } from '../../electron/services/session'
import { readSettingsSync, writeSettings } from '../../electron/services/settings/store'
import type { MethodName } from '../../shared/api'
import { dateKeyOf } from '../../shared/time'
import { useSuiteTempDir } from '../helpers/tmp'

// Every way the app writes events (a form, a workout, the front desk, an import and its undo, a
// deletion and its undo, an edit of the core actions, a change of settings) leaves the rollups
// exactly as a full rebuild of the same data would.

const ZONE = 'America/New_York'
const HOUR = 3_600_000
const DAY = 24 * HOUR

const tempDir = useSuiteTempDir()
const registry = createAppRegistry()
let session: Session
let ctx: ServiceContext

beforeAll(async () => {
  session = await Session.open(join(tempDir(), 'paths.db'))
  ctx = { session, adapter: 'ipc', progress: () => {} }
  await ok('settings.update', { timeZone: ZONE, regularMinDays: 2, coreMinDays: 3 })
  seed()
  rebuildRollups(sqlite(), readSettingsSync(sqlite()))
})
afterAll(async () => {
  await rollupsSettled(session.handle.path)
  await session.close()
})

const sqlite = () => session.handle.sqlite

async function ok<T = unknown>(name: MethodName, input: unknown): Promise<T> {
  const outcome = await invoke(registry, ctx, name, input)
  if (!outcome.ok) throw new Error(`${name} failed: ${JSON.stringify(outcome.error)}`)
  return outcome.result as T
}

/** People with a few weeks of events either side of the autumn clock change, some past midnight. */
function seed() {
  const db = sqlite()
  db.prepare(`INSERT INTO dim_location (location_id, location_name) VALUES ('L1', 'Central')`).run()
  const person = db.prepare(`INSERT INTO users (user_id, username, name) VALUES (?, ?, ?)`)
  for (const [id, name] of [
    ['M1', 'Ana'],
    ['M2', 'Ben'],
    ['M3', 'Cleo'],
  ]) {
    person.run(id, name, name)
  }
  const action = db.prepare(`INSERT INTO dim_actions (action_type, is_core_action) VALUES (?, ?)`)
  action.run('open', 1)
  action.run('browse', 0)
  const event = db.prepare(
    `INSERT INTO fct_event (event_id, user_id, event_name, event_ts, ingested_at, date_key, source, page_url)
     VALUES (?, ?, ?, ?, ?, ?, 'web', ?)`,
  )
  const start = Date.parse('2025-10-20T02:00:00Z')
  let n = 0
  for (let day = 0; day < 28; day++) {
    for (const [i, who] of ['M1', 'M2', 'M3'].entries()) {
      if ((day + i) % (i + 1) !== 0) continue
      for (let k = 0; k < 3; k++) {
        const ts = start + day * DAY + i * 5 * HOUR + k * 20 * 60_000
        n += 1
        event.run(
          `seed-${n}`,
          who,
          k === 2 ? 'browse' : 'open',
          ts,
          ts,
          dateKeyOf(ts, ZONE),
          `/p${k}`,
        )
      }
    }
  }
}

/** A full rebuild builds the rollup tables' indexes again: the schema's version moves. */
const schemaVersion = () => sqlite().pragma('schema_version', { simple: true }) as number
let lastVersion = 0

/**
 * The rollups equal a full rebuild of the data as it is, and nothing is left to take in; unless
 * `rebuilt`, they were kept incrementally (no full rebuild since the last check).
 */
function expectCurrent(rebuilt = false) {
  const db = sqlite()
  if (!rebuilt) expect(schemaVersion()).toBe(lastVersion)
  const settings = readSettingsSync(db)
  expect(staleReason(db, settings)).toBeNull()
  expect(db.prepare(`SELECT count(*) FROM rollup_dirty`).pluck().get()).toBe(0)
  expect(readState(db).eventMark).toBe(
    db.prepare(`SELECT coalesce(max(event_key), 0) FROM fct_event`).pluck().get(),
  )
  const kept = dumpRollups(db)
  db.exec('BEGIN')
  try {
    rebuildRollups(db, settings)
    expect(kept).toEqual(dumpRollups(db))
  } finally {
    db.exec('ROLLBACK')
  }
  expect(db.pragma('foreign_key_check')).toEqual([])
  lastVersion = schemaVersion()
}

const eventCount = () => sqlite().prepare(`SELECT count(*) FROM fct_event`).pluck().get() as number

describe('every write path keeps the rollups equal to a full rebuild', () => {
  it('starts from a full rebuild', () => {
    expect(
      sqlite().prepare(`SELECT count(*) FROM fact_daily_user_activity`).pluck().get(),
    ).toBeGreaterThan(20)
    expectCurrent(true)
  })

  it('a record created in a form (its event counts as activity)', async () => {
    const before = eventCount()
    await ok('records.create', {
      entity: 'fitness_measurements',
      values: { measurement_date: '2025-11-01', weight: 70 },
    })
    expect(eventCount()).toBe(before + 1)
    expectCurrent()
  })

  it('a logged workout', async () => {
    const exercise = Number(
      sqlite()
        .prepare(
          `INSERT INTO fitness_exercises (exercise_name, exercise_type) VALUES ('Squat', 'strength')`,
        )
        .run().lastInsertRowid,
    )
    await ok('fitness.logWorkout', {
      date: '2025-11-02',
      sets: [{ exerciseId: exercise, reps: 5, weight: 100 }],
    })
    expectCurrent()
  })

  it('a studio check-in and its undoing', async () => {
    const start = Date.now() + HOUR
    sqlite()
      .prepare(
        `INSERT INTO dim_class_session (session_id, class_code, class_name, location_id, datetime,
           duration_mins, week_number, year, month, day_of_week, is_weekend, capacity)
         VALUES ('C1', 'VIN', 'Vinyasa', 'L1', ?, 60, 1, 2025, 1, 'Monday', 0, 20)`,
      )
      .run(new Date(start).toISOString())
    const change = await ok<{ roster: { entries: { attendanceId: number }[] } }>('studio.checkIn', {
      sessionId: 'C1',
      userId: 'M2',
    })
    expectCurrent()
    await ok('studio.undoCheckIn', { attendanceId: change.roster.entries[0]?.attendanceId })
    expectCurrent()
  })

  let importId = 0
  it('an import of late events (event times across the past weeks, some the file’s own ingestion times)', async () => {
    const file = join(tempDir(), 'late.csv')
    const base = Date.parse('2025-10-26T05:30:00Z') // the small hours of the clock change
    const lines = ['event_id,user_id,event_name,event_ts,ingested_at']
    for (let i = 0; i < 40; i++) {
      const ts = base + (i - 20) * 7 * HOUR + (i % 3) * 25 * 60_000
      lines.push(
        `late-${i},${['M1', 'M2', 'M3', 'N4'][i % 4]},${i % 5 === 0 ? 'search' : 'open'},${new Date(ts).toISOString()},${new Date(ts + HOUR).toISOString()}`,
      )
    }
    writeFileSync(file, `${lines.join('\n')}\n`)
    const settings = readSettingsSync(sqlite())
    const summary = await runImport(sqlite(), {
      file,
      preset: 'events',
      timeZone: settings.timeZone,
      upkeep: settings,
      backup: false,
    })
    expect(summary.inserted).toBe(40)
    importId = summary.importId ?? 0
    expectCurrent()
  })

  it('the undo of that import', () => {
    const undone = undoImport(sqlite(), importId, readSettingsSync(sqlite()))
    expect(undone.removed).toBeGreaterThanOrEqual(40)
    expectCurrent()
  })

  let undoToken = ''
  it('a record deleted: a person, whose events go with them', async () => {
    const id = sqlite().prepare(`SELECT id FROM users WHERE user_id = 'M3'`).pluck().get()
    const deleted = await ok<{ undoToken: string }>('records.delete', { entity: 'users', key: id })
    undoToken = deleted.undoToken
    expect(
      sqlite().prepare(`SELECT count(*) FROM fct_event WHERE user_id = 'M3'`).pluck().get(),
    ).toBe(0)
    expectCurrent()
  })

  it('that deletion undone: the person and their events come back with their keys', async () => {
    await ok('records.undo', { token: undoToken })
    expect(
      sqlite().prepare(`SELECT count(*) FROM fct_event WHERE user_id = 'M3'`).pluck().get(),
    ).toBeGreaterThan(0)
    expectCurrent()
  })

  it('an action no longer core (the records editor), then the session gap changed', async () => {
    const key = sqlite()
      .prepare(`SELECT action_key FROM dim_actions WHERE action_type = 'open'`)
      .pluck()
      .get()
    await ok('records.update', { entity: 'dim_actions', key, values: { is_core_action: false } })
    await rollupsSettled(session.handle.path)
    expectCurrent(true)
    await ok('settings.update', { sessionGapMinutes: 10 })
    expect(await ok('settings.rollupStatus', {})).toMatchObject({ state: 'current' })
    expectCurrent(true)
  })

  it('the background rebuild runs in a worker thread, with progress, and leaves them current', async () => {
    // A settings change as another window would save it: the rollups are now stale.
    await writeSettings(session.handle.db, { powerQuantile: 0.75 })
    expect(staleReason(sqlite(), readSettingsSync(sqlite()))).not.toBeNull()
    const progress: number[] = []
    const job = startRollupRebuild(session.handle.path, (fraction) => progress.push(fraction))
    expect(rollupStatus(sqlite(), session.handle.path)).toMatchObject({ state: 'running' })
    await job
    expect(progress.length).toBeGreaterThan(1)
    expect(progress.at(-1)).toBe(1)
    expect(rollupStatus(sqlite(), session.handle.path)).toMatchObject({ state: 'current' })
    expectCurrent(true)
  }, 60_000)

  it('a change of zone gives every event its day in the new zone first', async () => {
    await ok('settings.update', { timeZone: 'Europe/Berlin' })
    const wrong = sqlite()
      .prepare(`SELECT event_ts, date_key FROM fct_event`)
      .all()
      .filter((e) => {
        const row = e as { event_ts: number; date_key: number }
        return dateKeyOf(row.event_ts, 'Europe/Berlin') !== row.date_key
      })
    expect(wrong).toEqual([])
    expectCurrent(true)
  })
})
