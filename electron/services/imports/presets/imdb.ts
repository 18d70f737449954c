// IMDb's ratings export (Your Ratings → Export), in the older layout and the newer one that adds
// Original Title. Films go to media_movies (one row per film, shared with Letterboxd), series and
// episodes to media_consumption as `tv`, podcasts as `podcast`, video games to media_games.
// docs/imports/media.md explains the choices.
import type BetterSqlite3 from 'better-sqlite3'
import { RowCells } from '../cells'
import { headerSet, normaliseHeader } from '../columns'
import { parseDateTime } from '../parse/dates'
import type {
  BoundPreset,
  FieldSpec,
  ImportTx,
  NaturalKey,
  PresetDefinition,
  PresetMatch,
  WriteOutcome,
} from '../types'
import { clip, Films, readDay } from './media-films'

type Target = 'film' | 'tv' | 'podcast' | 'game'

interface TitleType {
  target: Target
  /** How the type reads in a note. */
  label: string
  /** One sitting of known length (an episode), so the runtime is its duration. */
  single: boolean
}

/**
 * Title types by their letters alone, lower case: `tvMiniSeries`, `TV Mini Series` and
 * `Mini-Series` (older exports) all read the same.
 */
const TITLE_TYPES: Record<string, TitleType> = {
  movie: { target: 'film', label: 'Movie', single: true },
  featurefilm: { target: 'film', label: 'Movie', single: true },
  tvmovie: { target: 'film', label: 'TV movie', single: true },
  short: { target: 'film', label: 'Short', single: true },
  shortfilm: { target: 'film', label: 'Short', single: true },
  tvshort: { target: 'film', label: 'TV short', single: true },
  video: { target: 'film', label: 'Video', single: true },
  tvspecial: { target: 'film', label: 'TV special', single: true },
  musicvideo: { target: 'film', label: 'Music video', single: true },
  tvseries: { target: 'tv', label: 'TV series', single: false },
  tvminiseries: { target: 'tv', label: 'TV mini-series', single: false },
  miniseries: { target: 'tv', label: 'TV mini-series', single: false },
  tvepisode: { target: 'tv', label: 'TV episode', single: true },
  podcastseries: { target: 'podcast', label: 'Podcast series', single: false },
  podcastepisode: { target: 'podcast', label: 'Podcast episode', single: true },
  videogame: { target: 'game', label: 'Video game', single: false },
}

export function titleType(text: string): TitleType | undefined {
  return TITLE_TYPES[text.toLowerCase().replace(/[^a-z]/g, '')]
}

/** Rows by IMDb id (Const), one scope per table the title type leads to. */
export const IMDB_SCOPES: Record<Target, string> = {
  film: 'imdb:film',
  tv: 'imdb:consumption',
  podcast: 'imdb:consumption',
  game: 'imdb:game',
}

export interface ImdbRecord {
  id: string
  type: TitleType
  title: string
  originalTitle: string | null
  /** 1–10 */
  yourRating: number
  /** Day rated: the title was watched (or played) by then. */
  rated: string
  /** The rating day at local noon, ISO: a game's created_at, which reports date games by. */
  ratedAt: string
  imdbRating: number | null
  runtime: number | null
  year: number | null
  genres: string[]
  released: string | null
  directors: string | null
}

const field = (
  key: string,
  label: string,
  type: FieldSpec['type'],
  alias: string,
  required = false,
): FieldSpec => ({ key, label, type, aliases: [alias], required })

