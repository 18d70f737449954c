import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fill } from '../../bench/rollup-upkeep'
import type { ServiceContext } from '../../electron/services/context'
import { createRecord } from '../../electron/services/records/write'
import { rollupsSettled, startRollupRebuild } from '../../electron/services/rollups/background'
import { dumpDifferences, dumpRollups } from '../../electron/services/rollups/dump'
import { rebuildRollups } from '../../electron/services/rollups/rebuild'
import { readState, staleReason } from '../../electron/services/rollups/state'
import { Session } from '../../electron/services/session'
import { readSettingsSync } from '../../electron/services/settings/store'
import { entityDef } from '../../shared/entities'
import { useSuiteTempDir } from '../helpers/tmp'

// The background full rebuild computes from a read snapshot into shadow tables and swaps them in
// at the end (rollups/shadow.ts): the window's writes go on while it runs, and are taken in
// after the swap.

const tempDir = useSuiteTempDir()
/** Enough events that computing the rollups takes seconds. */
const EVENTS = 150_000
let session: Session
let ctx: ServiceContext

beforeAll(async () => {
  session = await Session.open(join(tempDir(), 'background.db'))
  ctx = { session, adapter: 'ipc', progress: () => {} }
  fill(session.handle.sqlite, EVENTS)
}, 120_000)
afterAll(async () => {
  await rollupsSettled(session.handle.path)
  await session.close()
})

const sqlite = () => session.handle.sqlite
const count = (sql: string) => sqlite().prepare(sql).pluck().get() as number

describe('the background full rebuild', () => {
  it('lets a form write go through while it computes, and takes that write in after', async () => {
    const db = sqlite()
    expect(staleReason(db, readSettingsSync(db))).not.toBeNull()
    const phases: string[] = []
    let computing!: () => void
    const started = new Promise<void>((resolve) => (computing = resolve))
    let finished = false
    const job = startRollupRebuild(session.handle.path, (fraction, message) => {
      phases.push(message)
      if (message === 'Reading events' && fraction > 0) computing()
    }).then(() => {
      finished = true
    })
    await started

    // A form write (its event is logged), and deletions of what the rebuild is reading.
    const events = count(`SELECT count(*) FROM fct_event`)
    const created = await createRecord(
      ctx,
      entityDef('fitness_measurements'),
      { measurement_date: '2025-06-01', weight: 71 },
      'records.create',
    )
    expect(created).toBeTruthy()
    expect(count(`SELECT count(*) FROM fct_event`)).toBe(events + 1)
    db.prepare(`DELETE FROM fct_event WHERE event_key = 1`).run()
    // A person deleted: their rows computed from the snapshot must not come back with the swap.
    expect(db.prepare(`DELETE FROM users WHERE user_id = 'user-3'`).run().changes).toBe(1)
    // All went through while the rebuild was still computing, before its swap.
    expect(finished).toBe(false)
    expect(phases).not.toContain('Putting the recomputed rollups in place')

    await job
    expect(phases).toContain('Putting the recomputed rollups in place')
    const settings = readSettingsSync(db)
    expect(staleReason(db, settings)).toBeNull()
    expect(count(`SELECT count(*) FROM rollup_dirty`)).toBe(0)
    expect(readState(db).eventMark).toBe(count(`SELECT max(event_key) FROM fct_event`))
    const kept = dumpRollups(db)
    expect(kept.fact_daily_user_activity.length).toBeGreaterThan(10_000)
    db.exec('BEGIN')
    try {
      rebuildRollups(db, settings)
      expect(dumpDifferences(kept, dumpRollups(db))).toEqual([])
    } finally {
      db.exec('ROLLBACK')
    }
    expect(db.pragma('foreign_key_check')).toEqual([])
  }, 180_000)
})
