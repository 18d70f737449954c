// Letterboxd's export: diary.csv, reviews.csv, ratings.csv, watched.csv and watchlist.csv.
// Every file names films by Name + Year; each film becomes one media_movies row whichever file
// comes first, and each diary entry (a review is a diary entry with text) one media_consumption
// row of type `film`. docs/imports/media.md explains the model and why.
import type BetterSqlite3 from 'better-sqlite3'
import { RowCells } from '../cells'
import { headerSet, normaliseHeader } from '../columns'
import type {
  BindOptions,
  BoundColumns,
  BoundPreset,
  FieldSpec,
  ImportTx,
  NaturalKey,
  PresetDefinition,
  PresetMatch,
  WriteOutcome,
} from '../types'
import { claimOnce, filmKey, Films, readDay } from './media-films'

type LetterboxdFile = 'diary' | 'reviews' | 'ratings' | 'watched' | 'watchlist'

/** One diary entry: a sitting with the film on a day. */
export interface Viewing {
  day: string
  /** 1–10 (half stars doubled), null when the entry has no rating. */
  rating: number | null
  rewatch: boolean
  tags: string[]
  review: string | null
}

export interface LetterboxdRecord {
  title: string
  year: number | null
  /** A day the film was certainly watched by (the film's watch_date is the earliest). */
  watchedBy: string | null
  /** ratings.csv: your current rating of the film, 1–10. */
  filmRating: number | null
  viewing: Viewing | null
}

/** Diary entries by `<film key>|<day watched>`; diary.csv and reviews.csv share it. */
export const VIEWING_SCOPE = 'letterboxd:viewing'
/** Films whose rating came from ratings.csv (which then outranks any diary entry's). */
export const RATING_SCOPE = 'letterboxd:rating'

const field = (
  key: string,
  label: string,
  type: FieldSpec['type'],
  alias: string,
  required = false,
): FieldSpec => ({ key, label, type, aliases: [alias], required })

const NAME = field('name', 'Film title', 'text', 'Name', true)
const YEAR = field('year', 'Film release year', 'integer', 'Year')
const URI = field('uri', 'Letterboxd link (not stored)', 'id', 'Letterboxd URI')

const FIELDS: Record<LetterboxdFile, readonly FieldSpec[]> = {
  diary: [
    field('date', 'Day logged (used when Watched Date is empty)', 'date', 'Date'),
    NAME,
    YEAR,
    URI,
    field('rating', 'Viewing rating (½–5 stars, stored ×2 as 1–10)', 'number', 'Rating'),
    field('rewatch', 'Rewatch (noted on the viewing)', 'boolean', 'Rewatch'),
    field('tags', 'Tags (noted on the viewing)', 'text', 'Tags'),
    field('watched', 'Viewing day', 'date', 'Watched Date'),
  ],
  reviews: [
    field('date', 'Day reviewed (used when Watched Date is empty)', 'date', 'Date'),
    NAME,
    YEAR,
    URI,
    field('rating', 'Viewing rating (½–5 stars, stored ×2 as 1–10)', 'number', 'Rating'),
    field('rewatch', 'Rewatch (noted on the viewing)', 'boolean', 'Rewatch'),
    field('review', 'Review (the viewing’s notes)', 'text', 'Review'),
    field('tags', 'Tags (noted on the viewing)', 'text', 'Tags'),
    field('watched', 'Viewing day', 'date', 'Watched Date'),
  ],
  ratings: [
    field('date', 'Day rated (the film was watched by then)', 'date', 'Date', true),
    NAME,
    YEAR,
    URI,
    field('rating', 'Your rating of the film (½–5 stars ×2)', 'number', 'Rating', true),
  ],
  watched: [
    field('date', 'Day marked watched (the film was watched by then)', 'date', 'Date', true),
    NAME,
    YEAR,
    URI,
  ],
  watchlist: [field('date', 'Day added (not stored)', 'date', 'Date'), NAME, YEAR, URI],
}

const LABELS: Record<LetterboxdFile, string> = {
  diary: 'Letterboxd diary',
  reviews: 'Letterboxd reviews',
  ratings: 'Letterboxd ratings',
  watched: 'Letterboxd watched films',
  watchlist: 'Letterboxd watchlist',
}

const DESCRIPTIONS: Record<LetterboxdFile, string> = {
  diary:
    'diary.csv from a Letterboxd export: each entry becomes a viewing (Other media, type film) and its film one row in Films.',
  reviews:
    'reviews.csv from a Letterboxd export: the diary entries with a review; the review becomes the viewing’s notes.',
  ratings:
    'ratings.csv from a Letterboxd export: sets your rating of each film (it outranks diary ratings).',
  watched:
    'watched.csv from a Letterboxd export: every film you marked watched, dated by when you marked it.',
  watchlist:
    'watchlist.csv from a Letterboxd export: films you want to see, kept in Films with no watch date.',
}