const FIELDS: readonly FieldSpec[] = [
  field('id', 'IMDb id (the dedupe key)', 'id', 'Const', true),
  field('rating', 'Your rating (1–10)', 'integer', 'Your Rating', true),
  field('rated', 'Day rated (watched by then)', 'date', 'Date Rated', true),
  field('title', 'Title', 'text', 'Title', true),
  field(
    'originalTitle',
    'Original title (also matched against your films)',
    'text',
    'Original Title',
  ),
  field('type', 'Title type (decides where it goes)', 'text', 'Title Type', true),
  field('imdbRating', 'Public rating (films)', 'number', 'IMDb Rating'),
  field('runtime', 'Duration in minutes (films, episodes)', 'integer', 'Runtime (mins)'),
  field('year', 'Release year', 'integer', 'Year'),
  field('genres', 'Genre (the first one listed)', 'text', 'Genres'),
  field('released', 'Release date (games)', 'date', 'Release Date'),
  field('directors', 'Director (films)', 'text', 'Directors'),
]

const REQUIRED = ['Const', 'Your Rating', 'Date Rated', 'Title', 'Title Type']

function detect(header: readonly string[]): PresetMatch | null {
  const names = headerSet(header)
  const has = (name: string) => names.has(normaliseHeader(name))
  if (!REQUIRED.every(has)) return null
  // A list or watchlist export has these too, plus its list's columns: not a ratings export.
  if (has('Position') || has('Description')) return null
  const layout = has('Original Title')
    ? 'the newer layout, with Original Title'
    : 'the older layout, without Original Title'
  return {
    score: 1,
    reason: `IMDb ratings export (${layout}): the header has Const, Your Rating, Date Rated and Title Type`,
  }
}

function parseRow(cells: RowCells, timeZone: string): ImdbRecord | null {
  const id = cells.text('id', { required: true })
  if (id !== null && !/^tt\d+$/.test(id)) cells.problem('id', 'is not an IMDb title id (tt…)')
  const yourRating = cells.number('rating', { required: true, integer: true, min: 1, max: 10 })
  const rated = readDay(cells, 'rated', true)
  const title = cells.text('title', { required: true, max: 255 })
  const originalTitle = cells.text('originalTitle', { max: 255 })
  const typeText = cells.text('type', { required: true })
  const type = typeText === null ? undefined : titleType(typeText)
  if (typeText !== null && !type) {
    cells.problem(
      'type',
      'is not a title type Logbook knows (movie, tvMovie, short, video, tvSpecial, tvSeries, tvMiniSeries, tvEpisode, podcastSeries, podcastEpisode, videoGame)',
    )
  }
  const imdbRating = cells.number('imdbRating', { min: 0, max: 10 })
  const runtime = cells.number('runtime', { integer: true, min: 0, max: 100_000 })
  const year =
    type?.target === 'film'
      ? cells.number('year', { integer: true, min: 1870, max: 2999 })
      : cells.number('year', { integer: true })
  const genres = cells
    .raw('genres')
    .split(',')
    .map((genre) => genre.trim())
    .filter((genre) => genre !== '')
  // Only games keep their release date, so only theirs has to read.
  const released = type?.target === 'game' ? readDay(cells, 'released') : null
  const directors = clip(cells.text('directors'), 255)
  if (id === null || yourRating === null || rated === null || title === null || !type) return null
  const noon = parseDateTime(`${rated} 12:00`, timeZone)
  return {
    id,
    type,
    title,
    originalTitle,
    yourRating,
    rated,
    ratedAt: noon.ok ? new Date(noon.value.epochMs).toISOString() : `${rated}T12:00:00.000Z`,
    imdbRating,
    runtime,
    year,
    genres,
    released,
    directors,
  }
}

/** A series, episode or podcast's note: what it is, its year and genres, IMDb's rating. */
export function imdbNotes(record: ImdbRecord): string {
  return [
    record.type.label,
    record.year === null ? null : String(record.year),
    record.genres.length > 0 ? record.genres.join(', ') : null,
    record.imdbRating === null ? null : `IMDb ${record.imdbRating}`,
    record.id,
  ]
    .filter((part) => part !== null)
    .join(' · ')
}

class ImdbWriter {
  private readonly films = new Films()
  private readonly statements = new Map<string, BetterSqlite3.Statement>()

  private get(tx: ImportTx, sql: string, id: number) {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = tx.sqlite.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement.get(id) as { rating: number | null } | undefined
  }

