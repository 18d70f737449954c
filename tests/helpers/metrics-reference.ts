import type BetterSqlite3 from 'better-sqlite3'
import type { Settings } from '../../shared/settings'
import { dateKeyOf, dateKeyToIso } from '../../shared/time'

// The product metrics written the slow, obvious way, as the truth the reports are checked
// against: plain loops over the raw events (fct_event + dim_actions.is_core_action + users and
// their accounts), days as 'YYYY-MM-DD' text, periods stepped one at a time. Nothing here reads
// the rollups or the report code. Definitions: ARCHITECTURE.md "Metrics", docs/reports.md.

export type Interval = 'day' | 'week' | 'month'

export interface ReferenceParams {
  name: string
  from?: string
  to?: string
  timeZone: string
  interval?: Interval
  segment?: string
  filters?: Record<string, string[]>
  cohort?: 'first_activity' | 'registration'
}

export interface ReferenceTable {
  columns: string[]
  rows: (string | number | boolean | null)[][]
}

type Cell = string | number | boolean | null

// ---- calendar days as text ----

function isoAdd(iso: string, days: number) {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

function weekday(iso: string) {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7 // Monday 0
}

function periodOf(iso: string, interval: Interval) {
  if (interval === 'day') return iso
  if (interval === 'week') return isoAdd(iso, -weekday(iso))
  return iso.slice(0, 7)
}

function firstDayOf(period: string) {
  return period.length === 7 ? `${period}-01` : period
}

function nextPeriod(period: string, interval: Interval) {
  if (interval === 'day') return isoAdd(period, 1)
  if (interval === 'week') return isoAdd(period, 7)
  const [y, m] = period.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7)
}

function previousPeriod(period: string, interval: Interval) {
  if (interval === 'day') return isoAdd(period, -1)
  if (interval === 'week') return isoAdd(period, -7)
  const [y, m] = period.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7)
}

function lastDayOf(period: string, interval: Interval) {
  return isoAdd(firstDayOf(nextPeriod(period, interval)), -1)
}

function daysIn(period: string, interval: Interval) {
  const days: string[] = []
  for (let d = firstDayOf(period); d <= lastDayOf(period, interval); d = isoAdd(d, 1)) days.push(d)
  return days
}

