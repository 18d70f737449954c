import type { ReportInterval } from '../../../shared/reports'
import type { Frame } from './frame'
import { dayOfKey, endOfOrdinal, keyOfDay, ordinalLookup, startOfOrdinal } from './periods'
import { rawPeople, type RawPerson } from './raw'
import { bump } from './table'
import { assignTiers, type MonthActivity, type Tier } from './tier-rules'
import type { ReportContext } from './types'

// What the product reports read, in three ways that give the same answer:
// - the rollups (settings' zone): bitmaps of active days, person-months, per-day sessions;
// - the same, with the people who have future-stamped events computed from their raw events
//   (the rollups count every stored event; reports leave out those after `now`);
// - everything from the raw events, when the report's zone is not the settings' zone.
//
// Speed notes (measured at a million events): better-sqlite3 pays about a microsecond per row
// and more per BLOB it hands over, so bitmaps come as hex text and big tables are summed in
// SQL where possible; a range on an indexed column of a big table reads every row through the
// index at random, many times slower than a scan in table order (NOT INDEXED).

/**
 * Every counted person with an active day, as runs of consecutive active days: person i is
 * userKeys[i] in segment segments[i]; their runs are j = start[i] … start[i + 1] − 1, run j
 * from day runs[2j] to day runs[2j + 1] (day numbers, ascending, none after today). A person
 * active every day of a year is one run, so the work follows the runs, not the days.
 */
export interface ActiveDays {
  count: number
  userKeys: Int32Array
  segments: Int32Array
  start: Int32Array
  runs: Int32Array
}

/** The counted people whose rollup rows must not be read (their future events are in them). */
function overlaid(frame: Frame): number[] {
  return [...frame.future.userKeys].filter((key) => frame.people.segmentOf(key) >= 0)
}

function raw(
  ctx: ReportContext,
  frame: Frame,
  userKeys: ReadonlySet<number> | readonly number[] | null,
) {
  return rawPeople(ctx.sqlite, ctx.settings, frame.zone, ctx.now, userKeys)
}

/** Every counted person's raw data (all people with events when no filter applies). */
function rawScope(ctx: ReportContext, frame: Frame): Map<number, RawPerson> {
  return raw(ctx, frame, frame.people.keys)
}

/** The byte of two hex digits (upper case, as SQLite's hex() writes them): BYTE[a << 7 | b]. */
const BYTE = new Uint8Array(128 * 128)
const HEX = '0123456789ABCDEF'
for (let hi = 0; hi < 16; hi++) {
  for (let lo = 0; lo < 16; lo++)
    BYTE[(HEX.charCodeAt(hi) << 7) | HEX.charCodeAt(lo)] = hi * 16 + lo
}

/**
 * The runs of set bits of every byte value: RUNS[v * 9] is how many, then pairs of first and
 * last bit (bit 0 = the byte's first day).
 */
const RUNS = new Int8Array(256 * 9)
for (let v = 0; v < 256; v++) {
  let count = 0
  for (let bit = 0; bit < 8; bit++) {
    if (!((v >> bit) & 1) || (bit > 0 && (v >> (bit - 1)) & 1)) continue
    let last = bit
    while (last < 7 && (v >> (last + 1)) & 1) last++
    RUNS[v * 9 + 1 + 2 * count] = bit
    RUNS[v * 9 + 2 + 2 * count] = last
    count++
  }
  RUNS[v * 9] = count
}

class RunsBuilder {
  count = 0
  userKeys: number[] = []
  segments: number[] = []
  start: number[] = [0]
  runs = new Int32Array(1 << 16)
  /** Runs written (pairs). */
  n = 0

  constructor(private readonly today: number) {}

  /** Days a … b (ascending across calls for one person); days after today are dropped. */
  add(a: number, b: number) {
    const last = b < this.today ? b : this.today
    if (a > last) return
    if (this.n > (this.start[this.count] ?? 0) && this.runs[2 * this.n - 1] === a - 1) {
      this.runs[2 * this.n - 1] = last
      return
    }
    if (2 * this.n + 2 > this.runs.length) {
      const bigger = new Int32Array(this.runs.length * 2)
      bigger.set(this.runs)
      this.runs = bigger
    }
    this.runs[2 * this.n] = a
    this.runs[2 * this.n + 1] = last
    this.n += 1
  }

