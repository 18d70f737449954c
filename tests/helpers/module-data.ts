import type BetterSqlite3 from 'better-sqlite3'
import { expect } from 'vitest'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { generateDemoData } from '../../electron/services/demo'
import { MODULE_REPORTS } from '../../electron/services/reports/modules'
import type { ReportDefinition } from '../../electron/services/reports/types'
import type { ReportCell, ReportParams, ReportResult } from '../../shared/reports'
import { defaultSettings, type Settings } from '../../shared/settings'
import { openFresh } from './db'

// Helpers for the module report tests: running a report, reading its rows by column name, writing
// rows by SQL, and plain (independent of the reports' code) calendar arithmetic for expectations.

export function reportNamed(name: string): ReportDefinition {
  const found = MODULE_REPORTS.find((r) => r.name === name)
  if (!found) throw new Error(`No module report ${name}`)
  return found
}

export interface RunOptions {
  zone?: string
  now?: number
  settings?: Partial<Settings>
}

export function runReport(
  sqlite: BetterSqlite3.Database,
  name: string,
  params: ReportParams = {},
  options: RunOptions = {},
): ReportResult {
  const settings = { ...defaultSettings(options.zone ?? 'UTC'), ...options.settings }
  return reportNamed(name).run({ sqlite, settings, now: options.now ?? Date.now() }, params)
}

export type Row = Record<string, ReportCell>

/** A report's rows as objects keyed by column; also checks every row has every column. */
export function objects(result: ReportResult): Row[] {
  return result.rows.map((row) => {
    expect(row).toHaveLength(result.columns.length)
    return Object.fromEntries(result.columns.map((c, i) => [c, row[i] ?? null]))
  })
}

export function insertRow(
  sqlite: BetterSqlite3.Database,
  table: string,
  values: Record<string, string | number | null>,
): number {
  const columns = Object.keys(values)
  return Number(
    sqlite
      .prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      )
      .run(...Object.values(values)).lastInsertRowid,
  )
}

/** A person; returns users.id. */
export function addPerson(
  sqlite: BetterSqlite3.Database,
  userId: string,
  extra: Record<string, string | number | null> = {},
): number {
  return insertRow(sqlite, 'users', { user_id: userId, username: userId, name: userId, ...extra })
}

// ---- plain calendar arithmetic (Intl and Date.UTC, nothing from the app) ----------------------

const formatters = new Map<string, Intl.DateTimeFormat>()
function parts(ms: number, zone: string) {
  let f = formatters.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    formatters.set(zone, f)
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]))
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), minute: Number(p.minute) }
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export const localDate = (ms: number, zone: string) => parts(ms, zone).date
export const localHour = (ms: number, zone: string) => parts(ms, zone).hour

const utc = (date: string) => Date.parse(`${date}T00:00:00Z`)
const dateOfUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10)

export const plusDays = (date: string, days: number) => dateOfUtc(utc(date) + days * 86_400_000)
export const daysFrom = (a: string, b: string) => Math.round((utc(b) - utc(a)) / 86_400_000)
/** ISO weekday, Monday 1 … Sunday 7. */
export const weekdayOf = (date: string) => ((new Date(utc(date)).getUTCDay() + 6) % 7) + 1
export const mondayOf = (date: string) => plusDays(date, 1 - weekdayOf(date))
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`

/** Rounds as the reports do (half away from zero at the digit). */
export const r = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits

/** Groups values by a key into sums. */
export function sumBy<T>(items: readonly T[], key: (t: T) => string, value: (t: T) => number) {
  const out = new Map<string, number>()
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + value(item))
  return out
}

// ---- the demo database ----------------------------------------------------------------------

export const DEMO_NOW = Date.parse('2025-06-15T10:30:00.000Z')
export const DEMO_ZONE = 'Europe/Berlin'

export async function openDemo(dir: string): Promise<DatabaseHandle> {
  const handle = await openFresh(dir, 'demo.db')
  generateDemoData(handle, { seed: 42, now: new Date(DEMO_NOW), timeZone: DEMO_ZONE })
  return handle
}

/** Runs each module report of `module` on a demo database: rows, every row full width. */
export function expectDemoRows(sqlite: BetterSqlite3.Database, module: ReportDefinition['module']) {
  const reports = MODULE_REPORTS.filter((r) => r.module === module)
  expect(reports.length).toBeGreaterThan(0)
  for (const report of reports) {
    const ctx = { sqlite, settings: defaultSettings(DEMO_ZONE), now: DEMO_NOW }
    const all = report.run(ctx, {})
    expect(all.rows.length, report.name).toBeGreaterThan(0)
    expect(all.columns, report.name).toEqual(report.columns)
    for (const row of all.rows) expect(row, report.name).toHaveLength(report.columns.length)
    // The last quarter, and by month where it takes an interval.
    const params: ReportParams = { from: '2025-03-01', to: '2025-05-31' }
    if (report.accepts.includes('interval')) params.interval = 'month'
    const recent = report.run(ctx, params)
    expect(recent.columns, report.name).toEqual(report.columns)
    if (report.accepts.includes('segment')) {
      const segmented = report.run(ctx, { ...params, segment: 'region' })
      expect(segmented.columns, report.name).toEqual([
        report.columns[0],
        'segment',
        ...report.columns.slice(1),
      ])
      for (const row of segmented.rows) {
        expect(row, report.name).toHaveLength(report.columns.length + 1)
      }
    }
  }
}

/** Every report of a module on an empty database: no rows, no error. */
export function expectNoRows(sqlite: BetterSqlite3.Database, module: ReportDefinition['module']) {
  for (const report of MODULE_REPORTS.filter((r) => r.module === module)) {
    const ctx = { sqlite, settings: defaultSettings('UTC'), now: DEMO_NOW }
    expect(report.run(ctx, {}).rows, report.name).toEqual([])
    const ranged = { from: '2025-01-01', to: '2025-03-31', interval: 'week' as const }
    expect(report.run(ctx, ranged).rows, report.name).toEqual([])
    if (report.accepts.includes('segment')) {
      expect(report.run(ctx, { segment: 'region' }).rows, report.name).toEqual([])
    }
  }
}
