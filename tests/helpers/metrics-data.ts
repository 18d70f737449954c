import type BetterSqlite3 from 'better-sqlite3'
import { dateKeyOf, zonedTimeToEpoch } from '../../shared/time'

// A seeded product event log for the report tests, written straight into a migrated database:
// people with attributes (some missing) and accounts, core and non-core actions, and the awkward
// cases every metric must get right —
// - DST: the span covers the spring change in Europe and in America, with events in the hour
//   that does not exist (02:30 on the change day) and right around it;
// - people active across midnight (sittings from 23:30 into the next day);
// - late events (ingested_at hours or days after event_ts);
// - duplicate event ids (the unique index refuses them; `duplicatesRefused` counts them) and
//   duplicate content under new ids (two real events);
// - future-stamped events (event_ts after `now`), some a few minutes after a person's last
//   event, one person with future events only;
// - empty periods: a blackout with no event at all longer than a week;
// - people who stop and come back, people with non-core events only, people without events.

export const METRICS_ZONE = 'Europe/Berlin'

export interface MetricsDataOptions {
  seed?: number
  people?: number
  /** First and last local day of the log, as [year, month, day]. */
  start?: [number, number, number]
  days?: number
  /** The zone of the stored date_key (the settings' zone). */
  timeZone?: string
  /** Local day and hour of `now`; the last days of the log are after it (future events). */
  nowAt?: [number, number, number, number]
  /** Days with no event at all: [offset from start, length]. */
  blackout?: [number, number]
  /** Write future-stamped events (default true). */
  future?: boolean
}

export interface MetricsData {
  now: number
  events: number
  duplicatesRefused: number
  futureEvents: number
  userIds: string[]
}

