// Goodreads' library export (My Books → Import and export → Export Library). Each book read
// becomes one media_consumption row of type `book`, dated by Date Read. docs/imports/media.md
// explains the choices (to-read and currently-reading books are skipped, not stored).
import type BetterSqlite3 from 'better-sqlite3'
import { RowCells } from '../cells'
import { detectByColumns } from '../columns'
import type { BoundPreset, FieldSpec, ImportTx, NaturalKey, PresetDefinition } from '../types'
import { clip, readDay } from './media-films'

/** Books by Goodreads' Book Id. */
export const BOOK_SCOPE = 'goodreads:book'

/** Shelves that hold books not finished yet: without a Date Read they are skipped. */
const NOT_READ = new Set(['to-read', 'currently-reading'])

export interface GoodreadsRecord {
  bookId: string
  title: string
  /** The day read, or (no Date Read on the read shelf) the day added. */
  day: string
  /** 1–10 (stars doubled), null for unrated (Goodreads writes 0). */
  rating: number | null
  binding: string | null
  notes: string | null
}

const field = (
  key: string,
  label: string,
  type: FieldSpec['type'],
  alias: string,
  required = false,
): FieldSpec => ({ key, label, type, aliases: [alias], required })

const FIELDS: readonly FieldSpec[] = [
  field('id', 'Goodreads book id (the dedupe key)', 'id', 'Book Id', true),
  field('title', 'Title', 'text', 'Title', true),
  field('author', 'Author (in the notes)', 'text', 'Author'),
  field('additional', 'Additional authors (in the notes)', 'text', 'Additional Authors'),
  field('isbn', 'ISBN (in the notes when there is no ISBN13)', 'text', 'ISBN'),
  field('isbn13', 'ISBN13 (in the notes)', 'text', 'ISBN13'),
  field(
    'rating',
    'Your rating (1–5 stars, stored ×2 as 2–10; 0 is unrated)',
    'integer',
    'My Rating',
  ),
  field('binding', 'Platform (the binding: Paperback, Kindle Edition…)', 'text', 'Binding'),
  field('pages', 'Pages (in the notes)', 'integer', 'Number of Pages'),
  field('read', 'Day read', 'date', 'Date Read'),
  field('added', 'Day added (the day when Date Read is empty)', 'date', 'Date Added', true),
  field(
    'shelf',
    'Shelf (to-read and currently-reading are skipped)',
    'text',
    'Exclusive Shelf',
    true,
  ),
  field('review', 'Review (in the notes)', 'text', 'My Review'),
  field('readCount', 'Times read (in the notes)', 'integer', 'Read Count'),
]

/** `="0439023483"` (how Goodreads keeps spreadsheets from eating zeros) → `0439023483`. */
export function stripIsbn(text: string): string {
  return text
    .trim()
    .replace(/^="?(.*?)"?$/, '$1')
    .trim()
}

/** Goodreads writes line breaks in reviews as `<br/>`. */
function plainText(text: string) {
  return text.replace(/<br\s*\/?>/gi, '\n').trim()
}

function parseRow(cells: RowCells): GoodreadsRecord | { skip: string } | null {
  const bookId = cells.text('id', { required: true })
  const title = cells.text('title', { required: true, max: 255 })
  const stars = cells.number('rating', { integer: true, min: 0, max: 5 })
  const pages = cells.number('pages', { integer: true, min: 0 })
  const readCount = cells.number('readCount', { integer: true, min: 0 })
  const read = readDay(cells, 'read')
  const added = readDay(cells, 'added', true)
  const shelf = cells.text('shelf', { required: true })
  if (bookId === null || title === null || added === null || shelf === null) return null
  if (cells.problems.length > 0) return null
  if (read === null && NOT_READ.has(shelf.toLowerCase())) {
    return { skip: `on the ${shelf} shelf with no Date Read: not read yet` }
  }
  const author = cells.text('author')
  const additional = cells.text('additional')
  const isbn = stripIsbn(cells.raw('isbn13')) || stripIsbn(cells.raw('isbn'))
  const review = cells.text('review')
  const notes = [
    author ? `by ${author}${additional ? `, with ${additional}` : ''}` : null,
    isbn ? `ISBN ${isbn}` : null,
    pages ? `${pages} pages` : null,
    readCount !== null && readCount > 1 ? `Read ${readCount} times` : null,
    read === null ? `No Date Read: dated by Date Added` : null,
    review ? plainText(review) : null,
  ].filter((line) => line !== null)
  return {
    bookId,
    title,
    day: read ?? added,
    rating: stars === null || stars === 0 ? null : stars * 2,
    binding: clip(cells.text('binding'), 100),
    notes: notes.length > 0 ? notes.join('\n') : null,
  }
}

class GoodreadsWriter {
  private byId: BetterSqlite3.Statement | undefined

  write(record: GoodreadsRecord, tx: ImportTx) {
    const key: NaturalKey = { scope: BOOK_SCOPE, key: record.bookId }
    const id = tx.findKey(key)
    if (id === undefined) {
      tx.insert(
        'media_consumption',
        {
          user_id: tx.owner().id,
          media_type: 'book',
          media_id: record.title,
          consumption_date: record.day,
          platform: record.binding,
          rating: record.rating,
          notes: record.notes,
        },
        key,
      )
      return 'inserted' as const
    }
    // A book imported before: only a rating given since is filled in.
    this.byId ??= tx.sqlite.prepare('SELECT rating FROM media_consumption WHERE id = ?')
    const row = this.byId.get(id) as { rating: number | null } | undefined
    if (!row || row.rating !== null || record.rating === null) return 'duplicate' as const
    tx.update('media_consumption', id, { rating: record.rating })
    return 'inserted' as const
  }
}

export const goodreadsPreset: PresetDefinition<GoodreadsRecord> = {
  name: 'goodreads-library',
  label: 'Goodreads library',
  description:
    'The library export from Goodreads: each book read becomes a book in Other media, dated by Date Read.',
  targets: ['media_consumption'],
  fields: FIELDS,
  detect: (header) =>
    detectByColumns(
      header,
      ['Book Id', 'Title', 'My Rating', 'Exclusive Shelf'],
      ['Author', 'ISBN13', 'Date Read', 'Date Added', 'Bookshelves', 'Read Count'],
      'Goodreads library export',
    ),
  bind(columns, header, options): BoundPreset<GoodreadsRecord> {
    const writer = new GoodreadsWriter()
    return {
      parse(row, line) {
        const cells = new RowCells(columns, header, row, line, { delimiter: options.delimiter })
        const parsed = parseRow(cells)
        if (parsed === null) return { kind: 'reject', problems: cells.problems }
        if ('skip' in parsed) return { kind: 'skip', reason: parsed.skip }
        return { kind: 'record', record: parsed }
      },
      write: (record, tx) => writer.write(record, tx),
    }
  },
}