function periodsTouching(from: string, to: string, interval: Interval) {
  const periods: string[] = []
  for (let p = periodOf(from, interval); firstDayOf(p) <= to; p = nextPeriod(p, interval)) {
    periods.push(p)
  }
  return periods
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits

function quantile(sorted: number[], q: number) {
  const h = (sorted.length - 1) * q
  const low = Math.floor(h)
  const a = sorted[low] as number
  const b = sorted[Math.min(low + 1, sorted.length - 1)] as number
  return a + (h - low) * (b - a)
}

// ---- the raw data ----

interface RawEvent {
  key: number
  userId: string
  name: string
  ts: number
  ingested: number
  duration: number | null
  /** Local days of event_ts and ingested_at in the report's zone. */
  day: string
  arrival: string
}

interface Person {
  key: number
  userId: string
  registration: string | null
  attributes: Record<string, string>
  events: RawEvent[]
  activeDays: Set<string>
  sessions: { day: string; seconds: number }[]
  /** month → active days and events on them */
  months: Map<string, { days: Set<string>; actions: number }>
}

const NONE = '(none)'
const text = (v: unknown) => (v === null || v === undefined || v === '' ? NONE : String(v))

function load(sqlite: BetterSqlite3.Database, settings: Settings, zone: string, now: number) {
  const dayOf = (ts: number) => dateKeyToIso(dateKeyOf(ts, zone))
  const coreNames = sqlite
    .prepare(`SELECT action_type FROM dim_actions WHERE is_core_action = 1`)
    .pluck()
    .all() as string[]
  const isCore = (name: string) => coreNames.length === 0 || coreNames.includes(name)
  const users = sqlite
    .prepare(
      `SELECT u.id, u.user_id, u.account_id, u.region, u.acquisition_channel, u.user_segment,
         u.device_type, u.role, u.preferred_location_id, u.registration_date,
         a.plan_tier, a.region AS account_region
       FROM users u LEFT JOIN dim_account a ON a.account_id = u.account_id`,
    )
    .all() as Record<string, string | number | null>[]
  const people = new Map<string, Person>()
  for (const u of users) {
    people.set(String(u.user_id), {
      key: Number(u.id),
      userId: String(u.user_id),
      registration: u.registration_date === null ? null : String(u.registration_date),
      attributes: {
        account: text(u.account_id),
        plan_tier: text(u.plan_tier),
        region: text(u.region ?? u.account_region),
        acquisition_channel: text(u.acquisition_channel),
        segment: text(u.user_segment),
        device: text(u.device_type),
        role: text(u.role),
        preferred_location: text(u.preferred_location_id),
      },
      events: [],
      activeDays: new Set(),
      sessions: [],
      months: new Map(),
    })
  }
  const all = (
    sqlite
      .prepare(
        `SELECT event_key, user_id, event_name, event_ts, ingested_at, duration_seconds FROM fct_event`,
      )
      .raw()
      .all() as [number, string, string, number, number, number | null][]
  ).map(([key, userId, name, ts, ingested, duration]) => ({
    key,
    userId,
    name,
    ts,
    ingested,
    duration,
    day: dayOf(ts),
    arrival: dayOf(ingested),
  }))
  for (const e of all) people.get(e.userId)?.events.push(e)
  const gap = settings.sessionGapMinutes * 60_000
  for (const person of people.values()) {
    person.events.sort((a, b) => a.ts - b.ts || a.key - b.key)
    const past = person.events.filter((e) => e.ts <= now)
    for (const e of past) if (isCore(e.name)) person.activeDays.add(dayOf(e.ts))
    for (const e of past) {
      const day = dayOf(e.ts)
      if (!person.activeDays.has(day)) continue
      const month = day.slice(0, 7)
      const m = person.months.get(month) ?? { days: new Set<string>(), actions: 0 }
      m.days.add(day)
      m.actions += 1
      person.months.set(month, m)
    }
    let start = -1
    let last = -1
    for (const e of past) {
      if (start < 0 || e.ts - last > gap || e.ts - start > 24 * 3_600_000) {
        if (start >= 0)
          person.sessions.push({ day: dayOf(start), seconds: Math.round((last - start) / 1000) })
        start = e.ts
      }
      last = e.ts
    }
    if (start >= 0)
      person.sessions.push({ day: dayOf(start), seconds: Math.round((last - start) / 1000) })
  }
  return { people: [...people.values()], all, dayOf }
}

/** Each person-month's tier, keyed `${userId}:${YYYY-MM}`. */
function tiersOf(people: Person[], settings: Settings) {
  const tiers = new Map<string, string>()
  const core = new Map<string, { key: string; perDay: number }[]>()
  for (const person of people) {
    for (const [month, m] of person.months) {
      const n = m.days.size
      const key = `${person.userId}:${month}`
      if (n >= settings.coreMinDays) {
        tiers.set(key, 'Core')
        core.set(month, [...(core.get(month) ?? []), { key, perDay: m.actions / n }])
      } else if (n >= settings.regularMinDays) tiers.set(key, 'Regular')
      else if (n >= 1) tiers.set(key, 'Casual')
    }
  }
  for (const list of core.values()) {
    const threshold = quantile(
      list.map((c) => c.perDay).sort((a, b) => a - b),
      settings.powerQuantile,
    )
    for (const c of list) if (c.perDay >= threshold) tiers.set(c.key, 'Power')
  }
  return tiers
}

const DEFAULT_INTERVAL: Record<string, Interval> = {
  sessions: 'day',
  lifecycle: 'week',
  retention: 'week',
  retention_unbounded: 'week',
  active_days: 'month',
  stickiness_histogram: 'week',
  work: 'day',
  freshness: 'day',
  future_events: 'day',
}

const COLUMNS: Record<string, string[]> = {
  activity: ['date', 'dau', 'wau', 'mau', 'stickiness'],
  sessions: ['date', 'sessions', 'avg_duration_s', 'users'],
  session_lengths: ['duration', 'sessions', 'share'],
  tiers: ['month', 'tier', 'users'],
  tier_transitions: ['month', 'from_tier', 'to_tier', 'users'],
  active_days: ['period', 'days_active', 'users'],
  stickiness_histogram: ['period', 'days', 'users', 'users_at_least'],
  retention: ['cohort', 'cohort_size', 'period', 'active', 'rate', 'complete'],
  retention_unbounded: ['cohort', 'cohort_size', 'period', 'active', 'rate', 'complete'],
  lifecycle: ['period', 'new', 'returning', 'resurrecting', 'dormant'],
  work: ['period', 'work_seconds', 'tasks_completed', 'users'],
  freshness: [
    'date',
    'events',
    'late_events',
    'median_lag_s',
    'p95_lag_s',
    'max_lag_s',
    'future_events',
  ],
  future_events: ['date', 'events', 'users'],
}

const TIER_ORDER = ['Inactive', 'Casual', 'Regular', 'Core', 'Power']
const LENGTHS: [string, number][] = [
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

/** The reference answer of one report, computed from the raw events. */
export function referenceReport(
  sqlite: BetterSqlite3.Database,
  settings: Settings,
  now: number,
  params: ReferenceParams,
): ReferenceTable {
  const { people: everyone, all, dayOf } = load(sqlite, settings, params.timeZone, now)
  const name = params.name
  const interval = params.interval ?? DEFAULT_INTERVAL[name] ?? 'day'
  const today = dayOf(now)

  const counted = everyone.filter((p) =>
    Object.entries(params.filters ?? {}).every(([attr, values]) =>
      values.includes(p.attributes[attr] ?? NONE),
    ),
  )
  const labelOf = (p: Person) => (params.segment ? (p.attributes[params.segment] ?? NONE) : '')
  const segments = [...new Set(counted.map(labelOf))].sort((a, b) =>
    a === b ? 0 : a === NONE ? 1 : b === NONE ? -1 : a < b ? -1 : 1,
  )
  const grouped = params.segment !== undefined
  const [firstColumn = '', ...otherColumns] = COLUMNS[name] ?? []
  const columns = grouped
    ? [firstColumn, 'segment', ...otherColumns]
    : [firstColumn, ...otherColumns]
  const rows: Cell[][] = []
  const push = (first: Cell, segment: string, values: Cell[]) =>
    rows.push(grouped ? [first, segment, ...values] : [first, ...values])
  /** `period` and `date` columns show a period's first day; `month` columns YYYY-MM. */
  const day = (period: string) => firstDayOf(period)

  // The days shown.
  const spanDays =
    name === 'freshness'
      ? all.filter((e) => e.ingested <= now).map((e) => e.arrival)
      : name === 'future_events'
        ? all.filter((e) => e.ts > now).map((e) => e.day)
        : all.filter((e) => e.ts <= now).map((e) => e.day)
  spanDays.sort()
  let from = params.from ?? spanDays[0] ?? today
  let to = params.to ?? spanDays.at(-1) ?? isoAdd(today, -1)
  if (params.from === undefined && params.to === undefined && spanDays.length === 0) {
    from = today
    to = isoAdd(today, -1)
  }
  if (name !== 'future_events' && to > today) to = today
  if (from > to) return { columns, rows }
  const periods = periodsTouching(from, to, interval)

  const inSegment = (segment: string) => counted.filter((p) => labelOf(p) === segment)
  const activeIn = (p: Person, period: string) =>
    [...p.activeDays].some((d) => periodOf(d, interval) === period)
  const firstActive = (p: Person) => [...p.activeDays].sort()[0]

  switch (name) {
    case 'activity': {
      for (let d = from; d <= to; d = isoAdd(d, 1)) {
        for (const segment of segments) {
          let dau = 0
          let wau = 0
          let mau = 0
          for (const p of inSegment(segment)) {
            if (p.activeDays.has(d)) dau++
            let week = false
            let month = false
            for (let back = 0; back < 30; back++) {
              if (p.activeDays.has(isoAdd(d, -back))) {
                month = true
                if (back < 7) week = true
              }
            }
            if (week) wau++
            if (month) mau++
          }
          push(d, segment, [dau, wau, mau, mau === 0 ? null : round(dau / mau, 4)])
        }
      }
      break
    }
    case 'sessions': {
      for (const period of periods) {
        for (const segment of segments) {
          let count = 0
          let seconds = 0
          let users = 0
          for (const p of inSegment(segment)) {
            const mine = p.sessions.filter((s) => periodOf(s.day, interval) === period)
            count += mine.length
            for (const s of mine) seconds += s.seconds
            if (mine.length > 0) users++
          }
          push(day(period), segment, [count, count === 0 ? null : round(seconds / count, 1), users])
        }
      }
      break
    }
    case 'session_lengths': {
      const counts = new Map<string, number>()
      const totals = new Map<string, number>()
      for (const segment of segments) {
        for (const p of inSegment(segment)) {
          for (const s of p.sessions) {
            if (s.day < from || s.day > to) continue
            const [label] = LENGTHS.find(([, below]) => s.seconds < below) ?? ['']
            counts.set(`${label}|${segment}`, (counts.get(`${label}|${segment}`) ?? 0) + 1)
            totals.set(segment, (totals.get(segment) ?? 0) + 1)
          }
        }
      }
      for (const [label] of LENGTHS) {
        for (const segment of segments) {
          const n = counts.get(`${label}|${segment}`) ?? 0
          const total = totals.get(segment) ?? 0
          push(label, segment, [n, total === 0 ? null : round(n / total, 4)])
        }
      }
      break
    }
    case 'tiers':
    case 'tier_transitions': {
      const tiers = tiersOf(everyone, settings)
      const months = periodsTouching(from, to, 'month')
      for (const month of months) {
        for (const segment of segments) {
          const members = inSegment(segment)
          if (name === 'tiers') {
            for (const tier of ['Casual', 'Regular', 'Core', 'Power']) {
              const n = members.filter((p) => tiers.get(`${p.userId}:${month}`) === tier).length
              push(month, segment, [tier, n])
            }
            continue
          }
          const before = previousPeriod(month, 'month')
          for (const a of TIER_ORDER) {
            for (const b of TIER_ORDER) {
              if (a === 'Inactive' && b === 'Inactive') continue
              const n = members.filter(
                (p) =>
                  (tiers.get(`${p.userId}:${before}`) ?? 'Inactive') === a &&
                  (tiers.get(`${p.userId}:${month}`) ?? 'Inactive') === b,
              ).length
              if (n > 0) push(month, segment, [a, b, n])
            }
          }
        }
      }
      break
    }
    case 'active_days':
    case 'stickiness_histogram': {
      for (const period of periods) {
        const length = daysIn(period, interval).length
        for (const segment of segments) {
          const exactly = new Array<number>(length + 1).fill(0)
          for (const p of inSegment(segment)) {
            const n = [...p.activeDays].filter((d) => periodOf(d, interval) === period).length
            if (n > 0) exactly[n] = (exactly[n] ?? 0) + 1
          }
          for (let n = 1; n <= length; n++) {
            if (name === 'active_days') push(day(period), segment, [n, exactly[n] ?? 0])
            else {
              let atLeast = 0
              for (let m = n; m <= length; m++) atLeast += exactly[m] ?? 0
              push(day(period), segment, [n, exactly[n] ?? 0, atLeast])
            }
          }
        }
      }
      break
    }
    case 'retention':
    case 'retention_unbounded': {
      const cohortOf = (p: Person) => {
        const first = firstActive(p)
        const basis = params.cohort === 'registration' ? (p.registration ?? first) : first
        return basis === undefined ? undefined : periodOf(basis, interval)
      }
      const lastPeriod = periodOf(to, interval)
      for (const cohort of periods) {
        for (const segment of segments) {
          const members = inSegment(segment).filter((p) => {
            if (
              params.cohort === 'registration' &&
              p.registration === null &&
              p.activeDays.size === 0
            )
              return false
            return cohortOf(p) === cohort
          })
          if (members.length === 0) continue
          for (let k = 0, period = cohort; period <= lastPeriod; k++) {
            const active = members.filter((p) =>
              name === 'retention'
                ? activeIn(p, period)
                : [...p.activeDays].some((d) => periodOf(d, interval) >= period),
            ).length
            push(cohort, segment, [
              members.length,
              k,
              active,
              round(active / members.length, 4),
              lastDayOf(period, interval) < today,
            ])
            period = nextPeriod(period, interval)
          }
        }
      }
      break
    }
    case 'lifecycle': {
      for (const period of periods) {
        const before = previousPeriod(period, interval)
        for (const segment of segments) {
          let fresh = 0
          let returning = 0
          let resurrecting = 0
          let dormant = 0
          for (const p of inSegment(segment)) {
            const first = firstActive(p)
            if (first === undefined) continue
            const now = activeIn(p, period)
            const then = activeIn(p, before)
            if (now && periodOf(first, interval) === period) fresh++
            else if (now && then) returning++
            else if (now) resurrecting++
            else if (then) dormant++
          }
          push(day(period), segment, [fresh, returning, resurrecting, dormant])
        }
      }
      break
    }
    case 'work': {
      for (const period of periods) {
        for (const segment of segments) {
          let seconds = 0
          let tasks = 0
          const who = new Set<string>()
          for (const p of inSegment(segment)) {
            for (const e of p.events) {
              if (e.ts > now || periodOf(e.day, interval) !== period) continue
              if (e.name === 'timer_stop') {
                seconds += e.duration ?? 0
                who.add(p.userId)
              } else if (e.name === 'task_completed') {
                tasks += 1
                who.add(p.userId)
              }
            }
          }
          push(day(period), segment, [seconds, tasks, who.size])
        }
      }
      break
    }
    case 'freshness': {
      for (const period of periods) {
        for (const segment of segments) {
          const lags: number[] = []
          let late = 0
          let future = 0
          for (const p of inSegment(segment)) {
            for (const e of p.events) {
              if (periodOf(e.arrival, interval) !== period) continue
              if (e.ts > now) {
                future++
                continue
              }
              lags.push(e.ingested - e.ts)
              if (e.arrival > e.day) late++
            }
          }
          lags.sort((a, b) => a - b)
          const s = (ms: number) => round(ms / 1000, 1)
          push(day(period), segment, [
            lags.length,
            late,
            lags.length ? s(quantile(lags, 0.5)) : null,
            lags.length ? s(quantile(lags, 0.95)) : null,
            lags.length ? s(lags.at(-1) as number) : null,
            future,
          ])
        }
      }
      break
    }
    case 'future_events': {
      for (const period of periods) {
        for (const segment of segments) {
          let events = 0
          const who = new Set<string>()
          for (const p of inSegment(segment)) {
            for (const e of p.events) {
              if (e.ts > now && periodOf(e.day, interval) === period) {
                events++
                who.add(p.userId)
              }
            }
          }
          if (events > 0) push(day(period), segment, [events, who.size])
        }
      }
      break
    }
    default:
      throw new Error(`no reference for ${name}`)
  }
  return { columns, rows }
}