const TARGETS: Record<LetterboxdFile, PresetDefinition['targets']> = {
  diary: ['media_movies', 'media_consumption'],
  reviews: ['media_movies', 'media_consumption'],
  ratings: ['media_movies'],
  watched: ['media_movies'],
  watchlist: ['media_movies'],
}

// ---- detect

/** What the file's name says: watched.csv and watchlist.csv have the same header. */
function nameSays(fileName: string): 'watched' | 'watchlist' | null {
  const base = (fileName.split(/[\\/]/).pop() ?? '').toLowerCase()
  if (base.includes('watchlist')) return 'watchlist'
  if (base.includes('watched')) return 'watched'
  return null
}

function detectLetterboxd(
  kind: LetterboxdFile,
  header: readonly string[],
  fileName: string,
): PresetMatch | null {
  const names = headerSet(header)
  const has = (name: string) => names.has(normaliseHeader(name))
  if (!['Name', 'Year', 'Letterboxd URI'].every(has)) return null
  const review = has('Review')
  const diary = has('Watched Date') || has('Rewatch')
  const rating = has('Rating')
  const shown = `the header has Name, Year and Letterboxd URI`
  switch (kind) {
    case 'reviews':
      return review
        ? { score: 1, reason: `Letterboxd reviews (reviews.csv): ${shown} and a Review column` }
        : null
    case 'diary':
      return diary && !review
        ? {
            score: 1,
            reason: `Letterboxd diary (diary.csv): ${shown}, Watched Date and Rewatch, and no Review`,
          }
        : null
    case 'ratings':
      return rating && !diary && !review
        ? {
            score: 1,
            reason: `Letterboxd ratings (ratings.csv): ${shown} and Rating, and no Watched Date`,
          }
        : null
    case 'watched':
    case 'watchlist': {
      if (rating || diary || review) return null
      const other = kind === 'watched' ? 'watchlist' : 'watched'
      const said = nameSays(fileName)
      const same = `watched.csv and watchlist.csv share this header (Date, Name, Year, Letterboxd URI), so the file name decides`
      if (said === kind) {
        return { score: 1, reason: `${LABELS[kind]}: ${same}, and it is “${fileName}”` }
      }
      if (said === other) {
        return {
          score: 0.3,
          reason: `${LABELS[kind]}? ${same}, and “${fileName}” names the ${other === 'watched' ? 'watched films' : 'watchlist'}`,
        }
      }
      return kind === 'watched'
        ? {
            score: 0.6,
            reason: `${LABELS.watched}: ${same}; “${fileName}” names neither, so it is read as watched.csv (rename it watchlist.csv, or choose the watchlist preset, if it is your watchlist)`,
          }
        : {
            score: 0.5,
            reason: `${LABELS.watchlist}? ${same}; “${fileName}” names neither (a file not named watchlist is read as watched films)`,
          }
    }
  }
}

// ---- parse

const YES = new Set(['yes', 'true', '1', 'y'])
const NO = new Set(['', 'no', 'false', '0', 'n'])

/** A Letterboxd star rating (0.5–5 in half steps) as 1–10; null when blank. */
function readStars(cells: RowCells, required: boolean): number | null {
  if (cells.raw('rating').trim() === '')
    return required ? cells.problem('rating', 'is empty') : null
  const stars = cells.number('rating')
  if (stars === null) return null
  const doubled = stars * 2
  if (!Number.isInteger(doubled) || doubled < 1 || doubled > 10) {
    return cells.problem('rating', 'is not a Letterboxd rating (0.5 to 5 stars, in half stars)')
  }
  return doubled
}

function readRewatch(cells: RowCells): boolean {
  const text = cells.raw('rewatch').trim().toLowerCase()
  if (YES.has(text)) return true
  if (!NO.has(text)) cells.problem('rewatch', 'is not Yes or empty')
  return false
}

function parseRow(kind: LetterboxdFile, cells: RowCells): LetterboxdRecord | null {
  const title = cells.text('name', { required: true, max: 255 })
  const year = cells.number('year', { integer: true, min: 1870, max: 2999 })
  const date = readDay(cells, 'date', kind === 'ratings' || kind === 'watched')
  if (kind === 'watched' || kind === 'watchlist' || kind === 'ratings') {
    const filmRating = kind === 'ratings' ? readStars(cells, true) : null
    if (title === null) return null
    return {
      title,
      year,
      watchedBy: kind === 'watchlist' ? null : date,
      filmRating,
      viewing: null,
    }
  }
  const watched = readDay(cells, 'watched')
  const rating = readStars(cells, false)
  const rewatch = readRewatch(cells)
  const tags = cells
    .raw('tags')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
  const review = kind === 'reviews' ? cells.text('review') : null
  const day = watched ?? date
  if (cells.raw('watched').trim() === '' && cells.raw('date').trim() === '') {
    cells.problem('watched', 'is empty, and so is Date: the entry has no day')
  }
  if (title === null || day === null) return null
  return {
    title,
    year,
    watchedBy: day,
    filmRating: null,
    viewing: { day, rating, rewatch, tags, review },
  }
}

// ---- write

