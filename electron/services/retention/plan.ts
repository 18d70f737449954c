import type BetterSqlite3 from 'better-sqlite3'
import {
  RETENTION_POLICIES,
  type RetentionPolicy,
  type SampleValue,
} from '../../../shared/retention'
import type { Settings } from '../../../shared/settings'
import { exportColumns } from '../exports/export-table'
import {
  cutoffOf,
  cutoffValue,
  POLICY_TABLES,
  whereOld,
  type PolicyTable,
  type TimeKind,
} from './policies'

/** One table's rows that a policy would take now. */
export interface PlannedTable {
  policy: RetentionPolicy
  target: PolicyTable
  cutoffValue: number | string
  where: string
}

export interface PlannedPolicy {
  policy: RetentionPolicy
  enabled: boolean
  days: number
  cutoff: Date
  tables: PlannedTable[]
}

/** Every policy, on or off, with its cutoff at `now` and the rows it takes from each table. */
export function planPolicies(settings: Settings, now: Date): PlannedPolicy[] {
  return RETENTION_POLICIES.map((policy) => {
    const rule = settings.retention[policy]
    const cutoff = cutoffOf(rule, now)
    return {
      policy,
      enabled: rule.enabled,
      days: rule.days,
      cutoff,
      tables: POLICY_TABLES[policy].map((target) => ({
        policy,
        target,
        cutoffValue: cutoffValue(target.timeKind, cutoff, settings.timeZone),
        where: whereOld(target),
      })),
    }
  })
}

const timeText = (kind: TimeKind, value: unknown): string | null => {
  if (value === null || value === undefined) return null
  if (kind === 'epoch_ms') return new Date(Number(value)).toISOString()
  return String(value)
}

const sampleValue = (value: unknown): SampleValue => {
  if (typeof value === 'bigint') {
    const n = Number(value)
    return Number.isSafeInteger(n) ? n : value.toString()
  }
  if (typeof value === 'number' || typeof value === 'string' || value === null) return value
  return String(value)
}

/** The rows to archive and delete, oldest first (then by row), with the export's columns. */
export function selectSql(planned: PlannedTable) {
  const { table, timeColumn } = planned.target
  const columns = exportColumns(table)
    .map((c) => `"${c}"`)
    .join(', ')
  return `SELECT ${columns} FROM "${table}" WHERE ${planned.where} ORDER BY "${timeColumn}", rowid`
}

/** Count, oldest and newest affected time, and the first `sampleSize` rows. */
export function measureTable(
  sqlite: BetterSqlite3.Database,
  planned: PlannedTable,
  sampleSize = 5,
) {
  const { table, timeColumn, timeKind } = planned.target
  const [rows, oldest, newest] = sqlite
    .prepare(
      `SELECT count(*), min("${timeColumn}"), max("${timeColumn}") FROM "${table}" WHERE ${planned.where}`,
    )
    .raw(true)
    .get(planned.cutoffValue) as [number, unknown, unknown]
  const sample = sqlite
    .prepare(`${selectSql(planned)} LIMIT ${sampleSize}`)
    .raw(true)
    .safeIntegers(true)
    .all(planned.cutoffValue) as unknown[][]
  return {
    table,
    rows,
    oldest: timeText(timeKind, oldest),
    newest: timeText(timeKind, newest),
    sample: { columns: exportColumns(table), rows: sample.map((row) => row.map(sampleValue)) },
  }
}
