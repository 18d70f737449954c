import type BetterSqlite3 from 'better-sqlite3'
import type { Kysely } from 'kysely'
import { LogbookError } from '../../../shared/errors'
import type { Database } from '../../../shared/schema'
import { defaultSettings, settingsSchema, type Settings } from '../../../shared/settings'
import { systemTimeZone } from '../../../shared/time'

/** Stored values over the defaults; a stored value that no longer validates falls back. */
export async function readSettings(db: Kysely<Database>): Promise<Settings> {
  return settingsFromRows(await db.selectFrom('app_settings').select(['key', 'value']).execute())
}

/** The same, synchronously, for a worker's own connection. */
export function readSettingsSync(sqlite: BetterSqlite3.Database): Settings {
  return settingsFromRows(
    sqlite.prepare('SELECT key, value FROM app_settings').all() as { key: string; value: string }[],
  )
}

function settingsFromRows(rows: readonly { key: string; value: string }[]): Settings {
  const merged: Record<string, unknown> = { ...defaultSettings(systemTimeZone()) }
  for (const row of rows) {
    if (row.key in merged) merged[row.key] = JSON.parse(row.value)
  }
  const parsed = settingsSchema.safeParse(merged)
  if (parsed.success) return parsed.data
  const fallback = defaultSettings(systemTimeZone())
  for (const key of Object.keys(fallback) as (keyof Settings)[]) {
    const one = settingsSchema.shape[key].safeParse(merged[key])
    if (one.success) Object.assign(fallback, { [key]: one.data })
  }
  return fallback
}

/** The settings after a change, checked: the schema, and Regular starting below Core. */
export function checkedSettings(current: Settings, changes: Partial<Settings>): Settings {
  // A key present with the value undefined changes nothing (a partial schema lets it through).
  const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined))
  const next = settingsSchema.parse({ ...current, ...given })
  if (next.regularMinDays >= next.coreMinDays) {
    const field = 'coreMinDays' in changes ? 'coreMinDays' : 'regularMinDays'
    throw new LogbookError(
      'invalid_input',
      `Core must start at more active days than Regular (Regular from ${next.regularMinDays}, Core from ${next.coreMinDays})`,
      field,
    )
  }
  return next
}

export async function writeSettings(db: Kysely<Database>, changes: Partial<Settings>) {
  const next = checkedSettings(await readSettings(db), changes)
  const now = new Date().toISOString()
  await db.transaction().execute(async (trx) => {
    for (const key of Object.keys(changes)) {
      await trx
        .insertInto('app_settings')
        .values({ key, value: JSON.stringify(next[key as keyof Settings]), updated_at: now })
        .onConflict((oc) =>
          oc
            .column('key')
            .doUpdateSet({ value: (eb) => eb.ref('excluded.value'), updated_at: now }),
        )
        .execute()
    }
  })
  return next
}
