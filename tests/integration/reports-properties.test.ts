import type BetterSqlite3 from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runReport } from '../../electron/services/reports/run'
import { rebuildRollups } from '../../electron/services/rollups/rebuild'
import type { ReportInterval, ReportParams } from '../../shared/reports'
import { defaultSettings, type Settings } from '../../shared/settings'
import { dateKeyOf } from '../../shared/time'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { openFresh } from '../helpers/db'
import { ACTIONS } from '../helpers/metrics-data'
import { referenceReport } from '../helpers/metrics-reference'
import { useSuiteTempDir } from '../helpers/tmp'

// Properties every answer must have, on small random logs in random zones (DST in March for
// Europe and America, April for Sydney): DAU ≤ WAU ≤ MAU; new + returning + resurrecting = the
// period's active people; retention at period 0 is 100%; and the reports equal the reference.

const tempDir = useSuiteTempDir()
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'UTC'] as const
const BASE = Date.UTC(2024, 1, 20, 5)
const DAY = 86_400_000
const MIN = 60_000

interface Case {
  events: { person: number; day: number; minute: number; action: number }[]
  zone: (typeof ZONES)[number]
  reportZone: (typeof ZONES)[number] | null
  nowDay: number
  interval: ReportInterval
  segment: boolean
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  events: fc.array(
    fc.record({
      person: fc.integer({ min: 0, max: 5 }),
      day: fc.integer({ min: 0, max: 90 }),
      minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
      action: fc.integer({ min: 0, max: ACTIONS.length - 1 }),
    }),
    { maxLength: 150 },
  ),
  zone: fc.constantFrom(...ZONES),
  reportZone: fc.option(fc.constantFrom(...ZONES), { nil: null }),
  nowDay: fc.integer({ min: 10, max: 95 }),
  interval: fc.constantFrom<ReportInterval>('day', 'week', 'month'),
  segment: fc.boolean(),
})

let handle: DatabaseHandle
let sqlite: BetterSqlite3.Database

beforeAll(async () => {
  handle = await openFresh(tempDir())
  sqlite = handle.sqlite
  const action = sqlite.prepare(
    `INSERT INTO dim_actions (action_type, is_core_action) VALUES (?, ?)`,
  )
  for (const [name, core] of ACTIONS) action.run(name, core ? 1 : 0)
})
afterAll(async () => {
  await handle.close()
})

/** Writes the case's log and rollups; returns what the reports run with. */
function load(c: Case) {
  const settings: Settings = { ...defaultSettings(c.zone), timeZone: c.zone }
  sqlite.exec(`DELETE FROM fct_event; DELETE FROM users;`)
  const user = sqlite.prepare(`INSERT INTO users (user_id, username, device_type) VALUES (?, ?, ?)`)
  for (let p = 0; p <= 5; p++) user.run(`p${p}`, `p${p}`, p % 3 === 0 ? null : `d${p % 2}`)
  const event = sqlite.prepare(
    `INSERT INTO fct_event (event_id, user_id, event_name, event_ts, ingested_at, date_key)
     VALUES (?, ?, ?, ?, ?, ?)`,
  )
  c.events.forEach((e, i) => {
    const ts = BASE + e.day * DAY + e.minute * MIN
    const name = ACTIONS[e.action]?.[0] ?? 'app_open'
    event.run(`e${i}`, `p${e.person}`, name, ts, ts + 1000, dateKeyOf(ts, c.zone))
  })
  rebuildRollups(sqlite, settings)
  const params: ReportParams = {
    ...(c.reportZone ? { timeZone: c.reportZone } : {}),
    ...(c.segment ? { segment: 'device' as const } : {}),
  }
  return { ctx: { sqlite, settings, now: BASE + c.nowDay * DAY }, params }
}

const numbers = (row: readonly unknown[], from: number) => row.slice(from).map(Number)

describe('report properties', () => {
  it('DAU ≤ WAU ≤ MAU every day', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { ctx, params } = load(c)
        const first = c.segment ? 2 : 1
        for (const row of runReport(ctx, 'activity', params).result.rows) {
          const [dau = 0, wau = 0, mau = 0] = numbers(row, first)
          expect(dau).toBeLessThanOrEqual(wau)
          expect(wau).toBeLessThanOrEqual(mau)
        }
      }),
      { numRuns: 40 },
    )
  })

  it('new + returning + resurrecting = the active people of the period', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { ctx, params } = load(c)
        const lifecycle = runReport(ctx, 'lifecycle', { ...params, interval: c.interval }).result
        const key = (row: readonly unknown[]) => (c.segment ? `${row[0]}|${row[1]}` : `${row[0]}`)
        const active = new Map<string, number>()
        if (c.interval === 'day') {
          for (const row of runReport(ctx, 'activity', params).result.rows) {
            active.set(key(row), Number(row[c.segment ? 2 : 1]))
          }
        } else {
          const days = runReport(ctx, 'active_days', { ...params, interval: c.interval }).result
          for (const row of days.rows) {
            active.set(key(row), (active.get(key(row)) ?? 0) + Number(row.at(-1)))
          }
        }
        for (const row of lifecycle.rows) {
          const [fresh = 0, returning = 0, resurrecting = 0] = numbers(row, c.segment ? 2 : 1)
          expect(fresh + returning + resurrecting).toBe(active.get(key(row)) ?? 0)
        }
      }),
      { numRuns: 40 },
    )
  })

  it('retention at period 0 is 100% of the cohort', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { ctx, params } = load(c)
        for (const name of ['retention', 'retention_unbounded']) {
          const { result } = runReport(ctx, name, { ...params, interval: c.interval })
          const at = (column: string) => result.columns.indexOf(column)
          for (const row of result.rows) {
            if (row[at('period')] !== 0) continue
            expect(row[at('active')]).toBe(row[at('cohort_size')])
            expect(row[at('rate')]).toBe(1)
          }
        }
      }),
      { numRuns: 30 },
    )
  })

  it('activity, sessions, lifecycle, retention and tiers equal the reference', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.constantFrom('activity', 'sessions', 'lifecycle', 'retention_unbounded', 'tiers'),
        (c, name) => {
          const { ctx, params } = load(c)
          const interval = ['sessions', 'lifecycle', 'retention_unbounded'].includes(name)
            ? { interval: c.interval }
            : {}
          const { result } = runReport(ctx, name, { ...params, ...interval })
          const expected = referenceReport(sqlite, ctx.settings, ctx.now, {
            ...params,
            ...interval,
            name,
            timeZone: params.timeZone ?? c.zone,
          })
          expect(result.rows).toEqual(expected.rows)
        },
      ),
      { numRuns: 40 },
    )
  })
})
