import type BetterSqlite3 from 'better-sqlite3'
import type { ReportCell } from '../../../../shared/reports'
import {
  dateKeyOf,
  isoToDateKey,
  isoWeekday,
  localHourOf,
  type DateKey,
} from '../../../../shared/time'
import {
  NONE,
  WEEKDAY_NAMES,
  compareLabel,
  dateInRange,
  defineReport,
  inRange,
  instantInRange,
  iso,
  monthEnd,
  nextPeriod,
  pct,
  periodStart,
  rangeParams,
  ratio,
  round,
  upsert,
  type Scope,
} from './common'

// Media reports over films (media_movies), games (media_games) and everything else
// (media_consumption), counted the way the media_analytics rollup counts them: a film on its
// watch date (films without one are left out), other media on their consumption date, and a game
// — which has no play date — on the local day its row was created, with all its play time.

export interface MediaItem {
  source: 'movie' | 'game' | 'other'
  mediaType: string
  day: DateKey
  hours: number
  genre: string | null
  platform: string | null
  rating: number | null
  /** When it started, estimated as created_at − duration when that falls on its day; else null. */
  startMs: number | null
  completion: string | null
}

const blank = (v: string | null) => (v === null || v.trim() === '' ? null : v.trim())

/** The start of a sitting: logged (created_at) minus its length, if that is on its own day. */
function startOf(createdAt: string, minutes: number | null, day: DateKey, zone: string) {
  const logged = Date.parse(createdAt)
  if (Number.isNaN(logged)) return null
  const start = logged - (minutes ?? 0) * 60_000
  return dateKeyOf(start, zone) === day ? start : null
}

/** Every media item whose day is in the range, oldest first. */
export function readMedia(sqlite: BetterSqlite3.Database, s: Scope): MediaItem[] {
  const items: MediaItem[] = []
  const range = rangeParams(s)
  for (const [date, minutes, genre, platform, rating, createdAt] of sqlite
    .prepare(
      `SELECT watch_date, watch_duration_minutes, genre, platform, user_rating, created_at
       FROM media_movies WHERE watch_date IS NOT NULL AND ${dateInRange('watch_date')}
       ORDER BY watch_date, id`,
    )
    .raw()
    .all(range) as [string, number | null, string | null, string | null, number | null, string][]) {
    const day = isoToDateKey(date)
    items.push({
      source: 'movie',
      mediaType: 'movie',
      day,
      hours: (minutes ?? 0) / 60,
      genre: blank(genre),
      platform: blank(platform),
      rating,
      startMs: startOf(createdAt, minutes, day, s.zone),
      completion: null,
    })
  }
  for (const [createdAt, hours, genre, platform, rating, completion] of sqlite
    .prepare(
      `SELECT created_at, play_time_hours, genre, platform, user_rating, completion_status
       FROM media_games WHERE ${instantInRange('created_at')} ORDER BY created_at, id`,
    )
    .raw()
    .all(range) as [
    string,
    number | null,
    string | null,
    string | null,
    number | null,
    string | null,
  ][]) {
    const ms = Date.parse(createdAt)
    if (Number.isNaN(ms)) continue
    items.push({
      source: 'game',
      mediaType: 'game',
      day: dateKeyOf(ms, s.zone),
      hours: hours ?? 0,
      genre: blank(genre),
      platform: blank(platform),
      rating,
      startMs: null,
      completion,
    })
  }
  for (const [type, date, minutes, platform, rating, createdAt] of sqlite
    .prepare(
      `SELECT media_type, consumption_date, duration_minutes, platform, rating, created_at
       FROM media_consumption WHERE ${dateInRange('consumption_date')}
       ORDER BY consumption_date, id`,
    )
    .raw()
    .all(range) as [string, string, number | null, string | null, number | null, string][]) {
    const day = isoToDateKey(date)
    items.push({
      source: 'other',
      mediaType: type,
      day,
      hours: (minutes ?? 0) / 60,
      genre: null,
      platform: blank(platform),
      rating,
      startMs: startOf(createdAt, minutes, day, s.zone),
      completion: null,
    })
  }
  return items.filter((item) => inRange(s, item.day))
}

