import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { exportColumns } from '../../electron/services/exports/export-table'
import { createAppRegistry } from '../../electron/services/handlers'
import { invoke } from '../../electron/services/registry'
import { applyRetention } from '../../electron/services/retention/apply'
import { previewRetention } from '../../electron/services/retention/preview'
import { RetentionScheduler } from '../../electron/services/retention/scheduled'
import { Session } from '../../electron/services/session'
import { writeSettings } from '../../electron/services/settings/store'
import { LogbookError } from '../../shared/errors'
import type { RetentionApplyResult } from '../../shared/retention'
import type { TableName } from '../../shared/schema'
import { defaultSettings } from '../../shared/settings'
import { openFresh } from '../helpers/db'
import {
  asCsvText,
  DAY,
  expectRollupsCurrent,
  NOW,
  readCsvFile,
  seedPeople,
  snapshot,
} from '../helpers/retention-data'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()
const source = { adapter: 'cli' as const, method: 'retention.apply' }
let handle: DatabaseHandle
let dir: string

beforeEach(async () => {
  dir = tempDir()
  handle = await openFresh(dir)
  await writeSettings(handle.db, { timeZone: 'UTC', regularMinDays: 2, coreMinDays: 3 })
  seedPeople(handle.sqlite)
})
afterEach(async () => {
  await handle.close()
})

const all = { enabled: true }
async function enableAll() {
  await writeSettings(handle.db, {
    retention: {
      loginSessions: { ...all, days: 90 },
      analyticsEvents: { ...all, days: 365 },
      blogAnalytics: { ...all, days: 730 },
      mediaConsumption: { ...all, days: 365 },
    },
  })
}

