import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { ensureOwner } from '../../electron/services/fitness/owner'
import { candidatesFor } from '../../electron/services/imports/detect'
import { undoImport } from '../../electron/services/imports/registry'
import { readMediaItems } from '../../electron/services/rollups/media-analytics'
import type { ImportSummary } from '../../shared/imports'
import { defaultSettings } from '../../shared/settings'
import { openFresh } from '../helpers/db'
import { TEST_ZONE, fixture, importFile, rows } from '../helpers/imports'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()
const open: DatabaseHandle[] = []
afterEach(async () => {
  for (const handle of open.splice(0)) await handle.close()
})

async function fresh() {
  const handle = await openFresh(tempDir())
  open.push(handle)
  return handle
}

const letterboxd = (name: string) => fixture('media', 'letterboxd', `${name}.csv`)
const media = (name: string) => fixture('media', name)
const LETTERBOXD = ['diary', 'reviews', 'ratings', 'watched', 'watchlist'] as const

const value = (h: DatabaseHandle, sql: string, ...params: unknown[]) =>
  h.sqlite
    .prepare(sql)
    .pluck()
    .get(...params)
const count = (h: DatabaseHandle, table: string) =>
  value(h, `SELECT count(*) FROM ${table}`) as number

const FILMS = `SELECT title, release_year, user_rating, watch_date FROM media_movies
  ORDER BY title, release_year`
const VIEWINGS = `SELECT media_id, consumption_date, rating, notes FROM media_consumption
  WHERE media_type = 'film' ORDER BY consumption_date, media_id`

/** Every row of the media tables, for "nothing changed" checks. */
function snapshot(h: DatabaseHandle) {
  return {
    media_movies: rows(h, 'SELECT * FROM media_movies ORDER BY id'),
    media_consumption: rows(h, 'SELECT * FROM media_consumption ORDER BY id'),
    media_games: rows(h, 'SELECT * FROM media_games ORDER BY id'),
  }
}

function counts(h: DatabaseHandle) {
  return {
    films: count(h, 'media_movies'),
    consumption: count(h, 'media_consumption'),
    games: count(h, 'media_games'),
  }
}

const tally = (s: ImportSummary) => ({
  rows: s.rows,
  inserted: s.inserted,
  duplicates: s.duplicates,
  skipped: s.skipped,
  rejected: s.rejected,
})

const film = (
  title: string,
  year: number | null,
  rating: number | null,
  watched: string | null,
) => ({
  title,
  release_year: year,
  user_rating: rating,
  watch_date: watched,
})
const viewing = (
  title: string,
  day: string,
  rating: number | null,
  notes: string | null = null,
) => ({
  media_id: title,
  consumption_date: day,
  rating,
  notes,
})

const PARASITE_REVIEW = 'A perfect staircase of a film.\nThe peach scene, though.'
const SUNRISE_REVIEW = 'Still talking, still walking, still "Vienna".'

/** The films of all five Letterboxd files, worked out by hand from the fixtures. */
const ALL_FILMS = [
  film('"Crocodile" Dundee', 1986, 6, '2023-03-04'), // ratings.csv's 3★ outranks the diary's 2.5★
  film('Alien', 1979, 1, '2020-06-01'), // watched.csv's day is before ratings.csv's
  film('Before Sunrise', 1995, 9, '2023-04-14'), // first viewing; rated 4.5★
  film('Crouching Tiger, Hidden Dragon', 2000, 8, '2023-02-11'),
  film('Dune', 1984, null, '2023-06-01'),
  film('Dune', 2021, 7, '2023-05-19'),
  film('Good Night, and Good Luck.', 2005, 6, '2023-09-09'),
  film('Heat', 1995, 9, '2023-07-08'), // on the watchlist too, but watched
  film('Mad Max: Fury Road', 2015, null, '2019-05-05'),
  film('Paddington 2', 2017, 8, '2023-11-18'), // from the review: its diary row is rejected
  film('Parasite', 2019, 10, '2023-01-07'),
  film('Seven Samurai', 1954, null, null), // watchlist only
  film('Spirited Away', 2001, 10, '2022-10-10'),
  film('Stalker', 1979, null, null), // watchlist only
]