/** Items and hours per period and group, rows only where something was consumed. */
function hoursBy(
  name: string,
  title: string,
  column: string,
  by: (item: MediaItem) => string | null,
  what: string,
) {
  return defineReport(
    {
      name,
      title,
      description: `Hours of media per ${what} and week (or day, month): films by watch date, other media by consumption date, games (all their play time) on the day they were added.`,
      module: 'media',
      columns: ['period', column, 'items', 'hours'],
      accepts: ['range', 'interval'],
      intervals: ['week', 'day', 'month'],
    },
    ({ sqlite, s }) => {
      const cells = new Map<
        string,
        { period: DateKey; group: string; items: number; hours: number }
      >()
      for (const item of readMedia(sqlite, s)) {
        const period = periodStart(item.day, s.interval)
        const group = by(item) ?? NONE
        const cell = upsert(cells, JSON.stringify([period, group]), () => ({
          period,
          group,
          items: 0,
          hours: 0,
        }))
        cell.items += 1
        cell.hours += item.hours
      }
      const rows = [...cells.values()]
        .sort((a, b) => a.period - b.period || compareLabel(a.group, b.group))
        .map((c): ReportCell[] => [iso(c.period), c.group, c.items, round(c.hours, 2)])
      return { rows }
    },
  )
}

export const mediaHoursByType = hoursBy(
  'media_hours_by_type',
  'Media hours by type',
  'media_type',
  (item) => item.mediaType,
  'type (movie, game, tv, podcast…)',
)
export const mediaHoursByGenre = hoursBy(
  'media_hours_by_genre',
  'Media hours by genre',
  'genre',
  (item) => item.genre,
  'genre (films and games have one; other media count as (none))',
)
export const mediaHoursByPlatform = hoursBy(
  'media_hours_by_platform',
  'Media hours by platform',
  'platform',
  (item) => item.platform,
  'platform',
)

/** The genre with the most hours; ties go to the alphabetically first (as media_analytics). */
function favourite(hours: Map<string, number>): string | null {
  let best: string | null = null
  let bestHours = -1
  for (const [genre, h] of hours) {
    if (h > bestHours || (h === bestHours && best !== null && genre < best)) {
      best = genre
      bestHours = h
    }
  }
  return best
}

export const mediaMonthly = defineReport(
  {
    name: 'media_monthly',
    title: 'Media by month',
    description:
      'Per calendar month and media type: items, hours, favourite genre (most hours) and average rating (1–10), as the media_analytics rollup sums them.',
    module: 'media',
    columns: ['month', 'media_type', 'items', 'hours', 'favorite_genre', 'average_rating'],
    accepts: ['range'],
  },
  ({ sqlite, s }) => {
    type Cell = {
      month: DateKey
      type: string
      items: number
      hours: number
      genres: Map<string, number>
      ratings: number
      ratingSum: number
    }
    const cells = new Map<string, Cell>()
    for (const item of readMedia(sqlite, s)) {
      const month = periodStart(item.day, 'month')
      const cell = upsert(cells, JSON.stringify([month, item.mediaType]), () => ({
        month,
        type: item.mediaType,
        items: 0,
        hours: 0,
        genres: new Map<string, number>(),
        ratings: 0,
        ratingSum: 0,
      }))
      cell.items += 1
      cell.hours += item.hours
      if (item.genre !== null)
        cell.genres.set(item.genre, (cell.genres.get(item.genre) ?? 0) + item.hours)
      if (item.rating !== null) {
        cell.ratings += 1
        cell.ratingSum += item.rating
      }
    }
    const rows = [...cells.values()]
      .sort((a, b) => a.month - b.month || compareLabel(a.type, b.type))
      .map((c): ReportCell[] => [
        iso(c.month).slice(0, 7),
        c.type,
        c.items,
        round(c.hours, 2),
        favourite(c.genres),
        ratio(c.ratingSum, c.ratings, 2),
      ])
    return { rows }
  },
)

interface PlatformCost {
  name: string
  type: string | null
  cost: number
}

/** Platforms with a subscription cost (a null cost — pay per use — has no cost per hour). */
function platformsWithCost(sqlite: BetterSqlite3.Database): PlatformCost[] {
  return (
    sqlite
      .prepare(
        `SELECT platform_name, platform_type, subscription_cost FROM media_platforms
         WHERE subscription_cost IS NOT NULL ORDER BY platform_name COLLATE NOCASE`,
      )
      .raw()
      .all() as [string, string | null, number][]
  ).map(([name, type, cost]) => ({ name, type, cost }))
}

interface PlatformMonth {
  platform: PlatformCost
  month: DateKey
  items: number
  hours: number
}

/**
 * For each platform with a cost: its months, from the first month it was used to the last
 * (over all the data, so a month without use in between still costs), kept to the range's months;
 * and the items and hours on it in each (the range's days only).
 */
