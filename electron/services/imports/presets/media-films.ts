// What the film presets (Letterboxd, IMDb) share: one media_movies row per film, found by its
// title and year whichever file names it first, and the reading helpers the media presets use.
// docs/imports/media.md describes the model.
import type BetterSqlite3 from 'better-sqlite3'
import type { RowCells } from '../cells'
import { parseDay } from '../parse/dates'
import type { ImportTx, NaturalKey, SqlValue } from '../types'

/** media_movies rows by normalised title and year (`<title>|<year>`), shared by every source. */
export const FILM_SCOPE = 'film'

/**
 * A title as compared: Unicode-normalised, curly quotes made straight, lower case, spaces
 * collapsed. `|` (the key separator) becomes a space, so one title's key never prefixes another.
 */
export function normaliseTitle(title: string) {
  return title
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\|/g, ' ')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase()
}

/** The `film` natural key: normalised title and year (empty when the year is unknown). */
export function filmKey(title: string, year: number | null) {
  return `${normaliseTitle(title)}|${year ?? ''}`
}

/** Files a film under a key unless the key is taken (by this film, or by an earlier import's). */
export function claimOnce(tx: ImportTx, key: NaturalKey, rowId: number) {
  if (tx.findKey(key) === undefined) tx.claimKey(key, 'media_movies', rowId)
}

/** A calendar day (`YYYY-MM-DD` or `YYYY/MM/DD`) from a cell; a problem when it is not one. */
export function readDay(cells: RowCells, key: string, required = false): string | null {
  const text = cells.text(key, { required })
  if (text === null) return null
  const parsed = parseDay(text)
  return parsed.ok ? parsed.value : cells.problem(key, parsed.reason)
}

/** Text cut to `max` characters (an ellipsis marks the cut), null when blank. */
export function clip(text: string | null, max: number): string | null {
  if (text === null || text === '') return null
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

export interface FilmRow {
  id: number
  title: string
  release_year: number | null
  genre: string | null
  director: string | null
  rating: number | null
  user_rating: number | null
  watch_date: string | null
  watch_duration_minutes: number | null
}

/** How a source names a film. */
export interface FilmFacts {
  title: string
  year: number | null
  /** Keys this source files the film under (`imdb:film` + Const), looked up first. */
  sourceKeys?: readonly NaturalKey[]
  /** Other titles that may name it (IMDb's original title), looked up after the title. */
  altTitles?: readonly string[]
}

export type FilmLookup =
  | { kind: 'found'; film: FilmRow }
  /** Only keys to a film no longer there: the person deleted it, and it is not brought back. */
  | { kind: 'gone' }
  | { kind: 'new' }

/** Values only written where the film has none yet. */
export interface FilmFill {
  genre?: string | null
  director?: string | null
  rating?: number | null
  watch_duration_minutes?: number | null
}

export interface FilmChanges {
  /** A day the film was certainly watched by: watch_date becomes the earliest such day. */
  watchedBy?: string | null
  /** `set` replaces your rating of the film; `fill` only gives one to a film without. */
  userRating?: { value: number; mode: 'set' | 'fill' }
  fill?: FilmFill
}

const FILM_COLUMNS =
  'id, title, release_year, genre, director, rating, user_rating, watch_date, watch_duration_minutes'

/**
 * The owner's films for one import: found by natural key first (films an import wrote or
 * claimed), then among the films already in the database by title and year (a film the person
 * typed in is claimed rather than duplicated). That second list is read once, on first need.
 */
export class Films {
  private existing: Map<string, number> | undefined
  private byId: BetterSqlite3.Statement | undefined

  lookup(tx: ImportTx, facts: FilmFacts): FilmLookup {
    const keys = [...(facts.sourceKeys ?? []), ...titleKeys(facts)]
    // A key whose row is gone is passed over: another key may still name a live film.
    let stale = false
    for (const key of keys) {
      const id = tx.findKey(key)
      if (id === undefined) continue
      const film = this.read(tx, id)
      if (film) return { kind: 'found', film }
      stale = true
    }
    const existing = this.existingFilms(tx)
    for (const key of titleKeys(facts)) {
      const id = existing.get(key.key)
      const film = id === undefined ? undefined : this.read(tx, id)
      if (film) return { kind: 'found', film }
    }
    return stale ? { kind: 'gone' } : { kind: 'new' }
  }

  /**
   * Writes the film: inserted when new, else only what changes (through tx.update, so undo puts
   * it back). Files it under the title key and the source's keys. `changed`: anything written.
   */
  save(
    tx: ImportTx,
    facts: FilmFacts,
    lookup: Exclude<FilmLookup, { kind: 'gone' }>,
    changes: FilmChanges,
  ): { id: number; changed: boolean } {
    const titleKey: NaturalKey = { scope: FILM_SCOPE, key: filmKey(facts.title, facts.year) }
    if (lookup.kind === 'new') {
      const values: Record<string, SqlValue> = {
        title: facts.title,
        release_year: facts.year,
        watch_date: changes.watchedBy ?? null,
        user_rating: changes.userRating?.value ?? null,
        user_id: tx.owner().id,
      }
      for (const [column, value] of Object.entries(changes.fill ?? {})) {
        if (value !== undefined && value !== null) values[column] = value
      }
      const id = tx.insert('media_movies', values, titleKey)
      for (const key of facts.sourceKeys ?? []) claimOnce(tx, key, id)
      return { id, changed: true }
    }

    const { film } = lookup
    const patch: Record<string, SqlValue> = {}
    const watchedBy = changes.watchedBy ?? null
    if (watchedBy !== null && (film.watch_date === null || watchedBy < film.watch_date)) {
      patch.watch_date = watchedBy
    }
    const rating = changes.userRating
    if (
      rating &&
      film.user_rating !== rating.value &&
      (rating.mode === 'set' || film.user_rating === null)
    ) {
      patch.user_rating = rating.value
    }
    for (const [column, value] of Object.entries(changes.fill ?? {})) {
      if (value !== undefined && value !== null && film[column as keyof FilmFill] === null) {
        patch[column] = value
      }
    }
    const changed = Object.keys(patch).length > 0
    if (changed) tx.update('media_movies', film.id, patch)
    claimOnce(tx, titleKey, film.id)
    for (const key of facts.sourceKeys ?? []) claimOnce(tx, key, film.id)
    return { id: film.id, changed }
  }

  private read(tx: ImportTx, id: number): FilmRow | undefined {
    this.byId ??= tx.sqlite.prepare(`SELECT ${FILM_COLUMNS} FROM media_movies WHERE id = ?`)
    return this.byId.get(id) as FilmRow | undefined
  }

  private existingFilms(tx: ImportTx) {
    if (this.existing) return this.existing
    const rows = tx.sqlite
      .prepare('SELECT id, title, release_year FROM media_movies WHERE user_id = ? ORDER BY id')
      .all(tx.owner().id) as { id: number; title: string; release_year: number | null }[]
    const existing = new Map<string, number>()
    for (const row of rows) {
      const key = filmKey(row.title, row.release_year)
      if (!existing.has(key)) existing.set(key, row.id)
    }
    return (this.existing = existing)
  }
}

function titleKeys(facts: FilmFacts): NaturalKey[] {
  const keys = [facts.title, ...(facts.altTitles ?? [])].map((title) => filmKey(title, facts.year))
  return [...new Set(keys)].map((key) => ({ scope: FILM_SCOPE, key }))
}
