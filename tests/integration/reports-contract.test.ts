import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceContext } from '../../electron/services/context'
import { createAppRegistry } from '../../electron/services/handlers'
import { REPORTS } from '../../electron/services/reports/registry'
import { runReport } from '../../electron/services/reports/run'
import { invoke } from '../../electron/services/registry'
import { rebuildRollups } from '../../electron/services/rollups/rebuild'
import { Session } from '../../electron/services/session'
import { readSettings, writeSettings } from '../../electron/services/settings/store'
import { reportToCsv, type ReportInfo, type ReportResult } from '../../shared/reports'
import { METRICS_ZONE, writeMetricsData } from '../helpers/metrics-data'
import { useSuiteTempDir } from '../helpers/tmp'

// reports.list and reports.run through the contract, as the window calls them.

const tempDir = useSuiteTempDir()
let session: Session
let ctx: ServiceContext
const registry = createAppRegistry()

beforeAll(async () => {
  session = await Session.open(join(tempDir(), 'reports.db'))
  const { db, sqlite } = session.handle
  const settings = await writeSettings(db, { timeZone: METRICS_ZONE })
  writeMetricsData(sqlite, { seed: 9, future: false, people: 30 })
  rebuildRollups(sqlite, settings)
  ctx = { session, adapter: 'ipc', progress: () => undefined }
})
afterAll(async () => {
  await session.close()
})

describe('reports through the contract', () => {
  it('reports.list names every report with its columns and params', async () => {
    const outcome = await invoke(registry, ctx, 'reports.list', {})
    expect(outcome.ok).toBe(true)
    const list = (outcome.ok ? outcome.result : []) as ReportInfo[]
    expect(list.map((r) => r.name)).toEqual(REPORTS.map((r) => r.name))
    expect(list.find((r) => r.name === 'activity')).toMatchObject({
      module: 'product',
      columns: ['date', 'dau', 'wau', 'mau', 'stickiness'],
      accepts: ['range', 'segment', 'filters'],
    })
    expect(new Set(list.map((r) => r.name)).size).toBe(list.length)
  })

  it('reports.run returns the same result as the service, ready for CSV', async () => {
    const input = {
      name: 'lifecycle',
      from: '2024-03-01',
      to: '2024-04-30',
      interval: 'week',
      segment: 'plan_tier',
      filters: { device: ['desktop', 'web'] },
    }
    const outcome = await invoke(registry, ctx, 'reports.run', input)
    expect(outcome.ok).toBe(true)
    const result = (outcome.ok ? outcome.result : null) as ReportResult
    const settings = await readSettings(session.handle.db)
    const { name, ...params } = input
    const direct = runReport(
      { sqlite: session.handle.sqlite, settings, now: Date.now() },
      name,
      params as never,
    ).result
    expect(result.rows).toEqual(direct.rows)
    expect(result.columns).toEqual([
      'period',
      'segment',
      'new',
      'returning',
      'resurrecting',
      'dormant',
    ])
    expect(reportToCsv(result).split('\r\n')[0]).toBe(
      'period,segment,new,returning,resurrecting,dormant',
    )
  })

  it.each([
    [{ name: 'activity', from: '2024-3-1' }, 'from'],
    [{ name: 'activity', timeZone: 'Nowhere/Land' }, 'timeZone'],
    [{ name: 'activity', segment: 'shoe_size' }, 'segment'],
    [{ name: 'activity', filters: { shoe_size: ['42'] } }, 'filters'],
    [{ name: 'activity', interval: 'week' }, 'interval'],
    [{ name: 'activity', from: '2024-02-30' }, 'from'],
    [{ name: 'nope' }, 'name'],
    [{ name: 'tiers', cohort: 'registration' }, 'cohort'],
  ])('refuses %j with invalid_input on %s', async (input, field) => {
    const outcome = await invoke(registry, ctx, 'reports.run', input)
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('invalid_input')
      expect(outcome.error.field?.split('.')[0]).toBe(field)
    }
  })
})
