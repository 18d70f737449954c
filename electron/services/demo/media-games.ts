import { dateKeyToIso, type DateKey } from '../../../shared/time'
import { DAY_MS, addDays, daysBetween, iso } from './clock'
import type { DemoContext } from './context'
import { round1 } from './random'
import { makeTitle } from './titles'

type Completion = 'backlog' | 'playing' | 'completed' | 'abandoned' | 'on_hold'

const GENRES: readonly [string, number][] = [
  ['RPG', 8],
  ['Action-Adventure', 8],
  ['Roguelike', 6],
  ['Strategy', 5],
  ['Platformer', 4],
  ['Puzzle', 4],
  ['Shooter', 4],
  ['Simulation', 3],
  ['Sports', 2],
]
const PLATFORMS: readonly [string, number][] = [
  ['Steam', 5],
  ['PlayStation', 3],
  ['Nintendo Switch', 2],
]

function hoursFor(ctx: DemoContext, status: Completion, genre: string): number | null {
  const { rng } = ctx
  const long = genre === 'RPG' || genre === 'Strategy' ? 2 : 1
  switch (status) {
    case 'backlog':
      return rng.chance(0.5) ? null : 0
    case 'playing':
      return round1(rng.float(1, 30) * long)
    case 'completed':
      return round1(rng.float(6, 45) * long)
    case 'abandoned':
      return round1(rng.float(0.5, 9))
    case 'on_hold':
      return round1(rng.float(2, 20) * long)
  }
}

/** About forty games added over two years; the recent ones still being played. */
export function writeGames(
  ctx: DemoContext,
  owner: { id: number; userId: string },
  historyStart: DateKey,
) {
  const { rng, clock } = ctx
  const span = daysBetween(historyStart, ctx.today)
  const days = Array.from({ length: 40 }, () => rng.int(0, span)).sort((a, b) => a - b)
  const publishers = Array.from({ length: 12 }, () => rng.faker.company.name())
  for (const offset of days) {
    const key = addDays(historyStart, offset)
    const createdMs = clock.at(key, 20, rng.int(0, 180))
    if (createdMs > ctx.nowMs) continue
    const age = span - offset
    const status: Completion =
      age < 45
        ? rng.weighted<Completion>([
            ['playing', 7],
            ['backlog', 3],
          ])
        : rng.weighted<Completion>([
            ['completed', 45],
            ['abandoned', 20],
            ['playing', 10],
            ['on_hold', 12],
            ['backlog', 13],
          ])
    const genre = rng.weighted(GENRES)
    const releaseMs = createdMs - rng.int(0, 8 * 365) * DAY_MS
    const id = ctx.writer.insert('media_games', {
      title: makeTitle(rng),
      genre,
      platform: rng.weighted(PLATFORMS),
      developer: rng.faker.company.name(),
      publisher: rng.pick(publishers),
      release_date: dateKeyToIso(clock.dayOf(releaseMs)),
      play_time_hours: hoursFor(ctx, status, genre),
      user_rating: status === 'backlog' ? null : rng.int(4, 10),
      completion_status: status,
      user_id: owner.id,
      created_at: iso(createdMs),
    })
    ctx.events.add({
      userId: owner.userId,
      name: 'game_logged',
      ts: createdMs,
      source: 'desktop',
      pageUrl: '/media/games',
      properties: { game_id: id, status },
    })
  }
}