  close(userKey: number, segment: number) {
    if (this.n === this.start[this.count]) return
    this.userKeys.push(userKey)
    this.segments.push(segment)
    this.count += 1
    this.start.push(this.n)
  }

  table(): ActiveDays {
    return {
      count: this.count,
      userKeys: Int32Array.from(this.userKeys),
      segments: Int32Array.from(this.segments),
      start: Int32Array.from(this.start),
      runs: this.runs.subarray(0, 2 * this.n),
    }
  }
}

/**
 * Every person's bitmap from rollup_user_days as one text, `key first hex` per person: one row
 * instead of ten thousand, and text instead of BLOBs (each costs an allocation).
 */
function readBitmaps(ctx: ReportContext, frame: Frame, into: RunsBuilder) {
  const text = ctx.sqlite
    .prepare(
      `SELECT group_concat(user_key || ' ' || first_day || ' ' || hex(days), ' ')
       FROM rollup_user_days`,
    )
    .pluck()
    .get() as string | null
  if (!text) return
  const { people } = frame
  const skip = frame.future.userKeys
  let i = 0
  const number = () => {
    let value = 0
    let sign = 1
    if (text.charCodeAt(i) === 45) {
      sign = -1
      i++
    }
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) {
      value = value * 10 + c - 48
    }
    i++
    return sign * value
  }
  while (i < text.length) {
    const userKey = number()
    const firstDay = number()
    let end = text.indexOf(' ', i)
    if (end < 0) end = text.length
    const segment = skip.has(userKey) ? -1 : people.segmentOf(userKey)
    if (segment >= 0) {
      // Bit b of byte k is day firstDay + 8k + b.
      for (let c = i; c < end; c += 2) {
        const v = BYTE[(text.charCodeAt(c) << 7) | text.charCodeAt(c + 1)] ?? 0
        if (v === 0) continue
        const base = firstDay + ((c - i) << 2)
        const runs = RUNS[v * 9] ?? 0
        for (let r = 0; r < runs; r++) {
          into.add(base + (RUNS[v * 9 + 1 + 2 * r] ?? 0), base + (RUNS[v * 9 + 2 + 2 * r] ?? 0))
        }
      }
      into.close(userKey, segment)
    }
    i = end + 1
  }
}

/** The active days of every counted person with at least one. */
export function activeDays(ctx: ReportContext, frame: Frame): ActiveDays {
  const { people, today } = frame
  const builder = new RunsBuilder(today)
  if (frame.rollups) readBitmaps(ctx, frame, builder)
  const extra = frame.rollups ? raw(ctx, frame, overlaid(frame)) : rawScope(ctx, frame)
  for (const person of extra.values()) {
    const segment = people.segmentOf(person.userKey)
    if (segment < 0) continue
    for (const day of person.activeDays) builder.add(day, day)
    builder.close(person.userKey, segment)
  }
  return builder.table()
}

export interface PeriodSessions {
  /** [period × segments + segment] */
  sessions: Float64Array
  seconds: Float64Array
  /** People with at least one session in the period. */
  users: Float64Array
}

/**
 * Sessions per period (first … last ordinals) and segment, by the day each session starts.
 * A person's sessions on several days of one period count them once in `users`.
 */