/** mulberry32 */
export function seeded(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const ACTIONS: readonly [name: string, core: boolean][] = [
  ['app_open', false],
  ['dashboard_view', false],
  ['idle_detected', false],
  ['timer_start', true],
  ['timer_stop', true],
  ['manual_time_added', true],
  ['task_created', true],
  ['task_completed', true],
]

const ACCOUNTS: readonly [id: string, plan: string | null, region: string | null][] = [
  ['ACC-1', 'team', 'EU'],
  ['ACC-2', 'enterprise', 'NA'],
  ['ACC-3', 'free', null],
  ['ACC-4', null, 'APAC'],
]
const CHANNELS = ['organic', 'paid', 'referral', null]
const SEGMENTS = ['smb', 'mid', 'ent']
const DEVICES = ['desktop', 'mobile', 'web', null]
const ROLES = ['admin', 'member', null]
const REGIONS = ['EU', 'NA', null]
const LOCATIONS = ['LOC-A', 'LOC-B']

const MINUTE = 60_000
const DAY = 86_400_000

/** Fills an empty migrated database; returns what it wrote. */
export function writeMetricsData(
  sqlite: BetterSqlite3.Database,
  options: MetricsDataOptions = {},
): MetricsData {
  const rnd = seeded(options.seed ?? 7)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T
  const zone = options.timeZone ?? METRICS_ZONE
  const [sy, sm, sd] = options.start ?? [2024, 1, 22]
  const days = options.days ?? 143
  const withFuture = options.future ?? true
  const peopleCount = options.people ?? 60
  const [ny, nm, nd, nh] = options.nowAt ?? [2024, 6, 12, 15]
  const now = zonedTimeToEpoch({ year: ny, month: nm, day: nd, hour: nh, minute: 7 }, zone)
  const [blackoutAt, blackoutLength] = options.blackout ?? [75, 12]
  const at = (dayOffset: number, hour: number, minute: number) => {
    const date = new Date(Date.UTC(sy, sm - 1, sd + dayOffset))
    return zonedTimeToEpoch(
      {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour,
        minute,
      },
      zone,
    )
  }

  const write = sqlite.transaction(() => {
    const action = sqlite.prepare(
      `INSERT INTO dim_actions (action_type, is_core_action) VALUES (?, ?)`,
    )
    for (const [name, core] of ACTIONS) action.run(name, core ? 1 : 0)
    const account = sqlite.prepare(
      `INSERT INTO dim_account (account_id, plan_tier, region) VALUES (?, ?, ?)`,
    )
    for (const row of ACCOUNTS) account.run(...row)
    const location = sqlite.prepare(
      `INSERT INTO dim_location (location_id, location_name) VALUES (?, ?)`,
    )
    for (const id of LOCATIONS) location.run(id, `Studio ${id}`)
    const user = sqlite.prepare(
      `INSERT INTO users (user_id, username, account_id, region, acquisition_channel, user_segment,
         device_type, role, preferred_location_id, registration_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const event = sqlite.prepare(
      `INSERT OR IGNORE INTO fct_event (event_id, user_id, event_name, event_ts, ingested_at,
         date_key, duration_seconds, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    let n = 0
    let written = 0
    let refused = 0
    let future = 0
    const ids: string[] = []
    const add = (userId: string, name: string, ts: number, lateMs = 0, id?: string) => {
      if (!withFuture && ts > now) return
      n += 1
      const ingested = Math.min(Math.max(ts, 0) + 1000 + lateMs, now)
      const duration = name === 'timer_stop' ? 60 + Math.floor(rnd() * 5000) : null
      const eventId = id ?? `ev-${n}`
      const changes = event.run(
        eventId,
        userId,
        name,
        ts,
        ts > now ? Math.min(ingested, now) : ingested,
        dateKeyOf(ts, zone),
        duration,
        pick(['desktop', 'web', 'mobile']),
      ).changes
      if (changes === 0) refused += 1
      else {
        written += 1
        if (ts > now) future += 1
      }
      ids.push(eventId)
    }
    const eventName = (coreOnly: boolean) => {
      for (;;) {
        const [name, core] = pick(ACTIONS)
        if (!coreOnly || core) return name
      }
    }

    for (let p = 0; p < peopleCount; p++) {
      const userId = `u${String(p).padStart(3, '0')}`
      const accountRow = rnd() < 0.85 ? pick(ACCOUNTS) : null
      const registered = rnd() < 0.8 ? Math.floor(rnd() * days) - 10 : null
      const regDate =
        registered === null
          ? null
          : new Date(Date.UTC(sy, sm - 1, sd + registered)).toISOString().slice(0, 10)
      user.run(
        userId,
        userId,
        accountRow?.[0] ?? null,
        rnd() < 0.5 ? pick(REGIONS) : null,
        pick(CHANNELS),
        rnd() < 0.9 ? pick(SEGMENTS) : null,
        pick(DEVICES),
        pick(ROLES),
        rnd() < 0.5 ? pick(LOCATIONS) : null,
        regDate,
      )
      // Kinds: 0 steady, 1 keen (Core/Power material), 2 comes and goes, 3 non-core only,
      // 4 no events, 5 future only.
      const kind = p === 1 && withFuture ? 5 : p === 2 ? 4 : p === 3 ? 3 : Math.floor(rnd() * 3)
      if (kind === 4) continue
      if (kind === 5) {
        add(userId, 'task_completed', now + 3 * DAY)
        add(userId, 'timer_stop', now + 20 * MINUTE)
        continue
      }
      const chance = kind === 1 ? 0.75 + rnd() * 0.2 : kind === 0 ? 0.15 + rnd() * 0.3 : 0.3
      const first = Math.floor(rnd() * days * 0.6)
      const last = kind === 2 ? first + 10 + Math.floor(rnd() * 40) : days
      const comeback = kind === 2 && rnd() < 0.6 ? last + 14 + Math.floor(rnd() * 30) : null
      const busy = kind === 1 ? 2 + Math.floor(rnd() * 10) : 1 + Math.floor(rnd() * 4)
      for (let d = first; d < days; d++) {
        const living = d <= last || (comeback !== null && d >= comeback && d < comeback + 20)
        if (!living || (d >= blackoutAt && d < blackoutAt + blackoutLength)) continue
        if (rnd() >= chance) continue
        const sittings = 1 + (rnd() < 0.3 ? 1 : 0)
        for (let s = 0; s < sittings; s++) {
          const lateNight = rnd() < 0.12
          const hour = lateNight ? 23 : 7 + Math.floor(rnd() * 14)
          let ts = at(d, hour, lateNight ? 30 + Math.floor(rnd() * 25) : Math.floor(rnd() * 60))
          const count = 1 + Math.floor(rnd() * busy)
          for (let e = 0; e < count; e++) {
            const late = rnd() < 0.06 ? Math.floor(rnd() * 3 * DAY) : Math.floor(rnd() * 5 * MINUTE)
            add(
              userId,
              kind === 3 ? pick(['app_open', 'dashboard_view']) : eventName(false),
              ts,
              late,
            )
            // Mostly short steps; sometimes exactly the gap, or just over it.
            const step = rnd()
            ts +=
              step < 0.05
                ? 30 * MINUTE
                : step < 0.1
                  ? 30 * MINUTE + 1
                  : Math.floor(rnd() * 25 * MINUTE)
          }
        }
      }
    }

    // DST: Berlin skips 02:00–03:00 on 2024-03-31, New York on 2024-03-10. A person busy through
    // both nights (02:30 local does not exist; it is stored as the instant zonedTimeToEpoch gives).
    for (const [y, m, d] of [
      [2024, 3, 31],
      [2024, 3, 10],
    ] as const) {
      const base = zonedTimeToEpoch({ year: y, month: m, day: d, hour: 0, minute: 10 }, zone)
      for (let i = 0; i < 12; i++)
        add('u004', i % 2 ? 'task_created' : 'timer_start', base + i * 25 * MINUTE)
      const odd = zonedTimeToEpoch({ year: y, month: m, day: d, hour: 2, minute: 30 }, zone)
      add('u005', 'timer_stop', odd)
    }
    // Duplicates: the same ids again are refused; the same content under a new id is kept.
    for (let i = 0; i < 25; i++) {
      const id = ids[Math.floor(rnd() * ids.length)] as string
      add('u006', 'task_completed', at(5, 12, 0), 0, id)
    }
    add('u006', 'task_completed', at(5, 12, 0))
    add('u006', 'task_completed', at(5, 12, 0))
    // Future stamps: minutes after now (would extend a session), later today, days ahead.
    if (withFuture) {
      add('u007', 'task_created', now - 10 * MINUTE)
      add('u007', 'task_completed', now + 5 * MINUTE)
      add('u008', 'timer_stop', now + 2 * 60 * MINUTE)
      add('u009', 'task_completed', now + 40 * DAY)
      add('u010', 'timer_start', now + 400 * DAY)
    }
    return { written, refused, future }
  })
  const { written, refused, future } = write()
  const userIds = sqlite.prepare(`SELECT user_id FROM users ORDER BY id`).pluck().all() as string[]
  return { now, events: written, duplicatesRefused: refused, futureEvents: future, userIds }
}