  write(record: ImdbRecord, tx: ImportTx): WriteOutcome {
    const key: NaturalKey = { scope: IMDB_SCOPES[record.type.target], key: record.id }
    switch (record.type.target) {
      case 'film':
        return this.writeFilm(record, tx, key)
      case 'tv':
      case 'podcast':
        return this.writeConsumption(record, tx, key)
      case 'game':
        return this.writeGame(record, tx, key)
    }
  }

  /** IMDb fills in what the film lacks; your rating only where it has none (Letterboxd's wins). */
  private writeFilm(record: ImdbRecord, tx: ImportTx, key: NaturalKey): WriteOutcome {
    const facts = {
      title: record.title,
      year: record.year,
      sourceKeys: [key],
      altTitles: record.originalTitle ? [record.originalTitle] : [],
    }
    const lookup = this.films.lookup(tx, facts)
    if (lookup.kind === 'gone') return 'duplicate'
    const saved = this.films.save(tx, facts, lookup, {
      watchedBy: record.rated,
      userRating: { value: record.yourRating, mode: 'fill' },
      fill: {
        genre: clip(record.genres[0] ?? null, 100),
        director: record.directors,
        rating: record.imdbRating,
        watch_duration_minutes: record.runtime,
      },
    })
    return saved.changed ? 'inserted' : 'duplicate'
  }

  private writeConsumption(record: ImdbRecord, tx: ImportTx, key: NaturalKey): WriteOutcome {
    const id = tx.findKey(key)
    if (id !== undefined) return this.fillRating(tx, 'media_consumption', 'rating', id, record)
    tx.insert(
      'media_consumption',
      {
        user_id: tx.owner().id,
        media_type: record.type.target,
        media_id: record.title,
        consumption_date: record.rated,
        duration_minutes: record.type.single ? record.runtime : null,
        rating: record.yourRating,
        notes: imdbNotes(record),
      },
      key,
    )
    return 'inserted'
  }

  private writeGame(record: ImdbRecord, tx: ImportTx, key: NaturalKey): WriteOutcome {
    const id = tx.findKey(key)
    if (id !== undefined) return this.fillRating(tx, 'media_games', 'user_rating', id, record)
    tx.insert(
      'media_games',
      {
        title: record.title,
        genre: clip(record.genres[0] ?? null, 100),
        release_date: record.released,
        user_rating: record.yourRating,
        user_id: tx.owner().id,
        created_at: record.ratedAt,
      },
      key,
    )
    return 'inserted'
  }

  /** A title imported before: only a missing rating is filled in. */
  private fillRating(
    tx: ImportTx,
    table: 'media_consumption' | 'media_games',
    column: 'rating' | 'user_rating',
    id: number,
    record: ImdbRecord,
  ): WriteOutcome {
    const row = this.get(tx, `SELECT ${column} AS rating FROM ${table} WHERE id = ?`, id)
    if (!row || row.rating !== null) return 'duplicate'
    tx.update(table, id, { [column]: record.yourRating })
    return 'inserted'
  }
}

export const imdbRatingsPreset: PresetDefinition<ImdbRecord> = {
  name: 'imdb-ratings',
  label: 'IMDb ratings',
  description:
    'The ratings export from IMDb (older or newer layout): films go to Films, series and episodes to Other media as tv, video games to Games.',
  targets: ['media_movies', 'media_consumption', 'media_games'],
  fields: FIELDS,
  detect: (header) => detect(header),
  bind(columns, header, options): BoundPreset<ImdbRecord> {
    const writer = new ImdbWriter()
    return {
      parse(row, line) {
        const cells = new RowCells(columns, header, row, line, { delimiter: options.delimiter })
        const record = parseRow(cells, options.timeZone)
        return record === null
          ? { kind: 'reject', problems: cells.problems }
          : cells.outcome(record)
      },
      write: (record, tx) => writer.write(record, tx),
    }
  },
}
