import type BetterSqlite3 from 'better-sqlite3'
import {
  NO_VALUE,
  type ReportParam,
  type ReportCell,
  type ReportInfo,
  type ReportInterval,
  type ReportParams,
  type ReportResult,
} from '../../../../shared/reports'
import {
  dateKeyOf,
  dateKeyToIso,
  isoToDateKey,
  isoWeekday,
  zonedTimeToEpoch,
  type DateKey,
} from '../../../../shared/time'
import { peopleMatching } from '../people'
import type { ReportContext, ReportDefinition } from '../types'

// What every module report shares: the local-day range, periods, rounding, and the result.

export const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const

/** The label of a missing grouping value (no genre, no instructor…), as segments say it. */
export const NONE = NO_VALUE

/** The report's days, zone and interval, resolved once from the params and the settings. */
export interface Scope {
  zone: string
  /** First and last local day asked for (both included); null: the data's own span. */
  from: DateKey | null
  to: DateKey | null
  interval: ReportInterval
  nowMs: number
  /** Today in the report's zone. */
  today: DateKey
  /** `from`/`to` as YYYY-MM-DD for comparing with date columns. */
  fromDate: string | null
  toDate: string | null
  /** The instants the range spans, [fromIso, toIso), for UTC timestamp columns. */
  fromIso: string | null
  toIso: string | null
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/

function dayOf(text: string | undefined): DateKey | null {
  if (text === undefined || !DATE_RE.test(text.slice(0, 10))) return null
  return isoToDateKey(text)
}

export const keyParts = (key: DateKey) => ({
  year: Math.floor(key / 10000),
  month: Math.floor(key / 100) % 100,
  day: key % 100,
})

/** Calendar arithmetic on day keys (no zone involved). */
export function addDays(key: DateKey, days: number): DateKey {
  const { year, month, day } = keyParts(key)
  const d = new Date(Date.UTC(year, month - 1, day + days))
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate()
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: DateKey, b: DateKey): number {
  const pa = keyParts(a)
  const pb = keyParts(b)
  return Math.round(
    (Date.UTC(pb.year, pb.month - 1, pb.day) - Date.UTC(pa.year, pa.month - 1, pa.day)) /
      86_400_000,
  )
}

/** The first instant of a local day. */
export const startOfDay = (key: DateKey, zone: string) => zonedTimeToEpoch(keyParts(key), zone)

export function scopeOf(
  ctx: ReportContext,
  params: ReportParams,
  defaultInterval: ReportInterval,
): Scope {
  const zone = params.timeZone ?? ctx.settings.timeZone
  const from = dayOf(params.from)
  const to = dayOf(params.to)
  return {
    zone,
    from,
    to,
    interval: params.interval ?? defaultInterval,
    nowMs: ctx.now,
    today: dateKeyOf(ctx.now, zone),
    fromDate: from === null ? null : dateKeyToIso(from),
    toDate: to === null ? null : dateKeyToIso(to),
    fromIso: from === null ? null : new Date(startOfDay(from, zone)).toISOString(),
    toIso: to === null ? null : new Date(startOfDay(addDays(to, 1), zone)).toISOString(),
  }
}

/** Named SQL parameters for the range: `@fromDate`, `@toDate`, `@fromIso`, `@toIso`. */
export const rangeParams = (s: Scope) => ({
  fromDate: s.fromDate,
  toDate: s.toDate,
  fromIso: s.fromIso,
  toIso: s.toIso,
})

/** A WHERE fragment keeping a YYYY-MM-DD column inside the range. */
export const dateInRange = (column: string) =>
  `(@fromDate IS NULL OR ${column} >= @fromDate) AND (@toDate IS NULL OR ${column} <= @toDate)`

/** A WHERE fragment keeping a UTC ISO-8601 column inside the range's instants. */
export const instantInRange = (column: string) =>
  `(@fromIso IS NULL OR ${column} >= @fromIso) AND (@toIso IS NULL OR ${column} < @toIso)`

export const inRange = (s: Scope, key: DateKey) =>
  (s.from === null || key >= s.from) && (s.to === null || key <= s.to)

/** The local day of a UTC ISO-8601 instant, or null when the text is not a time. */
export function localDayOf(iso: string | null, zone: string): DateKey | null {
  if (iso === null) return null
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : dateKeyOf(ms, zone)
}

/**
 * The first day of the period holding `key`: the day, its ISO week (from Monday, as every report
 * counts weeks) or its calendar month.
 */
export function periodStart(key: DateKey, interval: ReportInterval): DateKey {
  switch (interval) {
    case 'day':
      return key
    case 'week':
      return addDays(key, 1 - isoWeekday(key))
    case 'month':
      return Math.floor(key / 100) * 100 + 1
  }
}

export function nextPeriod(start: DateKey, interval: ReportInterval): DateKey {
  switch (interval) {
    case 'day':
      return addDays(start, 1)
    case 'week':
      return addDays(start, 7)
    case 'month': {
      const { year, month } = keyParts(start)
      return month === 12 ? (year + 1) * 10000 + 101 : year * 10000 + (month + 1) * 100 + 1
    }
  }
}

/** The last day of the calendar month holding `key`. */
export function monthEnd(key: DateKey): DateKey {
  return addDays(nextPeriod(periodStart(key, 'month'), 'month'), -1)
}

/** Every period start from the one holding `first` to the one holding `last`. */
export function periodsBetween(first: DateKey, last: DateKey, interval: ReportInterval): DateKey[] {
  const out: DateKey[] = []
  const end = periodStart(last, interval)
  for (let p = periodStart(first, interval); p <= end; p = nextPeriod(p, interval)) {
    out.push(p)
  }
  return out
}

/**
 * The periods a time series shows: from `from` (else the first day with data) to `to` (else the
 * last day with data, and never an empty stretch past today); none when there is no data at
 * all, so an empty database gives no rows.
 */
export function seriesPeriods(s: Scope, dataDays: Iterable<DateKey>): DateKey[] {
  let min: DateKey | null = null
  let max: DateKey | null = null
  for (const day of dataDays) {
    if (min === null || day < min) min = day
    if (max === null || day > max) max = day
  }
  if (min === null || max === null) return []
  const first = s.from ?? min
  // A range reaching past today stops at today (or at the last data, if later: booked classes).
  const last = s.to === null ? max : s.to > s.today ? Math.max(s.today, max) : s.to
  return first > last ? [] : periodsBetween(first, last, s.interval)
}

export const iso = dateKeyToIso

export function round(x: number, digits: number): number {
  const f = 10 ** digits
  const r = Math.round(x * f) / f
  return Object.is(r, -0) ? 0 : r
}

/** 100·n/d to one decimal, or null when there is nothing to divide by. */
export function pct(n: number, d: number): number | null {
  return d === 0 ? null : round((100 * n) / d, 1)
}

export function ratio(n: number, d: number, digits: number): number | null {
  return d === 0 ? null : round(n / d, digits)
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}

/** A running mean that ignores nulls. */
export class Mean {
  sum = 0
  count = 0
  add(value: number | null | undefined) {
    if (value === null || value === undefined) return
    this.sum += value
    this.count += 1
  }
  value(digits: number): number | null {
    return this.count === 0 ? null : round(this.sum / this.count, digits)
  }
}

/** Estimated one-rep max: Epley, weight × (1 + reps / 30); a single is its own max. */
export function epley(weight: number, reps: number): number {
  return reps === 1 ? weight : weight * (1 + reps / 30)
}

/** The columns a report returns: `segment` goes after the first column when one is asked for. */
export function columnsWith(columns: readonly string[], segmented: boolean): string[] {
  return segmented ? [columns[0] ?? 'segment', 'segment', ...columns.slice(1)] : [...columns]
}

/** A row with its segment after the first cell (when segmenting). */
export function rowWith(row: ReportCell[], segment: string | null): ReportCell[] {
  return segment === null ? row : [row[0] ?? null, segment, ...row.slice(1)]
}

export function result(
  name: string,
  columns: string[],
  rows: ReportCell[][],
  notes: string[] = [],
): ReportResult {
  return { name, columns, rows, notes }
}

/** Gets a map entry, creating it first when missing. */
export function upsert<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key)
  if (value === undefined) {
    value = make()
    map.set(key, value)
  }
  return value
}