function platformMonths(sqlite: BetterSqlite3.Database, s: Scope): PlatformMonth[] {
  const platforms = platformsWithCost(sqlite)
  if (platforms.length === 0) return []
  const everything = readMedia(sqlite, {
    ...s,
    from: null,
    to: null,
    fromDate: null,
    toDate: null,
    fromIso: null,
    toIso: null,
  })
  const byName = new Map(platforms.map((p) => [p.name.toLowerCase(), p]))
  const span = new Map<PlatformCost, { first: DateKey; last: DateKey }>()
  const use = new Map<string, { items: number; hours: number }>()
  for (const item of everything) {
    const platform = item.platform === null ? undefined : byName.get(item.platform.toLowerCase())
    if (platform === undefined) continue
    const month = periodStart(item.day, 'month')
    const known = span.get(platform)
    span.set(platform, {
      first: known === undefined || month < known.first ? month : known.first,
      last: known === undefined || month > known.last ? month : known.last,
    })
    if (!inRange(s, item.day)) continue
    const u = upsert(use, JSON.stringify([platform.name, month]), () => ({ items: 0, hours: 0 }))
    u.items += 1
    u.hours += item.hours
  }
  const out: PlatformMonth[] = []
  for (const platform of platforms) {
    const known = span.get(platform)
    if (known === undefined) continue
    for (let month = known.first; month <= known.last; month = nextPeriod(month, 'month')) {
      // A month counts when any of its days is in the range.
      if (s.from !== null && monthEnd(month) < s.from) continue
      if (s.to !== null && month > s.to) continue
      const u = use.get(JSON.stringify([platform.name, month]))
      out.push({ platform, month, items: u?.items ?? 0, hours: u?.hours ?? 0 })
    }
  }
  return out
}

const COST_NOTES = [
  'subscription_cost is taken as a monthly price, in the currency it was entered in; a month partly inside the range costs in full.',
  'A platform costs from the first month it was used to the last; platforms without a subscription cost (paid per use) are left out.',
]

export const mediaCostPerHour = defineReport(
  {
    name: 'media_cost_per_hour',
    title: 'Cost per hour by platform',
    description:
      'Per platform with a subscription: months paid (first to last month used), total cost, hours watched or played, and cost per hour.',
    module: 'media',
    columns: [
      'platform',
      'platform_type',
      'monthly_cost',
      'months',
      'cost',
      'items',
      'hours',
      'cost_per_hour',
    ],
    accepts: ['range'],
  },
  ({ sqlite, s }) => {
    const totals = new Map<PlatformCost, { months: number; items: number; hours: number }>()
    for (const pm of platformMonths(sqlite, s)) {
      const t = upsert(totals, pm.platform, () => ({ months: 0, items: 0, hours: 0 }))
      t.months += 1
      t.items += pm.items
      t.hours += pm.hours
    }
    const rows = [...totals.entries()].map(([p, t]): ReportCell[] => {
      const cost = p.cost * t.months
      return [
        p.name,
        p.type,
        p.cost,
        t.months,
        round(cost, 2),
        t.items,
        round(t.hours, 2),
        ratio(cost, t.hours, 2),
      ]
    })
    return { rows, notes: rows.length === 0 ? [] : COST_NOTES }
  },
)

export const mediaCostPerHourMonthly = defineReport(
  {
    name: 'media_cost_per_hour_monthly',
    title: 'Cost per hour by platform and month',
    description:
      'Per month and platform with a subscription: the month’s cost, hours watched or played on it, and cost per hour (empty when unused that month).',
    module: 'media',
    columns: ['month', 'platform', 'cost', 'items', 'hours', 'cost_per_hour'],
    accepts: ['range'],
  },
  ({ sqlite, s }) => {
    const rows = platformMonths(sqlite, s)
      .sort((a, b) => a.month - b.month || compareLabel(a.platform.name, b.platform.name))
      .map((pm): ReportCell[] => [
        iso(pm.month).slice(0, 7),
        pm.platform.name,
        pm.platform.cost,
        pm.items,
        round(pm.hours, 2),
        ratio(pm.platform.cost, pm.hours, 2),
      ])
    return { rows, notes: rows.length === 0 ? [] : COST_NOTES }
  },
)