/** Plain loops over every row: the rows each policy should take at NOW, by its own rule. */
function expectedOld() {
  const rows = (table: TableName) => {
    const columns = exportColumns(table)
    return handle.sqlite
      .prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`)
      .all() as Record<string, unknown>[]
  }
  const before = (days: number) => NOW.getTime() - days * DAY
  const fitness = new Set(
    (
      handle.sqlite
        .prepare(`SELECT action_type FROM dim_actions WHERE action_category = 'fitness'`)
        .pluck()
        .all() as string[]
    ).values(),
  )
  const instantOlder = (days: number) => (v: unknown) => Date.parse(String(v)) < before(days)
  return {
    user_sessions: rows('user_sessions').filter((r) => instantOlder(90)(r.login_time)),
    fct_event: rows('fct_event').filter(
      (r) => Number(r.event_ts) < before(365) && !fitness.has(String(r.event_name)),
    ),
    blog_analytics: rows('blog_analytics').filter((r) => instantOlder(730)(r.timestamp)),
    blog_engagement: rows('blog_engagement').filter((r) => instantOlder(730)(r.timestamp)),
    media_consumption: rows('media_consumption').filter(
      (r) => String(r.consumption_date) < new Date(before(365)).toISOString().slice(0, 10),
    ),
  }
}

const count = (table: string) =>
  handle.sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number

describe('retention policies', () => {
  it('are off by default: the preview counts nothing to apply, and applying changes nothing', () => {
    const preview = previewRetention(handle.sqlite, NOW)
    expect(defaultSettings('UTC').retention.loginSessions.enabled).toBe(false)
    expect(preview.policies.every((p) => !p.enabled)).toBe(true)
    expect(preview.totalRows).toBe(0)
    // The preview still says what each policy would take if switched on.
    expect(preview.policies.find((p) => p.policy === 'analyticsEvents')?.tables[0]?.rows).toBe(
      expectedOld().fct_event.length,
    )
    const before = snapshot(handle.sqlite)
    const result = applyRetention(handle.sqlite, handle.path, { now: NOW, source })
    expect(result).toMatchObject({ folder: null, totalRows: 0 })
    expect(snapshot(handle.sqlite)).toEqual(before)
    expect(existsSync(join(dir, 'archives'))).toBe(false)
  })

  it('preview: counts, oldest and newest equal plain loops over the rows', async () => {
    await enableAll()
    const expected = expectedOld()
    const preview = previewRetention(handle.sqlite, NOW)
    const tables = preview.policies.flatMap((p) => p.tables)
    expect(tables.map((t) => t.table).sort()).toEqual(Object.keys(expected).sort())
    let total = 0
    for (const t of tables) {
      const rows = expected[t.table as keyof typeof expected]
      expect(rows.length, t.table).toBeGreaterThan(0)
      expect(t.rows, t.table).toBe(rows.length)
      total += rows.length
      const timeColumn = {
        user_sessions: 'login_time',
        fct_event: 'event_ts',
        blog_analytics: 'timestamp',
        blog_engagement: 'timestamp',
        media_consumption: 'consumption_date',
      }[t.table as keyof typeof expected]
      const times = rows.map((r) =>
        t.table === 'fct_event'
          ? new Date(Number(r[timeColumn])).toISOString()
          : String(r[timeColumn]),
      )
      times.sort()
      expect(t.oldest, t.table).toBe(times[0])
      expect(t.newest, t.table).toBe(times.at(-1))
      expect(t.sample.rows.length).toBe(Math.min(5, rows.length))
      expect(t.sample.columns).toEqual(exportColumns(t.table as TableName))
    }
    expect(preview.totalRows).toBe(total)
  })

  it('apply: archives exactly the rows it deletes, keeps fitness, and leaves rollups equal to a rebuild', async () => {
    await enableAll()
    const expected = expectedOld()
    const counts = Object.fromEntries(Object.keys(expected).map((t) => [t, count(t)]))
    const fitnessBefore = snapshot(handle.sqlite)
    const fitnessEvents = () =>
      handle.sqlite
        .prepare(`SELECT * FROM fct_event WHERE event_name = 'workout_logged' ORDER BY event_key`)
        .all()
    const keptFitnessEvents = fitnessEvents()
    const folder = join(dir, 'chosen', 'archive-1')

    const result = applyRetention(handle.sqlite, handle.path, { now: NOW, source, folder })

    expect(result.folder).toBe(folder)
    for (const [table, rows] of Object.entries(expected)) {
      const file = readCsvFile(join(folder, `${table}.csv`))
      expect(file.header).toEqual(exportColumns(table as TableName))
      const wanted = rows.map((r) => asCsvText(Object.values(r)).join('\u0001')).sort()
      expect(file.rows.map((r) => r.join('\u0001')).sort(), table).toEqual(wanted)
      expect(result.deleted.find((d) => d.table === table)?.rows).toBe(rows.length)
      expect(count(table), table).toBe((counts[table] ?? 0) - rows.length)
    }
    expect(readdirSync(folder).sort()).toEqual(
      [...Object.keys(expected).map((t) => `${t}.csv`), 'manifest.json'].sort(),
    )
    // Nothing old enough is left; fitness rows and fitness events are untouched.
    const again = previewRetention(handle.sqlite, NOW)
    expect(again.totalRows).toBe(0)
    const after = snapshot(handle.sqlite)
    for (const table of ['fitness_workouts', 'fitness_exercise_logs', 'fitness_exercises'])
      expect(after[table], table).toEqual(fitnessBefore[table])
    expect(fitnessEvents()).toEqual(keptFitnessEvents)
    // One bulk audit entry per table, with its count.
    const audit = handle.sqlite
      .prepare(`SELECT table_name, changes FROM audit_log WHERE action = 'bulk' ORDER BY id`)
      .all() as { table_name: string; changes: string }[]
    expect(audit.map((a) => a.table_name).sort()).toEqual(Object.keys(expected).sort())
    for (const entry of audit) {
      expect(JSON.parse(entry.changes).rows).toBe(
        expected[entry.table_name as keyof typeof expected].length,
      )
    }
    expectRollupsCurrent(handle.sqlite)
  })

  it('an archive that cannot be written deletes nothing and leaves no file behind', async () => {
    await enableAll()
    const folder = join(dir, 'archive-2')
    mkdirSync(folder)
    // The second table's file cannot be created: the first is written, then the archive fails.
    mkdirSync(join(folder, 'fct_event.csv.partial'))
    const before = snapshot(handle.sqlite)
    let failure: unknown
    try {
      applyRetention(handle.sqlite, handle.path, { now: NOW, source, folder })
    } catch (error) {
      failure = error
    }
    expect(failure).toBeInstanceOf(LogbookError)
    expect((failure as LogbookError).message).toContain('fct_event.csv')
    expect(snapshot(handle.sqlite)).toEqual(before)
    expect(readdirSync(folder)).toEqual(['fct_event.csv.partial'])
  })

  it('refuses a folder that already holds an archive, changing nothing', async () => {
    await enableAll()
    const folder = join(dir, 'archive-3')
    mkdirSync(folder)
    writeFileSync(join(folder, 'manifest.json'), '{}')
    const before = snapshot(handle.sqlite)
    expect(() => applyRetention(handle.sqlite, handle.path, { now: NOW, source, folder })).toThrow(
      /already exists/,
    )
    expect(snapshot(handle.sqlite)).toEqual(before)
  })
})

describe('retention on its own', () => {
  const scheduled = { adapter: 'http' as const, method: 'retention.scheduled' }

  it('does nothing while every policy is off, or with no database of the person open', async () => {
    const before = snapshot(handle.sqlite)
    expect(await new RetentionScheduler(() => handle, scheduled).tick(NOW)).toBeNull()
    expect(await new RetentionScheduler(() => null, scheduled).tick(NOW)).toBeNull()
    expect(snapshot(handle.sqlite)).toEqual(before)
    expect(existsSync(join(dir, 'archives'))).toBe(false)
  })

  it('applies the enabled policies into archives/ beside the file, and finds nothing the next time', async () => {
    await enableAll()
    const expected = expectedOld()
    const scheduler = new RetentionScheduler(() => handle, scheduled)
    const result = await scheduler.tick(NOW)
    expect(result?.folder?.startsWith(join(dir, 'archives', 'retention-'))).toBe(true)
    expect(result?.totalRows).toBe(Object.values(expected).reduce((n, rows) => n + rows.length, 0))
    expect(previewRetention(handle.sqlite, NOW).totalRows).toBe(0)
    expect((await scheduler.tick(NOW))?.totalRows).toBe(0)
    expect(readdirSync(join(dir, 'archives'))).toHaveLength(1)
    expectRollupsCurrent(handle.sqlite)
  })
})

describe('retention.apply from the window', () => {
  it('runs in a worker thread: the window’s thread stays free, and the purge is audited as the call', async () => {
    await enableAll()
    const session = await Session.open(handle.path)
    try {
      const now = new Date()
      const expected = previewRetention(session.handle.sqlite, now).totalRows
      expect(expected).toBeGreaterThan(0)
      let turns = 0
      const ticking = setInterval(() => (turns += 1), 1)
      const outcome = await invoke(
        createAppRegistry(),
        { session, adapter: 'http', progress: () => undefined },
        'retention.apply',
        {},
      ).finally(() => clearInterval(ticking))
      if (!outcome.ok) throw new Error(outcome.error.message)
      // In the window's thread the purge would have held the event loop until it answered.
      expect(turns).toBeGreaterThan(0)
      expect((outcome.result as RetentionApplyResult).totalRows).toBe(expected)
      expect(previewRetention(session.handle.sqlite, now).totalRows).toBe(0)
      const audited = session.handle.sqlite
        .prepare(`SELECT DISTINCT adapter, method FROM audit_log WHERE action = 'bulk'`)
        .all()
      expect(audited).toEqual([{ adapter: 'http', method: 'retention.apply' }])
      expectRollupsCurrent(session.handle.sqlite)
    } finally {
      await session.close()
    }
  })
})
