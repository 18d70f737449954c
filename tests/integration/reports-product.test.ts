import type BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRODUCT_REPORTS } from '../../electron/services/reports/registry'
import { runReport } from '../../electron/services/reports/run'
import { rebuildRollups } from '../../electron/services/rollups/rebuild'
import type { ReportParams } from '../../shared/reports'
import { defaultSettings, type Settings } from '../../shared/settings'
import { openFresh } from '../helpers/db'
import { METRICS_ZONE, writeMetricsData, type MetricsData } from '../helpers/metrics-data'
import { referenceReport } from '../helpers/metrics-reference'
import { useSuiteTempDir } from '../helpers/tmp'

// Every product report against the plain-loop reference, on generated data with DST changes,
// midnight crossers, late and duplicate events, empty weeks — once with future-stamped events
// (people whose rollup rows include them are computed from their raw events) and once without
// (the rollups alone) — with and without ranges, segments, filters, intervals and another zone.

const tempDir = useSuiteTempDir()
const settings: Settings = { ...defaultSettings(METRICS_ZONE), timeZone: METRICS_ZONE }

interface Fixture {
  sqlite: BetterSqlite3.Database
  data: MetricsData
  close(): Promise<void>
}

async function fixture(future: boolean, seed: number): Promise<Fixture> {
  const handle = await openFresh(tempDir(), `reports-${future}.db`)
  const data = writeMetricsData(handle.sqlite, { seed, future, people: 70 })
  rebuildRollups(handle.sqlite, settings)
  return { sqlite: handle.sqlite, data, close: () => handle.close() }
}

const VARIANTS: ReportParams[] = [
  {},
  { from: '2024-02-20', to: '2024-04-20' },
  { segment: 'plan_tier' },
  { filters: { region: ['EU', '(none)'] }, segment: 'device' },
  { filters: { account: ['ACC-1', 'ACC-3'], role: ['member'] } },
  { timeZone: 'America/New_York' },
  {
    timeZone: 'America/New_York',
    segment: 'acquisition_channel',
    from: '2024-03-01',
    to: '2024-03-31',
  },
  { from: '2024-05-20', to: '2024-12-31', segment: 'region' },
]

function variantsOf(report: (typeof PRODUCT_REPORTS)[number]): ReportParams[] {
  const takes = (p: string) => (report.accepts as readonly string[]).includes(p)
  const list = VARIANTS.filter(
    (v) =>
      (takes('segment') || v.segment === undefined) &&
      (takes('filters') || v.filters === undefined),
  )
  for (const interval of report.intervals?.slice(1) ?? []) {
    list.push({ interval }, { interval, segment: 'segment', timeZone: 'America/New_York' })
  }
  if (takes('cohort')) {
    list.push(
      { cohort: 'registration' },
      { cohort: 'registration', interval: 'month', segment: 'role' },
    )
  }
  return list
}

describe.each([
  ['with future-stamped events', true, 11],
  ['without future-stamped events', false, 23],
])('product reports %s equal the reference', (_label, future, seed) => {
  let db: Fixture
  beforeAll(async () => {
    db = await fixture(future, seed)
  })
  afterAll(async () => {
    await db.close()
  })

  for (const report of PRODUCT_REPORTS) {
    it.each(variantsOf(report).map((params) => [JSON.stringify(params), params] as const))(
      `${report.name} %s`,
      (_json, params) => {
        const ctx = { sqlite: db.sqlite, settings, now: db.data.now }
        const { result } = runReport(ctx, report.name, params)
        const expected = referenceReport(db.sqlite, settings, db.data.now, {
          ...params,
          name: report.name,
          timeZone: params.timeZone ?? METRICS_ZONE,
        })
        expect(result.columns).toEqual(expected.columns)
        expect(result.rows).toEqual(expected.rows)
      },
    )
  }
})

describe('the generated data', () => {
  let db: Fixture
  beforeAll(async () => {
    db = await fixture(true, 11)
  })
  afterAll(async () => {
    await db.close()
  })

  it('has what the tests claim: duplicates refused, future events, an empty week', () => {
    expect(db.data.duplicatesRefused).toBe(25)
    expect(db.data.futureEvents).toBeGreaterThanOrEqual(5)
    const ctx = { sqlite: db.sqlite, settings, now: db.data.now }
    const weeks = runReport(ctx, 'sessions', { interval: 'week' }).result.rows
    expect(weeks.some((row) => row[1] === 0)).toBe(true)
    const late = runReport(ctx, 'freshness', {}).result.rows
    expect(late.some((row) => Number(row[2]) > 0)).toBe(true)
  })

  it('the rollups count future-stamped events; the reports leave them out and say so', () => {
    const ctx = { sqlite: db.sqlite, settings, now: db.data.now }
    // u001 only has future events, yet the rollups give them active days.
    const inRollups = db.sqlite
      .prepare(
        `SELECT count(*) FROM rollup_user_days d JOIN users u ON u.id = d.user_key WHERE u.user_id = 'u001'`,
      )
      .pluck()
      .get()
    expect(inRollups).toBe(1)
    const activity = runReport(ctx, 'activity', { filters: { account: ['ACC-1'] } }).result
    expect(activity.notes.some((n) => /stamped after now/.test(n))).toBe(true)
    const future = runReport(ctx, 'future_events', {}).result
    expect(future.rows.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(db.data.futureEvents)
  })

  it('says when it computes from the raw events of another zone', () => {
    const ctx = { sqlite: db.sqlite, settings, now: db.data.now }
    const { result } = runReport(ctx, 'activity', { timeZone: 'Asia/Kolkata' })
    expect(result.notes.some((n) => n.includes('raw events in Asia/Kolkata'))).toBe(true)
  })
})

describe('an empty database', () => {
  it('gives every product report no rows and a note, never an error', async () => {
    const handle = await openFresh(tempDir(), 'empty.db')
    try {
      const ctx = { sqlite: handle.sqlite, settings, now: Date.UTC(2024, 5, 1) }
      for (const report of PRODUCT_REPORTS) {
        const { result } = runReport(ctx, report.name, {})
        expect(result.rows, report.name).toEqual([])
        expect(result.notes.join(' '), report.name).toMatch(/No events/)
      }
    } finally {
      await handle.close()
    }
  })
})
