import type BetterSqlite3 from 'better-sqlite3'
import type { Settings } from '../../../shared/settings'
import { checkedSettings } from '../settings/store'
import { writeAudit, type AuditSource } from './write'

/**
 * Saves settings and their audit entry in one better-sqlite3 transaction (settings/store.ts's
 * writeSettings runs its own Kysely transaction, which nothing can join), with the same checks.
 */
export function writeSettingsAudited(
  sqlite: BetterSqlite3.Database,
  current: Settings,
  changes: Partial<Settings>,
  source: AuditSource,
): Settings {
  const next = checkedSettings(current, changes)
  const keys = Object.keys(changes) as (keyof Settings)[]
  const changedFields = keys.flatMap((key) => leafChanges(key, current[key], next[key]))
  const now = new Date().toISOString()
  const upsert = sqlite.prepare(
    `INSERT INTO app_settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  )
  sqlite
    .transaction(() => {
      for (const key of keys) upsert.run(key, JSON.stringify(next[key]), now)
      if (changedFields.length === 0) return
      // One entry for the whole save: app_settings has a row per key, the entry names them all.
      writeAudit(sqlite, source, [
        {
          action: 'update',
          table: 'app_settings',
          rowKey: null,
          changes: Object.fromEntries(changedFields),
        },
      ])
    })
    .immediate()
  return next
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The fields that changed, a nested setting (the retention policies) by the path of each value
 * that changed ("retention.analyticsEvents.enabled"), so the log says what moved, not the whole
 * object before and after.
 */
function leafChanges(
  path: string,
  before: unknown,
  after: unknown,
): [string, [unknown, unknown]][] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    return keys.flatMap((key) => leafChanges(`${path}.${key}`, before[key], after[key]))
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [[path, [before, after]]]
}
