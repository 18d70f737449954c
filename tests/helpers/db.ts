import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase, type OpenOptions } from '../../electron/services/db/open'

export function fileHash(path: string) {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

/** A migrated database in a fresh file of `dir`. */
export function openFresh(dir: string, name = 'test.db', options: OpenOptions = {}) {
  return openDatabase(join(dir, name), options)
}

export function objectNames(
  sqlite: { prepare(sql: string): { all(): unknown[] } },
  type: 'table' | 'view',
) {
  return (
    sqlite
      .prepare(
        `SELECT name FROM sqlite_schema WHERE type = '${type}' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((row) => row.name)
}
