import { dateKeyToIso, type DateKey } from '../../../shared/time'
import { MINUTE_MS, addDays, daysBetween, iso } from './clock'
import type { DemoContext, PersonRef } from './context'
import type { DemoRandom } from './random'
import { makeTitle, slugify } from './titles'

type MediaType = 'tv' | 'podcast' | 'book' | 'music' | 'audiobook'

interface Series {
  type: MediaType
  name: string
  id: string
  creator: string
  progress: number
}

const TYPES: readonly [MediaType, number][] = [
  ['tv', 40],
  ['podcast', 25],
  ['book', 15],
  ['music', 10],
  ['audiobook', 10],
]
const PLATFORM: Record<MediaType, readonly string[]> = {
  tv: ['Netflix', 'Max', 'Disney+', 'Prime Video'],
  podcast: ['Spotify'],
  book: ['Library'],
  music: ['Spotify'],
  audiobook: ['Audible'],
}
/** Typical minutes per sitting: [min, max]. */
const MINUTES: Record<MediaType, readonly [number, number]> = {
  tv: [22, 62],
  podcast: [20, 95],
  book: [25, 120],
  music: [30, 75],
  audiobook: [30, 120],
}

function newSeries(rng: DemoRandom, type: MediaType): Series {
  const { faker } = rng
  switch (type) {
    case 'tv': {
      const name = makeTitle(rng)
      return { type, name, id: `tv:${slugify(name)}`, creator: faker.company.name(), progress: 0 }
    }
    case 'podcast': {
      const name = `The ${faker.word.adjective()} ${faker.word.noun()} Podcast`
      return {
        type,
        name,
        id: `podcast:${slugify(name)}`,
        creator: faker.person.fullName(),
        progress: rng.int(20, 300),
      }
    }
    case 'book':
    case 'audiobook':
      return {
        type,
        name: faker.book.title(),
        id: `isbn:${faker.commerce.isbn(13)}`,
        creator: faker.book.author(),
        progress: 0,
      }
    case 'music': {
      const name = faker.music.album()
      return {
        type,
        name,
        id: `album:${slugify(name)}`,
        creator: faker.music.artist(),
        progress: 0,
      }
    }
  }
}

function describe(series: Series): string {
  switch (series.type) {
    case 'tv': {
      const season = Math.floor(series.progress / 10) + 1
      const episode = (series.progress % 10) + 1
      return `${series.name} S${String(season).padStart(2, '0')}E${String(episode).padStart(2, '0')}`
    }
    case 'podcast':
      return `${series.name} #${series.progress}`
    case 'book':
    case 'audiobook':
      return `${series.name} by ${series.creator}`
    case 'music':
      return `${series.name} by ${series.creator}`
  }
}

/** About two hundred sittings with shows, podcasts, books, albums and audiobooks. */
export function writeOtherMedia(ctx: DemoContext, owner: PersonRef, historyStart: DateKey) {
  const { rng, clock } = ctx
  const span = daysBetween(historyStart, ctx.today)
  const current = new Map<MediaType, Series>()
  const offsets = Array.from({ length: 205 }, () => rng.int(0, span)).sort((a, b) => a - b)
  for (const offset of offsets) {
    const key = addDays(historyStart, offset)
    const type = rng.weighted(TYPES)
    let series = current.get(type)
    if (!series || rng.chance(type === 'tv' ? 0.12 : type === 'music' ? 0.7 : 0.2)) {
      series = newSeries(rng, type)
      current.set(type, series)
    }
    series.progress += 1
    const minutes = rng.int(...MINUTES[type])
    const startMs = clock.at(key, type === 'podcast' ? 8 : 19, rng.int(0, 200))
    const loggedMs = startMs + (minutes + rng.int(1, 20)) * MINUTE_MS
    if (loggedMs < owner.createdMs || loggedMs > ctx.nowMs) continue
    const id = ctx.writer.insert('media_consumption', {
      user_id: owner.id,
      media_type: type,
      media_id: type === 'tv' || type === 'podcast' ? `${series.id}:${series.progress}` : series.id,
      consumption_date: dateKeyToIso(key),
      duration_minutes: minutes,
      platform: rng.pick(PLATFORM[type]),
      rating: rng.chance(0.6) ? rng.int(4, 10) : null,
      notes: describe(series),
      created_at: iso(loggedMs),
    })
    ctx.events.add({
      userId: owner.userId,
      name: 'media_logged',
      ts: loggedMs,
      source: 'desktop',
      pageUrl: '/media/log',
      properties: { consumption_id: id, media_type: type },
    })
  }
}