const ALL_VIEWINGS = [
  viewing('Parasite', '2023-01-07', 10, PARASITE_REVIEW),
  viewing('Crouching Tiger, Hidden Dragon', '2023-02-11', 8, 'Tags: wuxia, cinema'),
  viewing('"Crocodile" Dundee', '2023-03-04', 5),
  viewing('Before Sunrise', '2023-04-14', 8),
  viewing('Dune', '2023-05-19', 7, 'Tags: imax'),
  viewing('Dune', '2023-06-01', null),
  viewing('Heat', '2023-07-08', 9),
  viewing('Good Night, and Good Luck.', '2023-09-09', 6),
  viewing('Paddington 2', '2023-11-18', 8, 'Marmalade diplomacy.'),
  viewing('Before Sunrise', '2024-02-14', 9, `${SUNRISE_REVIEW}\nRewatch\nTags: valentine`),
]

describe('Letterboxd, one file at a time', () => {
  it('diary.csv: a film per name + year, a viewing per entry, ratings doubled', async () => {
    const h = await fresh()
    const summary = await importFile(h, 'letterboxd-diary', letterboxd('diary'))
    expect(summary.preset).toBe('letterboxd-diary')
    expect(tally(summary)).toEqual({
      rows: 11,
      inserted: 9,
      duplicates: 0,
      skipped: 0,
      rejected: 2,
    })
    expect(rows(h, FILMS)).toEqual([
      film('"Crocodile" Dundee', 1986, 5, '2023-03-04'),
      film('Before Sunrise', 1995, 9, '2023-04-14'), // first viewing's day, latest viewing's rating
      film('Crouching Tiger, Hidden Dragon', 2000, 8, '2023-02-11'),
      film('Dune', 1984, null, '2023-06-01'),
      film('Dune', 2021, 7, '2023-05-19'),
      film('Good Night, and Good Luck.', 2005, 6, '2023-09-09'),
      film('Heat', 1995, 9, '2023-07-08'),
      film('Parasite', 2019, 10, '2023-01-07'),
    ])
    expect(rows(h, VIEWINGS)).toEqual([
      viewing('Parasite', '2023-01-07', 10),
      viewing('Crouching Tiger, Hidden Dragon', '2023-02-11', 8, 'Tags: wuxia, cinema'),
      viewing('"Crocodile" Dundee', '2023-03-04', 5),
      viewing('Before Sunrise', '2023-04-14', 8),
      viewing('Dune', '2023-05-19', 7, 'Tags: imax'),
      viewing('Dune', '2023-06-01', null),
      viewing('Heat', '2023-07-08', 9),
      viewing('Good Night, and Good Luck.', '2023-09-09', 6),
      viewing('Before Sunrise', '2024-02-14', 9, 'Rewatch\nTags: valentine'),
    ])
    const owner = value(h, `SELECT id FROM users WHERE user_id = 'me'`)
    expect(value(h, 'SELECT count(*) FROM media_movies WHERE user_id IS NOT ?', owner)).toBe(0)
    expect(value(h, 'SELECT count(*) FROM media_consumption WHERE user_id IS NOT ?', owner)).toBe(0)
  })

  it('diary.csv rejects a 7-star rating and a day that does not exist, naming line and column', async () => {
    const h = await fresh()
    const summary = await importFile(h, 'letterboxd-diary', letterboxd('diary'))
    expect(summary.rejects).toEqual([
      {
        line: 10,
        column: 'Rating',
        value: '7',
        reason: 'is not a Letterboxd rating (0.5 to 5 stars, in half stars)',
      },
      {
        line: 11,
        column: 'Watched Date',
        value: '2023-02-30',
        reason: '"2023-02-30" is not a real calendar day',
      },
    ])
    expect(
      value(
        h,
        `SELECT count(*) FROM media_movies WHERE title IN ('Paddington 2', 'Spirited Away')`,
      ),
    ).toBe(0)
  })

  it('reviews.csv: the review (with its line break) becomes the viewing’s notes', async () => {
    const h = await fresh()
    const summary = await importFile(h, 'letterboxd-reviews', letterboxd('reviews'))
    expect(tally(summary)).toEqual({ rows: 4, inserted: 3, duplicates: 0, skipped: 0, rejected: 1 })
    expect(rows(h, FILMS)).toEqual([
      film('Before Sunrise', 1995, 9, '2024-02-14'),
      film('Paddington 2', 2017, 8, '2023-11-18'),
      film('Parasite', 2019, 10, '2023-01-07'),
    ])
    expect(rows(h, VIEWINGS)).toEqual([
      viewing('Parasite', '2023-01-07', 10, PARASITE_REVIEW),
      viewing('Paddington 2', '2023-11-18', 8, 'Marmalade diplomacy.'),
      viewing('Before Sunrise', '2024-02-14', 9, `${SUNRISE_REVIEW}\nRewatch\nTags: valentine`),
    ])
    // The review spans lines 2–3, so the bad row is on line 6 of the file.
    expect(summary.rejects).toEqual([
      {
        line: 6,
        column: 'Watched Date',
        value: 'last week',
        reason: '"last week" is not a date (expected YYYY-MM-DD)',
      },
    ])
  })

  it('ratings.csv: ½–5 stars become 1–10, dated by the day rated', async () => {
    const h = await fresh()
    const summary = await importFile(h, 'letterboxd-ratings', letterboxd('ratings'))
    expect(tally(summary)).toEqual({
      rows: 11,
      inserted: 10,
      duplicates: 0,
      skipped: 0,
      rejected: 1,
    })
    expect(rows(h, FILMS)).toEqual([
      film('"Crocodile" Dundee', 1986, 6, '2023-03-04'),
      film('Alien', 1979, 1, '2021-03-01'),
      film('Before Sunrise', 1995, 9, '2024-02-14'),
      film('Crouching Tiger, Hidden Dragon', 2000, 8, '2023-02-12'),
      film('Dune', 2021, 7, '2023-05-20'),
      film('Good Night, and Good Luck.', 2005, 6, '2023-09-10'),
      film('Heat', 1995, 9, '2023-07-09'),
      film('Paddington 2', 2017, 8, '2023-11-20'),
      film('Parasite', 2019, 10, '2023-01-08'),
      film('Spirited Away', 2001, 10, '2022-10-10'),
    ])
    expect(value(h, 'SELECT count(*) FROM media_consumption')).toBe(0)
    expect(summary.rejects).toEqual([
      {
        line: 12,
        column: 'Rating',
        value: '4.25',
        reason: 'is not a Letterboxd rating (0.5 to 5 stars, in half stars)',
      },
    ])
  })

  it('watched.csv: every film, dated by the day marked watched, unrated', async () => {
    const h = await fresh()
    const summary = await importFile(h, 'letterboxd-watched', letterboxd('watched'))
    expect(tally(summary)).toEqual({
      rows: 12,
      inserted: 12,
      duplicates: 0,
      skipped: 0,
      rejected: 0,
    })
    const films = rows<ReturnType<typeof film>>(h, FILMS)
    expect(films).toHaveLength(12)
    expect(films.filter((f) => f.user_rating !== null || f.watch_date === null)).toEqual([])
    expect(films.find((f) => f.title === 'Mad Max: Fury Road')).toEqual(
      film('Mad Max: Fury Road', 2015, null, '2019-05-05'),
    )
    expect(films.filter((f) => f.title === 'Dune')).toEqual([
      film('Dune', 1984, null, '2023-06-02'),
      film('Dune', 2021, null, '2023-05-20'),
    ])
  })

  it('watchlist.csv: films with no watch date, which reports leave out', async () => {
    const h = await fresh()
    const summary = await importFile(h, 'letterboxd-watchlist', letterboxd('watchlist'))
    expect(tally(summary)).toEqual({ rows: 3, inserted: 3, duplicates: 0, skipped: 0, rejected: 0 })
    expect(rows(h, FILMS)).toEqual([
      film('Heat', 1995, null, null),
      film('Seven Samurai', 1954, null, null),
      film('Stalker', 1979, null, null),
    ])
    expect(readMediaItems(h.sqlite, TEST_ZONE)).toEqual([])
    expect(value(h, 'SELECT count(*) FROM media_analytics')).toBe(0)
  })
})

