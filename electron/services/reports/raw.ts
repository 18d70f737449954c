import type BetterSqlite3 from 'better-sqlite3'
import type { Settings } from '../../../shared/settings'
import { dateKeyOf } from '../../../shared/time'
import { dayOfKey, monthOfDay } from './periods'
import type { MonthActivity } from './tier-rules'

// People's active days, months and sessions computed straight from fct_event, for what the
// rollups cannot answer: another reporting zone than the settings' (the rollups' days are the
// settings' zone), and people with future-stamped events (the rollups count every stored event;
// a report leaves out events after `now`). Same definitions as the rollups (ARCHITECTURE.md,
// "Metrics"): an active day has a core event (any event when no action is core); a session
// ends at a gap over `sessionGapMinutes` or 24 hours after its start, and belongs to the local
// day it starts on. Events with the same event_ts give the same answer in any order, so a
// person's events are sorted by event_ts alone.

const MAX_SESSION_MS = 24 * 60 * 60 * 1000
/** Above this many people, one scan of the table beats looking each one up. */
const SCAN_ABOVE = 300

export interface RawSession {
  day: number
  seconds: number
}

export interface RawPerson {
  userKey: number
  /** Active days (day numbers), ascending. */
  activeDays: number[]
  months: MonthActivity[]
  sessions: RawSession[]
}

/** The actions that make a day active; null when every action does (none is marked core). */
export function coreActions(sqlite: BetterSqlite3.Database): ReadonlySet<string> | null {
  const core = sqlite
    .prepare(`SELECT action_type FROM dim_actions WHERE is_core_action = 1`)
    .pluck()
    .all() as string[]
  return core.length === 0 ? null : new Set(core)
}

/** Local day numbers of instants in one zone, cached per YYYYMMDD key. */
export function dayInZone(timeZone: string) {
  const days = new Map<number, number>()
  return (ts: number) => {
    const key = dateKeyOf(ts, timeZone)
    let day = days.get(key)
    if (day === undefined) {
      day = dayOfKey(key)
      days.set(key, day)
    }
    return day
  }
}

/** users.user_id → users.id */
export function userKeysById(sqlite: BetterSqlite3.Database): Map<string, number> {
  const rows = sqlite.prepare(`SELECT user_id, id FROM users`).raw().all() as [string, number][]
  return new Map(rows)
}

/**
 * One person from their events, each `ts * 2 + (core ? 1 : 0)` so that one numeric sort puts
 * them in time order with their flag.
 */
function personOf(
  userKey: number,
  stamps: Float64Array,
  gapMs: number,
  dayOf: (ts: number) => number,
): RawPerson {
  stamps.sort()
  const eventsByDay = new Map<number, number>()
  const active = new Set<number>()
  const sessions: RawSession[] = []
  let start = -1
  let end = -1
  let startDay = 0
  for (const stamp of stamps) {
    const ts = Math.floor(stamp / 2)
    const day = dayOf(ts)
    eventsByDay.set(day, (eventsByDay.get(day) ?? 0) + 1)
    if (stamp % 2 === 1) active.add(day)
    if (start < 0 || ts - end > gapMs || ts - start > MAX_SESSION_MS) {
      if (start >= 0) sessions.push({ day: startDay, seconds: Math.round((end - start) / 1000) })
      start = ts
      startDay = day
    }
    end = ts
  }
  if (start >= 0) sessions.push({ day: startDay, seconds: Math.round((end - start) / 1000) })
  const activeDays = [...active].sort((a, b) => a - b)
  const months = new Map<number, MonthActivity>()
  for (const day of activeDays) {
    const month = monthOfDay(day)
    let m = months.get(month)
    if (!m) {
      m = { userKey, month, activeDays: 0, actionsOnActiveDays: 0 }
      months.set(month, m)
    }
    m.activeDays += 1
    m.actionsOnActiveDays += eventsByDay.get(day) ?? 0
  }
  return { userKey, activeDays, months: [...months.values()], sessions }
}

/**
 * Computes people from their events at or before `now`, in `timeZone`: everyone with events
 * when `userKeys` is null, else those people (missing ones have no events).
 */
export function rawPeople(
  sqlite: BetterSqlite3.Database,
  settings: Pick<Settings, 'sessionGapMinutes'>,
  timeZone: string,
  now: number,
  userKeys: ReadonlySet<number> | readonly number[] | null,
): Map<number, RawPerson> {
  const people = new Map<number, RawPerson>()
  const wanted = userKeys === null ? null : new Set(userKeys)
  if (wanted !== null && wanted.size === 0) return people
  const core = coreActions(sqlite)
  const isCore = (name: string) => (core === null || core.has(name) ? 1 : 0)
  const gapMs = settings.sessionGapMinutes * 60_000
  const dayOf = dayInZone(timeZone)
  const keyOf = userKeysById(sqlite)

  if (wanted !== null && wanted.size <= SCAN_ABOVE) {
    const idOf = new Map([...keyOf].map(([id, key]) => [key, id]))
    const one = sqlite
      .prepare(`SELECT event_ts, event_name FROM fct_event WHERE user_id = ? AND event_ts <= ?`)
      .raw()
    for (const userKey of wanted) {
      const id = idOf.get(userKey)
      if (id === undefined) continue
      const rows = one.all(id, now) as [number, string][]
      if (rows.length === 0) continue
      const stamps = Float64Array.from(rows, ([ts, name]) => ts * 2 + isCore(name))
      people.set(userKey, personOf(userKey, stamps, gapMs, dayOf))
    }
    return people
  }

  // One scan in table order (an ordered read through an index looks each row up at random).
  const byUser = new Map<string, number[]>()
  const rows = sqlite
    .prepare(`SELECT user_id, event_ts, event_name FROM fct_event NOT INDEXED WHERE event_ts <= ?`)
    .raw()
    .iterate(now) as Iterable<[string, number, string]>
  for (const [id, ts, name] of rows) {
    let list = byUser.get(id)
    if (!list) {
      const key = keyOf.get(id)
      if (key === undefined || (wanted !== null && !wanted.has(key))) continue
      list = []
      byUser.set(id, list)
    }
    list.push(ts * 2 + isCore(name))
  }
  for (const [id, list] of byUser) {
    const userKey = keyOf.get(id) as number
    people.set(userKey, personOf(userKey, Float64Array.from(list), gapMs, dayOf))
  }
  return people
}