/** Compares strings by code unit, for stable orderings that do not depend on the locale. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Natural ordering for labels shown to people (case-insensitive, then exact). */
export const compareLabel = (a: string, b: string) =>
  a.localeCompare(b, 'en', { sensitivity: 'base' }) || compareText(a, b)

/**
 * Which people a report counts and their segment, by users.id (fitness, media) or by
 * users.user_id (studio). `ofKey`/`ofUser` give the person's segment label ('' when the report is
 * not segmented), or null when the filters leave them out. A row without a person (an anonymous
 * reader) is left out by any filter and falls in the NO_VALUE segment.
 */
export interface People {
  segmented: boolean
  filtered: boolean
  ofKey(id: number | null): string | null
  ofUser(userId: string | null): string | null
}

export function peopleOf(
  sqlite: BetterSqlite3.Database,
  params: ReportParams,
  accepts: readonly ReportParam[],
): People {
  const scope = peopleMatching(sqlite, {
    segment: accepts.includes('segment') ? params.segment : undefined,
    filters: accepts.includes('filters') ? params.filters : undefined,
  })
  const segmented = scope.segment !== null
  const filtered = scope.keys !== null
  if (!segmented && !filtered) {
    return { segmented, filtered, ofKey: () => '', ofUser: () => '' }
  }
  let keyOfUser: Map<string, number> | null = null
  const ofKey = (id: number | null): string | null => {
    if (id === null) return filtered ? null : segmented ? NO_VALUE : ''
    const index = scope.segmentOf(id)
    return index < 0 ? null : (scope.segments[index] ?? null)
  }
  return {
    segmented,
    filtered,
    ofKey,
    ofUser(userId) {
      if (userId === null) return ofKey(null)
      keyOfUser ??= new Map(
        (sqlite.prepare(`SELECT user_id, id FROM users`).raw().all() as [string, number][]).map(
          ([u, id]) => [u, id],
        ),
      )
      const id = keyOfUser.get(userId)
      return id === undefined ? ofKey(null) : ofKey(id)
    },
  }
}

