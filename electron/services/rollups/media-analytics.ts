import type BetterSqlite3 from 'better-sqlite3'
import { dateKeyOf, dateKeyToIso, isoToDateKey } from '../../../shared/time'

/** One thing consumed, from any of the three media tables. */
export interface MediaItem {
  userId: number | null
  mediaType: string
  /** YYYYMM of the calendar month it counts in. */
  month: number
  hours: number
  genre: string | null
  rating: number | null
  /** The source row's created_at. */
  createdAt: string
}

export interface MediaAnalyticsRow {
  user_id: number | null
  media_type: string
  total_consumption_hours: number
  favorite_genre: string | null
  average_rating: number | null
  analytics_period: 'month'
  period_start_date: string
  period_end_date: string
  created_at: string
}

const round2 = (x: number) => Math.round(x * 100) / 100
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function monthBounds(month: number) {
  const year = Math.floor(month / 100)
  const lastDay = new Date(Date.UTC(year, month % 100, 0)).getUTCDate()
  return { start: dateKeyToIso(month * 100 + 1), end: dateKeyToIso(month * 100 + lastDay) }
}

/** The genre with the most hours; ties go to the alphabetically first name. */
function favoriteGenre(hoursByGenre: Map<string, number>): string | null {
  let best: string | null = null
  let bestHours = -1
  for (const [genre, hours] of hoursByGenre) {
    if (hours > bestHours || (hours === bestHours && best !== null && genre < best)) {
      best = genre
      bestHours = hours
    }
  }
  return best
}

/**
 * One row per person, media type and calendar month. `created_at` is the latest created_at of
 * the rows it sums up (never the wall clock), so a rebuild of the same data writes the same
 * bytes and no summary claims to be from the future.
 */
export function summariseMedia(items: readonly MediaItem[]): MediaAnalyticsRow[] {
  const groups = new Map<string, MediaItem[]>()
  for (const item of items) {
    const key = JSON.stringify([item.userId, item.mediaType, item.month])
    const group = groups.get(key) ?? []
    group.push(item)
    groups.set(key, group)
  }
  const rows: MediaAnalyticsRow[] = []
  for (const group of groups.values()) {
    const first = group[0] as MediaItem
    const hoursByGenre = new Map<string, number>()
    let hours = 0
    let ratingSum = 0
    let ratings = 0
    let createdAt = first.createdAt
    for (const item of group) {
      if (item.createdAt > createdAt) createdAt = item.createdAt
      hours += item.hours
      if (item.genre !== null) {
        hoursByGenre.set(item.genre, (hoursByGenre.get(item.genre) ?? 0) + item.hours)
      }
      if (item.rating !== null) {
        ratingSum += item.rating
        ratings += 1
      }
    }
    const { start, end } = monthBounds(first.month)
    rows.push({
      user_id: first.userId,
      media_type: first.mediaType,
      total_consumption_hours: round2(hours),
      favorite_genre: favoriteGenre(hoursByGenre),
      average_rating: ratings === 0 ? null : round2(ratingSum / ratings),
      analytics_period: 'month',
      period_start_date: start,
      period_end_date: end,
      created_at: createdAt,
    })
  }
  return rows.sort(
    (a, b) =>
      (a.user_id ?? -1) - (b.user_id ?? -1) ||
      compare(a.media_type, b.media_type) ||
      compare(a.period_start_date, b.period_start_date),
  )
}

const monthOfDate = (isoDate: string) => Math.floor(isoToDateKey(isoDate) / 100)

/**
 * Reads films (by watch date), games (by the local month of `created_at`: a game has no play
 * date) and other media (by consumption date). Films without a watch date are left out.
 */
export function readMediaItems(sqlite: BetterSqlite3.Database, timeZone: string): MediaItem[] {
  const items: MediaItem[] = []
  const movies = sqlite
    .prepare(
      `SELECT user_id, watch_date, watch_duration_minutes, genre, user_rating, created_at
       FROM media_movies WHERE watch_date IS NOT NULL ORDER BY id`,
    )
    .all() as {
    user_id: number | null
    watch_date: string
    watch_duration_minutes: number | null
    genre: string | null
    user_rating: number | null
    created_at: string
  }[]
  for (const m of movies) {
    items.push({
      userId: m.user_id,
      mediaType: 'movie',
      month: monthOfDate(m.watch_date),
      hours: (m.watch_duration_minutes ?? 0) / 60,
      genre: m.genre,
      rating: m.user_rating,
      createdAt: m.created_at,
    })
  }
  const games = sqlite
    .prepare(
      `SELECT user_id, created_at, play_time_hours, genre, user_rating FROM media_games ORDER BY id`,
    )
    .all() as {
    user_id: number | null
    created_at: string
    play_time_hours: number | null
    genre: string | null
    user_rating: number | null
  }[]
  for (const g of games) {
    const createdMs = Date.parse(g.created_at)
    if (Number.isNaN(createdMs)) continue
    items.push({
      userId: g.user_id,
      mediaType: 'game',
      month: Math.floor(dateKeyOf(createdMs, timeZone) / 100),
      hours: g.play_time_hours ?? 0,
      genre: g.genre,
      rating: g.user_rating,
      createdAt: g.created_at,
    })
  }
  const other = sqlite
    .prepare(
      `SELECT user_id, media_type, consumption_date, duration_minutes, rating, created_at
       FROM media_consumption ORDER BY id`,
    )
    .all() as {
    user_id: number | null
    media_type: string
    consumption_date: string
    duration_minutes: number | null
    rating: number | null
    created_at: string
  }[]
  for (const c of other) {
    items.push({
      userId: c.user_id,
      mediaType: c.media_type,
      month: monthOfDate(c.consumption_date),
      hours: (c.duration_minutes ?? 0) / 60,
      genre: null,
      rating: c.rating,
      createdAt: c.created_at,
    })
  }
  return items
}

export function rebuildMediaAnalytics(sqlite: BetterSqlite3.Database, timeZone: string) {
  const rows = summariseMedia(readMediaItems(sqlite, timeZone))
  sqlite.prepare(`DELETE FROM media_analytics`).run()
  const insert = sqlite.prepare(
    `INSERT INTO media_analytics (user_id, media_type, total_consumption_hours, favorite_genre,
       average_rating, analytics_period, period_start_date, period_end_date, created_at)
     VALUES (@user_id, @media_type, @total_consumption_hours, @favorite_genre, @average_rating,
       @analytics_period, @period_start_date, @period_end_date, @created_at)`,
  )
  for (const row of rows) insert.run(row)
  return rows.length
}
