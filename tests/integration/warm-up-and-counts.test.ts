import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppRegistry } from '../../electron/services/handlers'
import { invoke } from '../../electron/services/registry'
import { reportInfos } from '../../electron/services/reports/registry'
import { warmUpReports } from '../../electron/services/reports/warm-up'
import { rebuildRollups } from '../../electron/services/rollups/rebuild'
import { Session } from '../../electron/services/session'
import { readSettingsSync } from '../../electron/services/settings/store'
import type { TableCount } from '../../shared/contract/app'
import { viewNames } from '../../shared/schema'
import { writeMetricsData } from '../helpers/metrics-data'
import { useSuiteTempDir } from '../helpers/tmp'

const tempDir = useSuiteTempDir()
let session: Session

beforeAll(async () => {
  session = await Session.open(join(tempDir(), 'warm.db'))
  const { sqlite } = session.handle
  writeMetricsData(sqlite, { seed: 5, people: 30 })
  rebuildRollups(sqlite, readSettingsSync(sqlite))
})
afterAll(async () => {
  await session.close()
})

describe('the reports’ warm-up after start-up', () => {
  it('runs every report once, one per turn of the event loop', async () => {
    const warmUp = warmUpReports(() => session.handle.sqlite, { afterMs: 0 })
    const warmed = await warmUp.finished
    expect(warmed).toEqual(reportInfos().map((info) => info.name))
  })

  it('lets other work in between reports, and stops when asked', async () => {
    const warmUp = warmUpReports(() => session.handle.sqlite, { afterMs: 0 })
    // Two turns: the start timer has fired and one report has run; then stop.
    await new Promise((resolve) => setTimeout(resolve, 0))
    await new Promise((resolve) => setImmediate(resolve))
    warmUp.stop()
    const warmed = await warmUp.finished
    expect(warmed.length).toBeGreaterThan(0)
    expect(warmed.length).toBeLessThan(reportInfos().length)
  })

  it('does nothing without a database, and nothing throws when the database is gone', async () => {
    expect(await warmUpReports(() => null, { afterMs: 0 }).finished).toEqual([])
    const closed = await Session.open(join(tempDir(), 'closed.db'))
    const { sqlite } = closed.handle
    await closed.close()
    expect(await warmUpReports(() => sqlite, { afterMs: 0 }).finished).toEqual([])
  })
})

describe('row counts', () => {
  const registry = createAppRegistry()
  const call = (input: unknown) =>
    invoke(registry, { session, adapter: 'http', progress: () => {} }, 'app.tableCounts', input)
  const counts = async (input: unknown) => {
    const outcome = await call(input)
    if (!outcome.ok) throw new Error(outcome.error.message)
    return outcome.result as TableCount[]
  }

  it('counts tables only unless views are asked for, and a view holds what its events do', async () => {
    const tables = await counts({})
    expect(tables.every((c) => c.kind === 'table')).toBe(true)
    const all = await counts({ views: true })
    expect(all.filter((c) => c.kind === 'view').map((c) => c.name)).toEqual([...viewNames])
    const rows = (name: string) => all.find((c) => c.name === name)?.rows
    expect(rows('fct_event')).toBeGreaterThan(100)
    expect(rows('analytics_events')).toBe(rows('fct_event'))
  })

  it('refuses anything but a yes or no for views', async () => {
    const refused = await call({ views: 'yes' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})