/** The segment cell for a row: null (no cell) when the report is not segmented. */
export const segmentCell = (people: People, label: string) => (people.segmented ? label : null)

export interface RunInput {
  ctx: ReportContext
  sqlite: BetterSqlite3.Database
  params: ReportParams
  s: Scope
  people: People
}

export interface RunOutput {
  rows: ReportCell[][]
  notes?: string[]
}

/**
 * A report from its description and body. The body gets the resolved scope (an interval the
 * report does not take falls back to its default, the first of `intervals`) and the people;
 * it returns rows with the segment cell already placed (see `rowWith`).
 */
export function defineReport(
  info: ReportInfo,
  body: (input: RunInput) => RunOutput,
): ReportDefinition {
  const intervals = info.accepts.includes('interval') ? (info.intervals ?? ['month']) : []
  return {
    ...info,
    run(ctx, params) {
      const asked = params.interval
      const interval = asked !== undefined && intervals.includes(asked) ? asked : intervals[0]
      const s = scopeOf(ctx, params, interval ?? 'month')
      const people = peopleOf(ctx.sqlite, params, info.accepts)
      const out = body({ ctx, sqlite: ctx.sqlite, params, s, people })
      return result(info.name, columnsWith(info.columns, people.segmented), out.rows, out.notes)
    },
  }
}