/** A viewing's notes: the review, then whether it was a rewatch and its tags. */
export function viewingNotes(viewing: Viewing): string | null {
  const lines = [
    viewing.review,
    viewing.rewatch ? 'Rewatch' : null,
    viewing.tags.length > 0 ? `Tags: ${viewing.tags.join(', ')}` : null,
  ].filter((line): line is string => line !== null && line !== '')
  return lines.length > 0 ? lines.join('\n') : null
}

class LetterboxdWriter {
  private readonly films = new Films()
  private readonly statements = new Map<string, BetterSqlite3.Statement>()

  private statement(tx: ImportTx, sql: string) {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = tx.sqlite.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  write(record: LetterboxdRecord, tx: ImportTx): WriteOutcome {
    const facts = { title: record.title, year: record.year }
    const lookup = this.films.lookup(tx, facts)
    if (lookup.kind === 'gone') return 'duplicate'
    const key = filmKey(record.title, record.year)
    const viewingChanged = record.viewing
      ? this.saveViewing(tx, key, record.title, record.viewing)
      : false

    const marker: NaturalKey = { scope: RATING_SCOPE, key }
    let userRating: { value: number; mode: 'set' } | undefined
    if (record.filmRating !== null) userRating = { value: record.filmRating, mode: 'set' }
    else if (record.viewing) {
      // Without a ratings.csv rating, the film's rating is that of its latest rated viewing.
      const rated = lookup.kind === 'found' && tx.findKey(marker) === lookup.film.id
      const latest = rated ? undefined : this.latestViewingRating(tx, key)
      if (latest !== undefined) userRating = { value: latest, mode: 'set' }
    }
    const film = this.films.save(tx, facts, lookup, { watchedBy: record.watchedBy, userRating })
    if (record.filmRating !== null) claimOnce(tx, marker, film.id)
    return viewingChanged || film.changed ? 'inserted' : 'duplicate'
  }

  /** Inserts the viewing, or fills in what an earlier file lacked (rating, review). */
  private saveViewing(tx: ImportTx, filmKeyText: string, title: string, viewing: Viewing) {
    const key: NaturalKey = { scope: VIEWING_SCOPE, key: `${filmKeyText}|${viewing.day}` }
    const notes = viewingNotes(viewing)
    const id = tx.findKey(key)
    if (id === undefined) {
      tx.insert(
        'media_consumption',
        {
          user_id: tx.owner().id,
          media_type: 'film',
          media_id: title,
          consumption_date: viewing.day,
          rating: viewing.rating,
          notes,
        },
        key,
      )
      return true
    }
    const row = this.statement(tx, 'SELECT rating, notes FROM media_consumption WHERE id = ?').get(
      id,
    ) as { rating: number | null; notes: string | null } | undefined
    if (!row) return false
    const patch: Record<string, string | number> = {}
    if (row.rating === null && viewing.rating !== null) patch.rating = viewing.rating
    const hasReview = viewing.review !== null && (row.notes ?? '').includes(viewing.review)
    if (notes !== null && (row.notes === null || (viewing.review !== null && !hasReview))) {
      patch.notes = notes
    }
    if (Object.keys(patch).length === 0) return false
    tx.update('media_consumption', id, patch)
    return true
  }

  /** The rating of the film's latest rated viewing, if any viewing has one. */
  private latestViewingRating(tx: ImportTx, filmKeyText: string): number | undefined {
    const prefix = `${filmKeyText}|`
    return this.statement(
      tx,
      `SELECT c.rating FROM import_keys k JOIN media_consumption c ON c.id = k.row_id
       WHERE k.scope = ? AND k.natural_key > ? AND k.natural_key < ? AND c.rating IS NOT NULL
       ORDER BY c.consumption_date DESC LIMIT 1`,
    )
      .pluck()
      .get(VIEWING_SCOPE, prefix, `${prefix}~`) as number | undefined
  }
}

function letterboxdPreset(kind: LetterboxdFile): PresetDefinition<LetterboxdRecord> {
  return {
    name: `letterboxd-${kind}`,
    label: LABELS[kind],
    description: DESCRIPTIONS[kind],
    targets: TARGETS[kind],
    fields: FIELDS[kind],
    detect: (header, fileName) => detectLetterboxd(kind, header, fileName),
    bind(
      columns: BoundColumns,
      header: readonly string[],
      options: BindOptions,
    ): BoundPreset<LetterboxdRecord> {
      const writer = new LetterboxdWriter()
      return {
        parse(row, line) {
          const cells = new RowCells(columns, header, row, line, { delimiter: options.delimiter })
          const record = parseRow(kind, cells)
          return record === null
            ? { kind: 'reject', problems: cells.problems }
            : cells.outcome(record)
        },
        write: (record, tx) => writer.write(record, tx),
      }
    },
  }
}

export const letterboxdPresets: PresetDefinition[] = [
  letterboxdPreset('diary'),
  letterboxdPreset('reviews'),
  letterboxdPreset('ratings'),
  letterboxdPreset('watched'),
  letterboxdPreset('watchlist'),
]
