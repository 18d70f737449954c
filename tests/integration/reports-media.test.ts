import type BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { readMediaItems, summariseMedia } from '../../electron/services/rollups/media-analytics'
import type { ReportParams } from '../../shared/reports'
import { openFresh } from '../helpers/db'
import {
  addPerson,
  expectDemoRows,
  expectNoRows,
  insertRow,
  localDate,
  mondayOf,
  monthOf,
  objects,
  openDemo,
  r,
  runReport,
  sumBy,
} from '../helpers/module-data'
import { useSuiteTempDir } from '../helpers/tmp'

const ZONE = 'Europe/London'
const NOW = Date.parse('2025-05-31T12:00:00Z')
const tempDir = useSuiteTempDir()

const run = (
  sqlite: BetterSqlite3.Database,
  name: string,
  params: ReportParams = {},
  zone = ZONE,
) => runReport(sqlite, name, params, { zone, now: NOW })

describe('media reports on an empty database', () => {
  it('return no rows', async () => {
    const handle = await openFresh(tempDir(), 'empty.db')
    expectNoRows(handle.sqlite, 'media')
    await handle.close()
  })
})

/** One consumed item as the test reads the tables itself. */
interface Item {
  type: string
  date: string
  hours: number
  genre: string | null
  platform: string | null
}

function readItems(sqlite: BetterSqlite3.Database, zone: string): Item[] {
  const movies = sqlite
    .prepare(
      `SELECT watch_date, watch_duration_minutes AS m, genre, platform FROM media_movies
       WHERE watch_date IS NOT NULL`,
    )
    .all() as { watch_date: string; m: number; genre: string | null; platform: string | null }[]
  const games = sqlite
    .prepare(`SELECT created_at, play_time_hours AS h, genre, platform FROM media_games`)
    .all() as {
    created_at: string
    h: number | null
    genre: string | null
    platform: string | null
  }[]
  const other = sqlite
    .prepare(
      `SELECT media_type, consumption_date, duration_minutes AS m, platform FROM media_consumption`,
    )
    .all() as { media_type: string; consumption_date: string; m: number; platform: string | null }[]
  return [
    ...movies.map((x) => ({
      type: 'movie',
      date: x.watch_date,
      hours: x.m / 60,
      genre: x.genre,
      platform: x.platform,
    })),
    ...games.map((x) => ({
      type: 'game',
      date: localDate(Date.parse(x.created_at), zone),
      hours: x.h ?? 0,
      genre: x.genre,
      platform: x.platform,
    })),
    ...other.map((x) => ({
      type: x.media_type,
      date: x.consumption_date,
      hours: x.m / 60,
      genre: null,
      platform: x.platform,
    })),
  ]
}

