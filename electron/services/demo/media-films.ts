import { dateKeyToIso, isoWeekday, type DateKey } from '../../../shared/time'
import { MINUTE_MS, dayRange, iso } from './clock'
import type { DemoContext } from './context'
import { clamp, round1 } from './random'
import { makeTitle } from './titles'

const GENRES: readonly [string, number][] = [
  ['Drama', 18],
  ['Thriller', 12],
  ['Sci-Fi', 12],
  ['Comedy', 12],
  ['Action', 10],
  ['Crime', 8],
  ['Documentary', 8],
  ['Animation', 7],
  ['Fantasy', 6],
  ['Horror', 5],
  ['Romance', 5],
]
const PLATFORMS: readonly [string, number][] = [
  ['Netflix', 30],
  ['Prime Video', 18],
  ['Max', 15],
  ['Disney+', 12],
  ['Cinema', 15],
]
/** Chance of watching a film on a given ISO weekday (Monday = 1). */
const WATCH_CHANCE = [0, 0.27, 0.27, 0.27, 0.27, 0.65, 0.65, 0.5]

interface Film {
  title: string
  genre: string
  year: number
  director: string
  rating: number
  minutes: number
}

function newFilm(
  ctx: DemoContext,
  directors: readonly string[],
  watchYear: number,
  cinema: boolean,
): Film {
  const { rng } = ctx
  const genre = rng.weighted(GENRES)
  const base = genre === 'Animation' ? 95 : genre === 'Documentary' ? 100 : 118
  return {
    title: makeTitle(rng),
    genre,
    year: cinema
      ? watchYear
      : rng.chance(0.65)
        ? watchYear - rng.int(0, 4)
        : rng.int(1960, watchYear - 5),
    director: rng.pick(directors),
    rating: round1(clamp(rng.normal(6.9, 0.9), 3.5, 9.3)),
    minutes: Math.round(clamp(rng.normal(base, 16), 75, 190)),
  }
}

/** About three films a week, mostly on Friday and Saturday nights, some rewatched. */
export function writeFilms(
  ctx: DemoContext,
  owner: { id: number; userId: string },
  historyStart: DateKey,
) {
  const { rng, clock } = ctx
  const directors = Array.from({ length: 80 }, () => rng.faker.person.fullName())
  const seen: Film[] = []
  for (const key of dayRange(historyStart, ctx.today)) {
    if (!rng.chance(WATCH_CHANCE[isoWeekday(key)] ?? 0)) continue
    const platform = rng.weighted(PLATFORMS)
    const cinema = platform === 'Cinema'
    const rewatch = !cinema && seen.length > 20 && rng.chance(0.05)
    const film = rewatch ? rng.pick(seen) : newFilm(ctx, directors, Math.floor(key / 10000), cinema)
    if (!rewatch) seen.push(film)
    const startMs = clock.at(key, cinema ? 19 : 20, rng.int(0, 100))
    const minutes = Math.round(film.minutes * (rng.chance(0.08) ? rng.float(0.5, 0.9) : 1))
    const loggedMs = startMs + (minutes + rng.int(2, 45)) * MINUTE_MS
    if (loggedMs > ctx.nowMs) continue
    const rating = rng.chance(0.05)
      ? null
      : clamp(Math.round(film.rating + rng.normal(-0.3, 1.3)), 1, 10)
    const id = ctx.writer.insert('media_movies', {
      title: film.title,
      genre: film.genre,
      release_year: film.year,
      director: film.director,
      rating: film.rating,
      user_rating: rating,
      watch_date: dateKeyToIso(key),
      watch_duration_minutes: minutes,
      platform,
      user_id: owner.id,
      created_at: iso(loggedMs),
    })
    ctx.events.add({
      userId: owner.userId,
      name: 'film_logged',
      ts: loggedMs,
      source: 'desktop',
      pageUrl: '/media/films',
      properties: { movie_id: id, rewatch },
    })
  }
}
