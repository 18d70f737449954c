import type BetterSqlite3 from 'better-sqlite3'
import type { Settings } from '../../../shared/settings'

// The rollups' bookkeeping row (migration 0011): how far they have taken in fct_event and what
// they were computed with. Anything that differs from now means a full rebuild.

export type RollupSettings = Pick<
  Settings,
  'timeZone' | 'sessionGapMinutes' | 'regularMinDays' | 'coreMinDays' | 'powerQuantile'
>

export interface RollupState {
  /** Every event with event_key <= this is in the rollups, or named in rollup_dirty. */
  eventMark: number
  /**
   * The zone fct_event.date_key was computed in; null when unknown, taken to be the settings'
   * (a file from before migration 0011 changed every key with the zone).
   */
  keyZone: string | null
  /** The settings the rollups were computed with (JSON); null when unknown. */
  builtWith: string | null
  /** action_key → is_core_action when the rollups were computed (JSON); null when unknown. */
  coreActions: string | null
}

export function readState(sqlite: BetterSqlite3.Database): RollupState {
  const row = sqlite
    .prepare(
      `SELECT event_mark AS eventMark, key_zone AS keyZone, built_with AS builtWith,
         core_actions AS coreActions FROM rollup_state WHERE id = 1`,
    )
    .get() as RollupState | undefined
  return row ?? { eventMark: 0, keyZone: null, builtWith: null, coreActions: null }
}

/** The settings that shape the rollups, as stored in rollup_state.built_with. */
export function settingsSignature(settings: RollupSettings): string {
  return JSON.stringify({
    timeZone: settings.timeZone,
    sessionGapMinutes: settings.sessionGapMinutes,
    regularMinDays: settings.regularMinDays,
    coreMinDays: settings.coreMinDays,
    powerQuantile: settings.powerQuantile,
  })
}

/** Every action's core flag, by action_key (stable when an action is renamed). */
export function readCoreFlags(sqlite: BetterSqlite3.Database): Map<number, boolean> {
  const rows = sqlite
    .prepare(`SELECT action_key, is_core_action FROM dim_actions`)
    .raw(true)
    .all() as [number, number][]
  return new Map(rows.map(([key, core]) => [key, core === 1]))
}

export function coreSignature(flags: ReadonlyMap<number, boolean>): string {
  return JSON.stringify([...flags].sort((a, b) => a[0] - b[0]).map(([k, c]) => [k, c ? 1 : 0]))
}

/**
 * Whether the rollups computed under `before` still hold under `after`. Adding or removing an
 * action changes no stored row (an event can only name an action that exists, and events written
 * since are recomputed anyway), unless it turns "no core action, so every event counts" on or
 * off; a changed flag on an action that was there changes the days of its events.
 */
export function coreFlagsCompatible(before: string | null, after: ReadonlyMap<number, boolean>) {
  if (before === null) return false
  let old: [number, number][]
  try {
    old = JSON.parse(before) as [number, number][]
  } catch {
    return false
  }
  let oldCore = 0
  for (const [key, core] of old) {
    if (core === 1) oldCore += 1
    const now = after.get(key)
    if (now !== undefined && now !== (core === 1)) return false
  }
  let newCore = 0
  for (const core of after.values()) if (core) newCore += 1
  return (oldCore === 0) === (newCore === 0)
}

/** What stands between the stored rollups and an incremental upkeep; null when nothing does. */
export function staleReason(
  sqlite: BetterSqlite3.Database,
  settings: RollupSettings,
  state: RollupState = readState(sqlite),
  flags: ReadonlyMap<number, boolean> = readCoreFlags(sqlite),
): string | null {
  if (state.builtWith === null) return 'the rollups have not been computed yet'
  if (state.keyZone !== null && state.keyZone !== settings.timeZone) {
    return 'the reporting time zone changed'
  }
  if (state.builtWith !== settingsSignature(settings)) return 'the session or tier settings changed'
  if (!coreFlagsCompatible(state.coreActions, flags)) return 'the core actions changed'
  return null
}

/** Records what the rollups now reflect (after a full rebuild or an upkeep). */
export function writeState(
  sqlite: BetterSqlite3.Database,
  values: { eventMark: number; keyZone?: string; builtWith?: string; coreActions: string },
) {
  sqlite
    .prepare(
      `UPDATE rollup_state SET event_mark = @eventMark, core_actions = @coreActions,
         key_zone = coalesce(@keyZone, key_zone), built_with = coalesce(@builtWith, built_with)
       WHERE id = 1`,
    )
    .run({
      eventMark: values.eventMark,
      coreActions: values.coreActions,
      keyZone: values.keyZone ?? null,
      builtWith: values.builtWith ?? null,
    })
}

/** The largest event_key in fct_event (0 when empty). */
export const lastEventKey = (sqlite: BetterSqlite3.Database) =>
  sqlite.prepare(`SELECT coalesce(max(event_key), 0) FROM fct_event`).pluck().get() as number