export const mediaRatings = defineReport(
  {
    name: 'media_ratings',
    title: 'Ratings histogram',
    description:
      'How many films, games and other media got each of your ratings (1–10; a 5-star scale is stored doubled).',
    module: 'media',
    columns: ['rating', 'movies', 'games', 'other', 'total', 'pct'],
    accepts: ['range'],
  },
  ({ sqlite, s }) => {
    const counts = Array.from({ length: 11 }, () => ({ movie: 0, game: 0, other: 0 }))
    let total = 0
    for (const item of readMedia(sqlite, s)) {
      if (item.rating === null) continue
      const bucket = counts[Math.round(item.rating)]
      if (bucket === undefined) continue
      bucket[item.source] += 1
      total += 1
    }
    if (total === 0) return { rows: [] }
    const rows: ReportCell[][] = []
    for (let rating = 1; rating <= 10; rating += 1) {
      const c = counts[rating] ?? { movie: 0, game: 0, other: 0 }
      const n = c.movie + c.game + c.other
      rows.push([rating, c.movie, c.game, c.other, n, pct(n, total)])
    }
    return { rows }
  },
)

export const mediaWeekdayHour = defineReport(
  {
    name: 'media_weekday_hour',
    title: 'Media by weekday and hour',
    description:
      'Items and hours by local weekday and starting hour (start = logged time − duration, on the item’s own day); games and items without a known start are left out.',
    module: 'media',
    columns: ['weekday', 'weekday_name', 'hour', 'items', 'hours'],
    accepts: ['range'],
  },
  ({ sqlite, s }) => {
    const cells = new Map<number, { items: number; hours: number }>()
    let unknown = 0
    let games = 0
    for (const item of readMedia(sqlite, s)) {
      if (item.source === 'game') {
        games += 1
        continue
      }
      if (item.startMs === null) {
        unknown += 1
        continue
      }
      const key = isoWeekday(item.day) * 100 + localHourOf(item.startMs, s.zone)
      const cell = upsert(cells, key, () => ({ items: 0, hours: 0 }))
      cell.items += 1
      cell.hours += item.hours
    }
    const rows = [...cells.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([key, c]): ReportCell[] => {
        const weekday = Math.floor(key / 100)
        return [weekday, WEEKDAY_NAMES[weekday - 1] ?? null, key % 100, c.items, round(c.hours, 2)]
      })
    const notes: string[] = []
    if (unknown > 0) {
      notes.push(
        `${unknown} item(s) left out: their start time is unknown (logged on another day than they were watched, e.g. imported).`,
      )
    }
    if (games > 0)
      notes.push(`${games} game(s) left out: a game has total play time, not sittings.`)
    return { rows, notes }
  },
)

const STATUSES = ['completed', 'playing', 'on_hold', 'abandoned', 'backlog'] as const

export const mediaGameCompletion = defineReport(
  {
    name: 'media_game_completion',
    title: 'Game completion',
    description:
      'Games per genre by completion status, with the completion rate (completed ÷ games started, backlog left out) and hours played; the last row is all games.',
    module: 'media',
    columns: [
      'genre',
      'games',
      ...STATUSES,
      'no_status',
      'completion_pct',
      'hours',
      'avg_hours_completed',
    ],
    accepts: ['range'],
  },
  ({ sqlite, s }) => {
    type Cell = {
      games: number
      status: Map<string, number>
      hours: number
      completedHours: number
    }
    const cells = new Map<string, Cell>()
    const all: Cell = { games: 0, status: new Map(), hours: 0, completedHours: 0 }
    for (const item of readMedia(sqlite, s)) {
      if (item.source !== 'game') continue
      for (const cell of [
        upsert(cells, item.genre ?? NONE, () => ({
          games: 0,
          status: new Map<string, number>(),
          hours: 0,
          completedHours: 0,
        })),
        all,
      ]) {
        cell.games += 1
        const status = item.completion ?? 'no_status'
        cell.status.set(status, (cell.status.get(status) ?? 0) + 1)
        cell.hours += item.hours
        if (status === 'completed') cell.completedHours += item.hours
      }
    }
    if (all.games === 0) return { rows: [] }
    const row = (label: string, c: Cell): ReportCell[] => {
      const count = (status: string) => c.status.get(status) ?? 0
      const started = c.games - count('backlog') - count('no_status')
      return [
        label,
        c.games,
        ...STATUSES.map(count),
        count('no_status'),
        pct(count('completed'), started),
        round(c.hours, 1),
        ratio(c.completedHours, count('completed'), 1),
      ]
    }
    const rows = [...cells.keys()]
      .sort(compareLabel)
      .map((genre) => row(genre, cells.get(genre) as Cell))
    rows.push(row('(all)', all))
    return { rows }
  },
)