describe('media reports', () => {
  let handle: DatabaseHandle
  let sqlite: BetterSqlite3.Database

  beforeAll(async () => {
    handle = await openFresh(tempDir(), 'media.db')
    sqlite = handle.sqlite
    const me = addPerson(sqlite, 'me')
    const platform = (name: string, type: string, cost: number | null) =>
      insertRow(sqlite, 'media_platforms', {
        platform_name: name,
        platform_type: type,
        subscription_cost: cost,
      })
    platform('Netflix', 'streaming', 15)
    platform('Cinema', 'theater', null)
    platform('Steam', 'gaming', 0)
    platform('Spotify', 'music', 10)
    const film = (
      date: string | null,
      genre: string,
      minutes: number,
      where: string,
      rating: number | null,
      created: string,
    ) =>
      insertRow(sqlite, 'media_movies', {
        title: `Film ${date}`,
        genre,
        watch_date: date,
        watch_duration_minutes: minutes,
        platform: where,
        user_rating: rating,
        user_id: me,
        created_at: created,
      })
    film('2025-03-03', 'Drama', 120, 'Netflix', 8, '2025-03-03T21:10:00.000Z') // Mon 19:10
    film('2025-03-29', 'Sci-Fi', 90, 'Netflix', 6, '2025-03-29T20:35:00.000Z') // Sat 19:05 GMT
    // The clocks went forward that night: 18:05 UTC is 19:05 BST, so still the 19:00 hour.
    film('2025-03-30', 'Sci-Fi', 100, 'netflix', 8, '2025-03-30T19:45:00.000Z')
    film('2025-04-12', 'Comedy', 95, 'Cinema', 10, '2025-04-12T20:40:00.000Z') // Sat 20:05 BST
    film('2025-02-10', 'Drama', 110, 'Prime Video', null, '2025-04-20T10:00:00.000Z') // imported later
    film(null, 'Drama', 100, 'Netflix', 5, '2025-04-21T10:00:00.000Z') // no watch date: left out
    const game = (
      created: string,
      genre: string | null,
      where: string,
      hours: number | null,
      status: string | null,
      rating: number | null,
    ) =>
      insertRow(sqlite, 'media_games', {
        title: `Game ${created}`,
        genre,
        platform: where,
        play_time_hours: hours,
        completion_status: status,
        user_rating: rating,
        user_id: me,
        created_at: created,
      })
    game('2025-03-05T20:00:00.000Z', 'RPG', 'Steam', 30, 'completed', 9)
    game('2025-03-20T23:30:00.000Z', 'RPG', 'Steam', 5, 'abandoned', 4)
    game('2025-04-02T22:30:00.000Z', 'Puzzle', 'Steam', 0, 'backlog', null)
    // 23:30 UTC on 31 March is 00:30 BST on 1 April: an April game in London.
    game('2025-03-31T23:30:00.000Z', 'Puzzle', 'PlayStation', 12, 'playing', 7)
    game('2025-03-10T12:00:00.000Z', null, 'Steam', 2, null, null)
    const other = (
      type: string,
      date: string,
      minutes: number,
      where: string,
      rating: number | null,
      created: string,
    ) =>
      insertRow(sqlite, 'media_consumption', {
        user_id: me,
        media_type: type,
        consumption_date: date,
        duration_minutes: minutes,
        platform: where,
        rating,
        created_at: created,
      })
    other('tv', '2025-03-04', 45, 'Netflix', 7, '2025-03-04T22:00:00.000Z') // Tue 21:15
    other('podcast', '2025-03-18', 60, 'Spotify', null, '2025-03-18T09:00:00.000Z') // Tue 08:00
    other('podcast', '2025-05-06', 30, 'spotify', 9, '2025-05-06T08:00:00.000Z') // Tue 08:30 BST
    other('book', '2025-04-15', 50, 'Library', null, '2025-04-15T21:00:00.000Z')
    other('tv', '2025-05-02', 60, 'Netflix', null, '2025-05-02T21:00:00.000Z')
  })
  afterAll(async () => {
    await handle.close()
  })

  it('hours per week by type, genre and platform add up the items of each week', () => {
    const items = readItems(sqlite, ZONE)
    const check = (name: string, column: string, group: (i: Item) => string) => {
      const hours = sumBy(
        items,
        (i) => `${mondayOf(i.date)}|${group(i)}`,
        (i) => i.hours,
      )
      const counts = sumBy(
        items,
        (i) => `${mondayOf(i.date)}|${group(i)}`,
        () => 1,
      )
      const rows = objects(run(sqlite, name))
      expect(rows.map((row) => `${row.period}|${row[column]}`)).toEqual(
        [...hours.keys()].sort((a, b) =>
          a.slice(0, 10) === b.slice(0, 10)
            ? a.slice(11).localeCompare(b.slice(11), 'en', { sensitivity: 'base' })
            : a < b
              ? -1
              : 1,
        ),
      )
      for (const row of rows) {
        const key = `${row.period}|${row[column]}`
        expect(row.hours, key).toBe(r(hours.get(key)!, 2))
        expect(row.items, key).toBe(counts.get(key))
      }
    }
    check('media_hours_by_type', 'media_type', (i) => i.type)
    check('media_hours_by_genre', 'genre', (i) => i.genre ?? '(none)')
    check('media_hours_by_platform', 'platform', (i) => i.platform ?? '(none)')
    // Platforms are free text: 'netflix' is its own label here (cost per hour matches by name).
    const weekOf31March = objects(
      run(sqlite, 'media_hours_by_type', { from: '2025-03-31', to: '2025-04-06' }),
    )
    expect(weekOf31March).toEqual([
      { period: '2025-03-31', media_type: 'game', items: 2, hours: 12 },
    ])
  })

  it('a game counts on its local day: the same row is March in UTC and April in London', () => {
    const params: ReportParams = { interval: 'month', from: '2025-03-01', to: '2025-04-30' }
    const games = (zone: string) =>
      objects(run(sqlite, 'media_hours_by_type', params, zone))
        .filter((row) => row.media_type === 'game')
        .map((row) => [row.period, row.items, row.hours])
    expect(games(ZONE)).toEqual([
      ['2025-03-01', 3, 37],
      ['2025-04-01', 2, 12],
    ])
    expect(games('UTC')).toEqual([
      ['2025-03-01', 4, 49],
      ['2025-04-01', 1, 0],
    ])
  })

  it('media by month agrees with the media_analytics rollup', () => {
    const summary = summariseMedia(readMediaItems(sqlite, ZONE))
    const rows = objects(run(sqlite, 'media_monthly'))
    expect(rows).toHaveLength(summary.length)
    for (const s of summary) {
      const row = rows.find(
        (x) => x.month === s.period_start_date.slice(0, 7) && x.media_type === s.media_type,
      )
      expect(row, `${s.period_start_date} ${s.media_type}`).toMatchObject({
        hours: s.total_consumption_hours,
        favorite_genre: s.favorite_genre,
        average_rating: s.average_rating,
      })
    }
    const items = readItems(sqlite, ZONE)
    const counts = sumBy(
      items,
      (i) => `${monthOf(i.date).slice(0, 7)}|${i.type}`,
      () => 1,
    )
    for (const row of rows) expect(row.items).toBe(counts.get(`${row.month}|${row.media_type}`))
  })

  it('cost per hour: monthly cost over the months from first to last use, ÷ hours', () => {
    const rows = objects(run(sqlite, 'media_cost_per_hour'))
    const netflixHours = (120 + 90 + 100 + 45 + 60) / 60
    expect(rows).toEqual([
      {
        platform: 'Netflix',
        platform_type: 'streaming',
        monthly_cost: 15,
        months: 3,
        cost: 45,
        items: 5,
        hours: r(netflixHours, 2),
        cost_per_hour: r(45 / netflixHours, 2),
      },
      {
        platform: 'Spotify',
        platform_type: 'music',
        monthly_cost: 10,
        months: 3,
        cost: 30,
        items: 2,
        hours: 1.5,
        cost_per_hour: 20,
      },
      {
        platform: 'Steam',
        platform_type: 'gaming',
        monthly_cost: 0,
        months: 2,
        cost: 0,
        items: 4,
        hours: 37,
        cost_per_hour: 0,
      },
    ])
    const monthly = objects(run(sqlite, 'media_cost_per_hour_monthly'))
    expect(monthly.filter((row) => row.platform === 'Netflix')).toEqual([
      {
        month: '2025-03',
        platform: 'Netflix',
        cost: 15,
        items: 4,
        hours: r(355 / 60, 2),
        cost_per_hour: r(15 / (355 / 60), 2),
      },
      { month: '2025-04', platform: 'Netflix', cost: 15, items: 0, hours: 0, cost_per_hour: null },
      { month: '2025-05', platform: 'Netflix', cost: 15, items: 1, hours: 1, cost_per_hour: 15 },
    ])
    // April alone: Netflix and Spotify paid but unused; the range does not move the months paid.
    const april = objects(
      run(sqlite, 'media_cost_per_hour', { from: '2025-04-01', to: '2025-04-30' }),
    )
    expect(
      april.map((row) => [row.platform, row.months, row.cost, row.hours, row.cost_per_hour]),
    ).toEqual([
      ['Netflix', 1, 15, 0, null],
      ['Spotify', 1, 10, 0, null],
      ['Steam', 1, 0, 0, null],
    ])
    expect(run(sqlite, 'media_cost_per_hour').notes.join(' ')).toMatch(/monthly price/)
  })

  it('ratings histogram: every rating 1–10 by source, once anything is rated', () => {
    const rows = objects(run(sqlite, 'media_ratings'))
    expect(rows.map((row) => row.rating)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    const byRating = Object.fromEntries(
      rows.map((row) => [row.rating, [row.movies, row.games, row.other, row.total]]),
    )
    expect(byRating).toMatchObject({
      4: [0, 1, 0, 1],
      6: [1, 0, 0, 1],
      7: [0, 1, 1, 2],
      8: [2, 0, 0, 2],
      9: [0, 1, 1, 2],
      10: [1, 0, 0, 1],
      1: [0, 0, 0, 0],
    })
    expect(rows.find((row) => row.rating === 8)?.pct).toBe(r((100 * 2) / 9, 1))
    expect(
      objects(run(sqlite, 'media_ratings', { from: '2025-05-01' })).map((row) => row.total),
    ).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 0])
  })

  it('weekday × hour uses the local start time across the DST change; unknown starts are noted', () => {
    const result = run(sqlite, 'media_weekday_hour')
    expect(objects(result)).toEqual([
      { weekday: 1, weekday_name: 'Monday', hour: 19, items: 1, hours: 2 },
      { weekday: 2, weekday_name: 'Tuesday', hour: 8, items: 2, hours: 1.5 },
      { weekday: 2, weekday_name: 'Tuesday', hour: 21, items: 2, hours: r(0.75 + 50 / 60, 2) },
      { weekday: 5, weekday_name: 'Friday', hour: 21, items: 1, hours: 1 },
      { weekday: 6, weekday_name: 'Saturday', hour: 19, items: 1, hours: 1.5 },
      { weekday: 6, weekday_name: 'Saturday', hour: 20, items: 1, hours: r(95 / 60, 2) },
      { weekday: 7, weekday_name: 'Sunday', hour: 19, items: 1, hours: r(100 / 60, 2) },
    ])
    expect(result.notes.join(' ')).toMatch(/1 item\(s\) left out/)
    expect(result.notes.join(' ')).toMatch(/5 game\(s\) left out/)
    // Read in UTC the Sunday film started at 18:00, the Saturday one still at 19:00.
    const utc = objects(
      run(sqlite, 'media_weekday_hour', { from: '2025-03-29', to: '2025-03-30' }, 'UTC'),
    )
    expect(utc.map((row) => [row.weekday, row.hour])).toEqual([
      [6, 19],
      [7, 18],
    ])
  })

  it('game completion per genre: status counts, completion among started games, hours', () => {
    const rows = objects(run(sqlite, 'media_game_completion'))
    expect(rows).toEqual([
      {
        genre: '(none)',
        games: 1,
        completed: 0,
        playing: 0,
        on_hold: 0,
        abandoned: 0,
        backlog: 0,
        no_status: 1,
        completion_pct: null,
        hours: 2,
        avg_hours_completed: null,
      },
      {
        genre: 'Puzzle',
        games: 2,
        completed: 0,
        playing: 1,
        on_hold: 0,
        abandoned: 0,
        backlog: 1,
        no_status: 0,
        completion_pct: 0,
        hours: 12,
        avg_hours_completed: null,
      },
      {
        genre: 'RPG',
        games: 2,
        completed: 1,
        playing: 0,
        on_hold: 0,
        abandoned: 1,
        backlog: 0,
        no_status: 0,
        completion_pct: 50,
        hours: 35,
        avg_hours_completed: 30,
      },
      {
        genre: '(all)',
        games: 5,
        completed: 1,
        playing: 1,
        on_hold: 0,
        abandoned: 1,
        backlog: 1,
        no_status: 1,
        completion_pct: r(100 / 3, 1),
        hours: 49,
        avg_hours_completed: 30,
      },
    ])
    // Games added in April (London days) only.
    expect(
      objects(run(sqlite, 'media_game_completion', { from: '2025-04-01', to: '2025-04-30' })).at(
        -1,
      ),
    ).toMatchObject({
      games: 2,
      playing: 1,
      backlog: 1,
    })
  })
})

describe('media reports on the demo database', () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await openDemo(tempDir())
  }, 120_000)
  afterAll(async () => {
    await handle.close()
  })

  it('every media report returns rows without throwing', () => {
    expectDemoRows(handle.sqlite, 'media')
  })
})
