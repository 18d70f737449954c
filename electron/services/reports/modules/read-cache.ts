import type BetterSqlite3 from 'better-sqlite3'
import { unchangedCache } from '../../db/unchanged-cache'

// A page of charts runs several reports over the same rows (the studio page reads every check-in
// in the range for nine of its eleven charts). Those reads are kept while the database is
// unchanged.

/** A page's worth of distinct reads. */
const reads = unchangedCache<readonly unknown[]>(32)

/** The rows `read` returns for `key`, read again only when the database changed since. */
export function cachedRead<T>(
  sqlite: BetterSqlite3.Database,
  key: string,
  read: () => T[],
): readonly T[] {
  return reads(sqlite, key, () =>
    Object.freeze(read().map((row) => Object.freeze(row))),
  ) as readonly T[]
}