export function periodSessions(
  ctx: ReportContext,
  frame: Frame,
  interval: ReportInterval,
  first: number,
  last: number,
): PeriodSessions {
  const segments = frame.people.segments.length
  const size = (last - first + 1) * segments
  const out: PeriodSessions = {
    sessions: new Float64Array(size),
    seconds: new Float64Array(size),
    users: new Float64Array(size),
  }
  const start = startOfOrdinal(first, interval)
  const end = endOfOrdinal(last, interval)
  const ordinal = ordinalLookup(start, end, interval)
  const addRaw = (map: Map<number, RawPerson>) => {
    for (const person of map.values()) {
      const s = frame.people.segmentOf(person.userKey)
      if (s < 0) continue
      const seen = new Set<number>()
      for (const session of person.sessions) {
        if (session.day < start || session.day > end) continue
        const i = (ordinal(session.day) - first) * segments + s
        bump(out.sessions, i)
        bump(out.seconds, i, session.seconds)
        if (!seen.has(i)) {
          seen.add(i)
          bump(out.users, i)
        }
      }
    }
  }
  if (!frame.rollups) {
    addRaw(rawScope(ctx, frame))
    return out
  }
  // In primary-key order (user, day), a scan without a sort: a person's periods come one after
  // another. (`+date_key`: the by-day index would read every row at random.)
  const rows = ctx.sqlite
    .prepare(
      `SELECT user_key, date_key, sessions_count, total_session_duration
       FROM fact_daily_user_activity
       WHERE +date_key BETWEEN ? AND ? AND sessions_count > 0
       ORDER BY user_key, date_key`,
    )
    .raw()
    .iterate(keyOfDay(start), keyOfDay(end)) as Iterable<[number, number, number, number]>
  const skip = frame.future.userKeys
  const periodOfKey = new Map<number, number>()
  let lastUser = -1
  let lastIndex = -1
  let segment = -1
  for (const [userKey, dateKey, count, seconds] of rows) {
    if (userKey !== lastUser) {
      lastUser = userKey
      lastIndex = -1
      segment = skip.has(userKey) ? -1 : frame.people.segmentOf(userKey)
    }
    if (segment < 0) continue
    let p = periodOfKey.get(dateKey)
    if (p === undefined) {
      p = ordinal(dayOfKey(dateKey)) - first
      periodOfKey.set(dateKey, p)
    }
    const i = p * segments + segment
    bump(out.sessions, i, count)
    bump(out.seconds, i, seconds)
    if (i !== lastIndex) {
      lastIndex = i
      bump(out.users, i)
    }
  }
  addRaw(raw(ctx, frame, overlaid(frame)))
  return out
}

/** Session length buckets: [label, upper bound in seconds (exclusive)]. */
export const LENGTH_BUCKETS: readonly [string, number][] = [
  ['0s', 1],
  ['1s-1m', 60],
  ['1-5m', 300],
  ['5-15m', 900],
  ['15-30m', 1800],
  ['30-60m', 3600],
  ['1-2h', 7200],
  ['2-4h', 14_400],
  ['4h+', Infinity],
]

export function lengthBucket(seconds: number): number {
  for (let b = 0; b < LENGTH_BUCKETS.length - 1; b++) {
    if (seconds < (LENGTH_BUCKETS[b]?.[1] ?? 0)) return b
  }
  return LENGTH_BUCKETS.length - 1
}

/** Sessions started on days [from, to] per length bucket and segment: [bucket × segments + segment]. */
export function sessionLengthCounts(
  ctx: ReportContext,
  frame: Frame,
  from: number,
  to: number,
): Float64Array {
  const segments = frame.people.segments.length
  const counts = new Float64Array(LENGTH_BUCKETS.length * segments)
  const addRaw = (map: Map<number, RawPerson>) => {
    for (const person of map.values()) {
      const s = frame.people.segmentOf(person.userKey)
      if (s < 0) continue
      for (const session of person.sessions) {
        if (session.day >= from && session.day <= to) {
          bump(counts, lengthBucket(session.seconds) * segments + s)
        }
      }
    }
  }
  if (!frame.rollups) {
    addRaw(rawScope(ctx, frame))
    return counts
  }
  const range = [keyOfDay(from), keyOfDay(to)]
  const skip = frame.future.userKeys
  const everyone = frame.people.keys === null && frame.people.segment === null
  if (everyone && skip.size === 0) {
    // One pass in SQL, no sorting: a sum per bucket.
    const sums = LENGTH_BUCKETS.map(([, below], b) => {
      const above = b === 0 ? null : LENGTH_BUCKETS[b - 1]?.[1]
      const test = [
        above === null ? null : `d >= ${above}`,
        below === Infinity ? null : `d < ${below}`,
      ]
      return `total(${test.filter(Boolean).join(' AND ')})`
    })
    const row = ctx.sqlite
      .prepare(
        `SELECT ${sums.join(', ')} FROM (SELECT session_duration_seconds AS d
         FROM fact_user_sessions NOT INDEXED WHERE date_key BETWEEN ? AND ?)`,
      )
      .raw()
      .get(...range) as number[]
    row.forEach((n, b) => (counts[b] = n))
    return counts
  }
  const rows = ctx.sqlite
    .prepare(
      `SELECT user_key, session_duration_seconds FROM fact_user_sessions NOT INDEXED
       WHERE date_key BETWEEN ? AND ?`,
    )
    .raw()
    .iterate(...range) as Iterable<[number, number]>
  for (const [userKey, seconds] of rows) {
    const s = frame.people.segmentOf(userKey)
    if (s >= 0 && !skip.has(userKey)) bump(counts, lengthBucket(seconds) * segments + s)
  }
  addRaw(raw(ctx, frame, overlaid(frame)))
  return counts
}