describe('Letterboxd, all five files', () => {
  async function importAll(order: readonly (typeof LETTERBOXD)[number][]) {
    const h = await fresh()
    for (const name of order) {
      const summary = await importFile(h, 'auto', letterboxd(name))
      expect(summary.preset).toBe(`letterboxd-${name}`)
    }
    return h
  }

  it('give the same films and viewings whatever the order', async () => {
    const orders = [
      ['diary', 'reviews', 'ratings', 'watched', 'watchlist'],
      ['watchlist', 'watched', 'ratings', 'reviews', 'diary'],
      ['ratings', 'watchlist', 'reviews', 'watched', 'diary'],
    ] as const
    for (const order of orders) {
      const h = await importAll(order)
      expect(rows(h, FILMS), order.join(', ')).toEqual(ALL_FILMS)
      expect(rows(h, VIEWINGS), order.join(', ')).toEqual(ALL_VIEWINGS)
      expect(value(h, `SELECT count(*) FROM media_consumption WHERE media_type <> 'film'`)).toBe(0)
      // One film per name + year, whichever file named it first.
      expect(
        value(
          h,
          'SELECT count(*) FROM (SELECT 1 FROM media_movies GROUP BY title, release_year HAVING count(*) > 1)',
        ),
      ).toBe(0)
    }
  })

  it('count in the media reports: films by the day first watched, viewings as film', async () => {
    const h = await importAll(LETTERBOXD)
    const items = readMediaItems(h.sqlite, TEST_ZONE)
    expect(items.filter((i) => i.mediaType === 'movie')).toHaveLength(12) // not the 2 watchlist films
    expect(items.filter((i) => i.mediaType === 'film')).toHaveLength(10)
    const period = (type: string, start: string) =>
      rows(
        h,
        `SELECT average_rating FROM media_analytics WHERE media_type = ? AND period_start_date = ?`,
        type,
        start,
      )
    expect(period('movie', '2023-04-01')).toEqual([{ average_rating: 9 }]) // Before Sunrise
    expect(period('film', '2023-04-01')).toEqual([{ average_rating: 8 }]) // its first viewing
    expect(period('film', '2024-02-01')).toEqual([{ average_rating: 9 }]) // the rewatch
    expect(period('movie', '2024-02-01')).toEqual([])
  })

  it('a rating from ratings.csv replaces the diary’s, and undo puts it back', async () => {
    const h = await fresh()
    await importFile(h, 'letterboxd-diary', letterboxd('diary'))
    const dundee = `SELECT user_rating FROM media_movies WHERE title = '"Crocodile" Dundee'`
    expect(value(h, dundee)).toBe(5)
    const ratings = await importFile(h, 'letterboxd-ratings', letterboxd('ratings'))
    // 3 new films (Paddington 2, Alien, Spirited Away); Dundee's rating changed; 6 already so.
    expect(tally(ratings)).toEqual({
      rows: 11,
      inserted: 4,
      duplicates: 6,
      skipped: 0,
      rejected: 1,
    })
    expect(value(h, dundee)).toBe(6)
    expect(value(h, 'SELECT count(*) FROM media_movies')).toBe(11)

    const undone = undoImport(h.sqlite, ratings.importId!, defaultSettings(TEST_ZONE))
    expect(undone).toMatchObject({ removed: 3, restored: 1 })
    expect(value(h, dundee)).toBe(5)
    expect(value(h, 'SELECT count(*) FROM media_movies')).toBe(8)
    expect(value(h, `SELECT count(*) FROM import_keys WHERE scope = 'letterboxd:rating'`)).toBe(0)

    // Imported again, the diary's rating no longer wins over it.
    await importFile(h, 'letterboxd-ratings', letterboxd('ratings'))
    expect(value(h, dundee)).toBe(6)
    await importFile(h, 'letterboxd-diary', letterboxd('diary'))
    expect(value(h, dundee)).toBe(6)
  })

  it('claim a film typed in by hand instead of adding it again', async () => {
    const h = await fresh()
    const owner = ensureOwner(h.sqlite)
    const typed = Number(
      h.sqlite
        .prepare(
          `INSERT INTO media_movies (title, release_year, genre, user_rating, watch_date, platform, user_id)
           VALUES ('parasite ', 2019, 'Thriller', 9, '2020-02-10', 'Cinema', ?)`,
        )
        .run(owner.id).lastInsertRowid,
    )
    await importFile(h, 'letterboxd-diary', letterboxd('diary'))
    await importFile(h, 'letterboxd-ratings', letterboxd('ratings'))
    expect(rows(h, `SELECT * FROM media_movies WHERE lower(trim(title)) = 'parasite'`)).toEqual([
      expect.objectContaining({
        id: typed,
        title: 'parasite ',
        genre: 'Thriller',
        platform: 'Cinema',
        watch_date: '2020-02-10', // seen before the diary's day: kept
        user_rating: 10,
      }),
    ])
    expect(
      value(
        h,
        `SELECT row_id FROM import_keys WHERE scope = 'film' AND natural_key = 'parasite|2019'`,
      ),
    ).toBe(typed)
  })

  it('a film deleted after its import is not brought back by importing again', async () => {
    const h = await fresh()
    await importFile(h, 'letterboxd-watchlist', letterboxd('watchlist'))
    h.sqlite.prepare(`DELETE FROM media_movies WHERE title = 'Stalker'`).run()
    const again = await importFile(h, 'letterboxd-watchlist', letterboxd('watchlist'))
    expect(tally(again)).toEqual({ rows: 3, inserted: 0, duplicates: 3, skipped: 0, rejected: 0 })
    expect(value(h, `SELECT count(*) FROM media_movies WHERE title = 'Stalker'`)).toBe(0)
  })
})

