import type BetterSqlite3 from 'better-sqlite3'
import type { RetentionPreview } from '../../../shared/retention'
import { readSettingsSync } from '../settings/store'
import { measureTable, planPolicies } from './plan'

/**
 * What every policy would delete at `now`, enabled or not (the panel shows what switching one on
 * would do); `totalRows` counts only the enabled ones, which is what "Apply now" takes. Read in
 * one read transaction, so the tables agree with each other.
 */
export function previewRetention(
  sqlite: BetterSqlite3.Database,
  now: Date = new Date(),
): RetentionPreview {
  return sqlite.transaction(() => {
    const settings = readSettingsSync(sqlite)
    const policies = planPolicies(settings, now).map((planned) => ({
      policy: planned.policy,
      enabled: planned.enabled,
      days: planned.days,
      cutoff: planned.cutoff.toISOString(),
      tables: planned.tables.map((table) => measureTable(sqlite, table)),
    }))
    const totalRows = policies
      .filter((p) => p.enabled)
      .reduce((sum, p) => sum + p.tables.reduce((s, t) => s + t.rows, 0), 0)
    return { now: now.toISOString(), policies, totalRows }
  })()
}