export interface TierRow {
  userKey: number
  /** YYYYMM */
  month: number
  tier: Tier
}

/**
 * Every person-month with active days in [fromMonth, toMonth] (YYYYMM), everyone's (Power
 * compares a person with the whole month's Core people): callers pick the counted people.
 */
export function tieredMonths(
  ctx: ReportContext,
  frame: Frame,
  fromMonth: number,
  toMonth: number,
): TierRow[] {
  const inRange = (m: MonthActivity) => m.month >= fromMonth && m.month <= toMonth
  const recompute = (months: MonthActivity[]) => {
    const tiers = assignTiers(months, ctx.settings)
    return months.flatMap((m) => {
      const tier = tiers.get(m)
      return tier ? [{ userKey: m.userKey, month: m.month, tier }] : []
    })
  }
  if (!frame.rollups) {
    const everyone = raw(ctx, frame, null)
    return recompute([...everyone.values()].flatMap((p) => p.months.filter(inRange)))
  }
  const skip = frame.future.userKeys
  if (skip.size === 0) {
    // The (month, tier) index holds the key too: no table lookups.
    const rows = ctx.sqlite
      .prepare(`SELECT user_key, month, tier FROM rollup_user_months WHERE month BETWEEN ? AND ?`)
      .raw()
      .all(fromMonth, toMonth) as [number, number, Tier][]
    return rows.map(([userKey, month, tier]) => ({ userKey, month, tier }))
  }
  const rows = ctx.sqlite
    .prepare(
      `SELECT user_key, month, active_days, actions_on_active_days
       FROM rollup_user_months WHERE +month BETWEEN ? AND ?`,
    )
    .raw()
    .all(fromMonth, toMonth) as [number, number, number, number][]
  const fixed = raw(ctx, frame, skip)
  return recompute([
    ...rows
      .filter(([userKey]) => !skip.has(userKey))
      .map(([userKey, month, activeDays, actionsOnActiveDays]) => ({
        userKey,
        month,
        activeDays,
        actionsOnActiveDays,
      })),
    ...[...fixed.values()].flatMap((p) => p.months.filter(inRange)),
  ])
}

/** Counted people per month, segment and tier, keyed `${month}:${segment}:${tier}`. */
export function tierCounts(
  ctx: ReportContext,
  frame: Frame,
  fromMonth: number,
  toMonth: number,
): Map<string, number> {
  const counts = new Map<string, number>()
  const everyone = frame.people.keys === null && frame.people.segment === null
  if (frame.rollups && everyone && frame.future.userKeys.size === 0) {
    const rows = ctx.sqlite
      .prepare(
        `SELECT month, tier, count(*) FROM rollup_user_months WHERE month BETWEEN ? AND ?
         GROUP BY month, tier`,
      )
      .raw()
      .all(fromMonth, toMonth) as [number, Tier, number][]
    for (const [month, tier, n] of rows) counts.set(`${month}:0:${tier}`, n)
    return counts
  }
  for (const m of tieredMonths(ctx, frame, fromMonth, toMonth)) {
    const s = frame.people.segmentOf(m.userKey)
    if (s < 0) continue
    const key = `${m.month}:${s}:${m.tier}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}