describe('IMDb ratings', () => {
  const imdbFilms = `SELECT title, release_year, genre, director, rating, user_rating, watch_date,
    watch_duration_minutes AS minutes FROM media_movies ORDER BY title`
  const other = `SELECT media_type, media_id, consumption_date, duration_minutes, rating, notes
    FROM media_consumption ORDER BY consumption_date`
  const games = `SELECT title, genre, release_date, user_rating, created_at, completion_status
    FROM media_games ORDER BY title`

  it('the older layout: films, series and episodes, a video game; bad rows rejected', async () => {
    const h = await fresh()
    const summary = await importFile(h, 'imdb-ratings', media('imdb-old.csv'))
    expect(tally(summary)).toEqual({
      rows: 11,
      inserted: 8,
      duplicates: 0,
      skipped: 0,
      rejected: 3,
    })
    expect(rows(h, imdbFilms)).toEqual([
      {
        title: 'Behind the Candelabra', // tvMovie
        release_year: 2013,
        genre: 'Biography',
        director: 'Steven Soderbergh',
        rating: 7,
        user_rating: 7,
        watch_date: '2019-12-12',
        minutes: 118,
      },
      {
        title: 'Crouching Tiger, Hidden Dragon',
        release_year: 2000,
        genre: 'Action',
        director: 'Ang Lee',
        rating: 7.9,
        user_rating: 8,
        watch_date: '2022-08-20',
        minutes: 120,
      },
      {
        title: 'La Jetée', // short
        release_year: 1962,
        genre: 'Drama',
        director: 'Chris Marker',
        rating: 8.2,
        user_rating: 8,
        watch_date: '2020-02-02',
        minutes: 28,
      },
      {
        title: 'Parasite',
        release_year: 2019,
        genre: 'Comedy',
        director: 'Bong Joon Ho',
        rating: 8.5,
        user_rating: 9,
        watch_date: '2023-01-10',
        minutes: 132,
      },
    ])
    expect(rows(h, other)).toEqual([
      {
        media_type: 'tv',
        media_id: 'Chernobyl',
        consumption_date: '2021-09-12',
        duration_minutes: null, // a whole series: its runtime is not one sitting
        rating: 9,
        notes: 'TV mini-series · 2019 · Drama, History, Thriller · IMDb 9.3 · tt7366338',
      },
      {
        media_type: 'tv',
        media_id: 'Breaking Bad',
        consumption_date: '2022-05-01',
        duration_minutes: null,
        rating: 10,
        notes: 'TV series · 2008 · Crime, Drama, Thriller · IMDb 9.5 · tt0903747',
      },
      {
        media_type: 'tv',
        media_id: 'Ozymandias',
        consumption_date: '2022-05-02',
        duration_minutes: 48,
        rating: 10,
        notes: 'TV episode · 2013 · Crime, Drama, Thriller · IMDb 10 · tt2301451',
      },
    ])
    expect(rows(h, games)).toEqual([
      {
        title: 'The Last of Us',
        genre: 'Action',
        release_date: '2013-06-14',
        user_rating: 10,
        created_at: '2018-07-01T10:00:00.000Z', // noon in Berlin (summer time) on the day rated
        completion_status: null,
      },
    ])
    expect(summary.rejects).toEqual([
      { line: 10, column: 'Your Rating', value: '11', reason: 'is above 10' },
      {
        line: 11,
        column: 'Date Rated',
        value: '03/04/2021',
        reason: '"03/04/2021" is not a date (expected YYYY-MM-DD)',
      },
      {
        line: 12,
        column: 'Title Type',
        value: 'radioSeries',
        reason: expect.stringMatching(/^is not a title type Logbook knows \(movie, /),
      },
    ])
    // The game counts in the month it was rated.
    expect(
      rows(
        h,
        `SELECT media_type, period_start_date FROM media_analytics WHERE media_type = 'game'`,
      ),
    ).toEqual([{ media_type: 'game', period_start_date: '2018-07-01' }])
  })

  it('the newer layout (Original Title, spelled-out title types)', async () => {
    const h = await fresh()
    const summary = await importFile(h, 'imdb-ratings', media('imdb-new.csv'))
    expect(tally(summary)).toEqual({ rows: 6, inserted: 6, duplicates: 0, skipped: 0, rejected: 0 })
    expect(
      rows(
        h,
        `SELECT title, release_year, genre, user_rating, watch_date FROM media_movies ORDER BY title`,
      ),
    ).toEqual([
      {
        title: 'Amélie',
        release_year: 2001,
        genre: 'Comedy',
        user_rating: 9,
        watch_date: '2024-03-10',
      },
      {
        title: 'Dune: Part Two',
        release_year: 2024,
        genre: 'Action',
        user_rating: 8,
        watch_date: '2024-03-15',
      },
      {
        title: 'Parasite',
        release_year: 2019,
        genre: 'Comedy',
        user_rating: 9,
        watch_date: '2023-01-10',
      },
    ])
    expect(
      rows(h, `SELECT media_type, media_id, consumption_date FROM media_consumption ORDER BY id`),
    ).toEqual([
      { media_type: 'tv', media_id: 'Breaking Bad', consumption_date: '2022-05-01' },
      { media_type: 'tv', media_id: 'The Last of Us', consumption_date: '2023-03-13' },
    ])
    expect(rows(h, games)).toEqual([
      {
        title: 'Hades',
        genre: 'Action',
        release_date: '2020-09-17',
        user_rating: 8,
        created_at: '2024-01-20T11:00:00.000Z',
        completion_status: null,
      },
    ])
  })

  it('a later export that overlaps adds only the new titles', async () => {
    const h = await fresh()
    await importFile(h, 'imdb-ratings', media('imdb-old.csv'))
    const before = counts(h)
    const parasite = rows(h, `SELECT * FROM media_movies WHERE title = 'Parasite'`)
    const newer = await importFile(h, 'imdb-ratings', media('imdb-new.csv'))
    expect(tally(newer)).toEqual({ rows: 6, inserted: 4, duplicates: 2, skipped: 0, rejected: 0 })
    expect(counts(h)).toEqual({
      films: before.films + 2,
      consumption: before.consumption + 1,
      games: before.games + 1,
    })
    expect(rows(h, `SELECT * FROM media_movies WHERE title = 'Parasite'`)).toEqual(parasite)
  })

  it('an import a later one built on is undone only after it, and both come back again', async () => {
    const h = await fresh()
    const diary = await importFile(h, 'letterboxd-diary', letterboxd('diary'))
    const imdb = await importFile(h, 'imdb-ratings', media('imdb-old.csv')) // fills in diary films
    expect(() => undoImport(h.sqlite, diary.importId!, defaultSettings(TEST_ZONE))).toThrow(
      new RegExp(`Import ${imdb.importId} .*changed rows that import ${diary.importId} added`),
    )
    undoImport(h.sqlite, imdb.importId!, defaultSettings(TEST_ZONE))
    undoImport(h.sqlite, diary.importId!, defaultSettings(TEST_ZONE))
    expect(count(h, 'media_movies')).toBe(0)
    await importFile(h, 'letterboxd-diary', letterboxd('diary'))
    const again = await importFile(h, 'imdb-ratings', media('imdb-old.csv'))
    expect(again.duplicates).toBe(0)
    expect(
      rows(
        h,
        `SELECT title, genre, director, user_rating FROM media_movies
         WHERE title IN ('Parasite', 'Crouching Tiger, Hidden Dragon') ORDER BY title`,
      ),
    ).toEqual([
      {
        title: 'Crouching Tiger, Hidden Dragon',
        genre: 'Action',
        director: 'Ang Lee',
        user_rating: 8,
      },
      { title: 'Parasite', genre: 'Comedy', director: 'Bong Joon Ho', user_rating: 10 },
    ])
    expect(count(h, 'media_movies')).toBe(10)
  })

  it('finds a typed-in film by its original title', async () => {
    const h = await fresh()
    const owner = ensureOwner(h.sqlite)
    h.sqlite
      .prepare(
        `INSERT INTO media_movies (title, release_year, watch_date, user_id)
         VALUES ('Le Fabuleux Destin d’Amélie Poulain', 2001, '2022-01-01', ?)`,
      )
      .run(owner.id)
    await importFile(h, 'imdb-ratings', media('imdb-new.csv'))
    expect(
      rows(
        h,
        `SELECT title, genre, user_rating, watch_date FROM media_movies WHERE release_year = 2001`,
      ),
    ).toEqual([
      {
        title: 'Le Fabuleux Destin d’Amélie Poulain',
        genre: 'Comedy',
        user_rating: 9,
        watch_date: '2022-01-01',
      },
    ])
  })

  it('shares films with Letterboxd: one row, filled in from both, in either order', async () => {
    const expected = [
      {
        title: 'Crouching Tiger, Hidden Dragon',
        release_year: 2000,
        genre: 'Action',
        director: 'Ang Lee',
        rating: 7.9,
        user_rating: 8,
        watch_date: '2022-08-20', // rated on IMDb before the diary entry
        minutes: 120,
      },
      {
        title: 'Parasite',
        release_year: 2019,
        genre: 'Comedy',
        director: 'Bong Joon Ho',
        rating: 8.5,
        user_rating: 10, // Letterboxd's rating, not IMDb's 9
        watch_date: '2023-01-07',
        minutes: 132,
      },
    ]
    for (const order of [
      ['letterboxd-diary', 'imdb-ratings'],
      ['imdb-ratings', 'letterboxd-diary'],
    ]) {
      const h = await fresh()
      for (const preset of order) {
        await importFile(
          h,
          preset,
          preset === 'imdb-ratings' ? media('imdb-old.csv') : letterboxd('diary'),
        )
      }
      expect(
        rows(
          h,
          `${imdbFilms.replace('ORDER BY', `WHERE title IN ('Parasite', 'Crouching Tiger, Hidden Dragon') ORDER BY`)}`,
        ),
        order.join(' then '),
      ).toEqual(expected)
      expect(value(h, 'SELECT count(*) FROM media_movies')).toBe(8 + 2) // + La Jetée, Candelabra
    }
  })
})

describe('Goodreads library', () => {
  const books = `SELECT media_type, media_id, consumption_date, rating, platform, notes
    FROM media_consumption ORDER BY consumption_date`

  it('books read become media of type book; ISBNs unwrapped; stars doubled', async () => {
    const h = await fresh()
    const summary = await importFile(h, 'goodreads-library', media('goodreads.csv'))
    expect(tally(summary)).toEqual({ rows: 8, inserted: 4, duplicates: 0, skipped: 2, rejected: 2 })
    expect(rows(h, books)).toEqual([
      {
        media_type: 'book',
        media_id: 'Dune',
        consumption_date: '2022-03-01', // no Date Read: the day it was added
        rating: 10,
        platform: 'Mass Market Paperback',
        notes:
          'by Frank Herbert\nISBN 9780441172719\n604 pages\nRead 2 times\nNo Date Read: dated by Date Added',
      },
      {
        media_type: 'book',
        media_id: 'The Hunger Games (The Hunger Games, #1)',
        consumption_date: '2023-02-14',
        rating: 8,
        platform: 'Hardcover',
        notes:
          'by Suzanne Collins\nISBN 9780439023481\n374 pages\nCould not put it down.\n\nThe ending, though.',
      },
      {
        media_type: 'book',
        media_id: 'Good Omens: The Nice and Accurate Prophecies of Agnes Nutter, Witch',
        consumption_date: '2023-10-31',
        rating: 10,
        platform: 'Paperback',
        notes: 'by Terry Pratchett, with Neil Gaiman\nISBN 9780060853983\n412 pages',
      },
      {
        media_type: 'book',
        media_id: 'Project Hail Mary',
        consumption_date: '2024-01-05',
        rating: null, // 0 stars: unrated
        platform: 'Kindle Edition',
        notes: 'by Andy Weir\n496 pages', // its ISBN cells are ="" (empty)
      },
    ])
    expect(value(h, `SELECT count(*) FROM media_consumption WHERE notes LIKE '%="%'`)).toBe(0)
    expect(summary.rejects).toEqual([
      { line: 7, column: 'My Rating', value: '6', reason: 'is above 5' },
      {
        line: 8,
        column: 'Date Read',
        value: '2023/02/30',
        reason: '"2023/02/30" is not a real calendar day',
      },
    ])
    expect(
      value(
        h,
        `SELECT count(*) FROM media_consumption WHERE media_id IN ('Piranesi', 'Circe', 'Educated')`,
      ),
    ).toBe(0)
    const items = readMediaItems(h.sqlite, TEST_ZONE).filter((i) => i.mediaType === 'book')
    expect(items.map((i) => i.month).sort()).toEqual([202203, 202302, 202310, 202401])
  })
})

describe('every file', () => {
  const files: [string, string, string][] = [
    ...LETTERBOXD.map((name): [string, string, string] => [
      `letterboxd/${name}.csv`,
      `letterboxd-${name}`,
      letterboxd(name),
    ]),
    ['imdb-old.csv', 'imdb-ratings', media('imdb-old.csv')],
    ['imdb-new.csv', 'imdb-ratings', media('imdb-new.csv')],
    ['goodreads.csv', 'goodreads-library', media('goodreads.csv')],
  ]

  it.each(files)('%s a second time adds nothing', async (_name, preset, file) => {
    const h = await fresh()
    const first = await importFile(h, 'auto', file)
    expect(first.preset).toBe(preset)
    expect(first.inserted).toBeGreaterThan(0)
    const before = snapshot(h)
    const second = await importFile(h, 'auto', file)
    expect(tally(second)).toEqual({
      rows: first.rows,
      inserted: 0,
      duplicates: first.inserted,
      skipped: first.skipped,
      rejected: first.rejected,
    })
    expect(snapshot(h)).toEqual(before)
  })

  const reasons: Record<string, RegExp> = {
    'letterboxd-diary':
      /^Letterboxd diary \(diary\.csv\): .*Watched Date and Rewatch, and no Review/,
    'letterboxd-reviews': /^Letterboxd reviews \(reviews\.csv\): .*a Review column/,
    'letterboxd-ratings': /^Letterboxd ratings \(ratings\.csv\): .*Rating, and no Watched Date/,
    'letterboxd-watched':
      /^Letterboxd watched films: .*the file name decides, and it is “watched\.csv”/,
    'letterboxd-watchlist':
      /^Letterboxd watchlist: .*the file name decides, and it is “watchlist\.csv”/,
    'imdb-ratings': /^IMDb ratings export \(the (older|newer) layout/,
    'goodreads-library': /^Goodreads library export: the header has “Book Id”/,
  }

  it.each(files)('auto picks the preset for %s and says why', async (name, preset, file) => {
    const h = await fresh()
    const summary = await importFile(h, 'auto', file)
    expect(summary.preset).toBe(preset)
    expect(summary.presetReason).toMatch(reasons[preset]!)
    if (name === 'imdb-new.csv') expect(summary.presetReason).toContain('newer layout')
    if (name === 'imdb-old.csv') expect(summary.presetReason).toContain('older layout')
    // No other media preset ties with it.
    const header = readFileSync(file, 'utf8').split('\n')[0]!.split(',')
    const fileName = file.split('/').pop()!
    const [best, next] = candidatesFor(header, fileName)
    expect(best?.name).toBe(preset)
    expect(best?.score).toBe(1)
    if (next) expect(next.score).toBeLessThan(1)
  })

  it('watched.csv and watchlist.csv: the file name decides, and an unknown name reads as watched', async () => {
    const header = ['Date', 'Name', 'Year', 'Letterboxd URI']
    const best = (fileName: string) => candidatesFor(header, fileName)[0]!
    expect(best('watched.csv').name).toBe('letterboxd-watched')
    expect(best('letterboxd-me-2024-05-01-10-00-utc/watchlist.csv').name).toBe(
      'letterboxd-watchlist',
    )
    expect(best('Watchlist (1).csv').name).toBe('letterboxd-watchlist')

    const h = await fresh()
    const summary = await importFile(h, 'auto', letterboxd('watchlist'), { fileName: 'films.csv' })
    expect(summary.preset).toBe('letterboxd-watched')
    expect(summary.presetReason).toContain(
      '“films.csv” names neither, so it is read as watched.csv',
    )
    expect(summary.presetReason).toContain('the file name decides')
  })
})
