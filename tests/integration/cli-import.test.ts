import BetterSqlite3 from 'better-sqlite3'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { expectOneLineError, runCliProcess } from '../helpers/cli'
import { fileHash } from '../helpers/db'
import { fixture } from '../helpers/imports'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()
const ratings = fixture('cli', 'letterboxd-ratings.csv')

function lastJson(stdout: string) {
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Record<string, unknown>
}

const films = (db: string) => {
  const sqlite = new BetterSqlite3(db, { readonly: true })
  try {
    return sqlite
      .prepare('SELECT title, release_year, user_rating FROM media_movies ORDER BY title')
      .all()
  } finally {
    sqlite.close()
  }
}

describe('logbook import', () => {
  it('auto-detects, imports, and with --json ends with one JSON object', () => {
    const db = join(tempDir(), 'cli.db')
    const result = runCliProcess(['--db', db, 'import', 'auto', ratings, '--json'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/letterboxd-ratings \(.*Letterboxd/)
    expect(lastJson(result.stdout)).toMatchObject({
      preset: 'letterboxd-ratings',
      rows: 4,
      inserted: 3,
      duplicates: 0,
      rejected: 1,
      rejectedSample: [{ line: 5, column: 'Rating', value: '7' }],
    })
    expect(films(db)).toEqual([
      { title: 'Paris Texas', release_year: 1984, user_rating: 9 },
      { title: 'Stalker', release_year: 1979, user_rating: 6 },
      { title: 'Yi Yi, A One and a Two', release_year: 2000, user_rating: 10 },
    ])

    const again = runCliProcess(['--db', db, 'import', 'letterboxd-ratings', ratings, '--json'])
    expect(lastJson(again.stdout)).toMatchObject({ inserted: 0, duplicates: 3, rejected: 1 })
    expect(films(db)).toHaveLength(3)
  })

  it('--dry-run writes nothing; --rejects saves the refused rows as CSV', () => {
    const db = join(tempDir(), 'dry.db')
    runCliProcess(['--db', db, 'migrate'])
    const before = fileHash(db)
    const rejects = join(tempDir(), 'rejects.csv')
    const result = runCliProcess([
      '--db',
      db,
      'import',
      'auto',
      ratings,
      '--dry-run',
      '--json',
      '--rejects',
      rejects,
    ])
    expect(result.code).toBe(0)
    expect(lastJson(result.stdout)).toMatchObject({ inserted: 3, dryRun: true, importId: null })
    expect(result.stdout).toMatch(/Would import 3 of 4 rows/)
    expect(fileHash(db)).toBe(before)
    const lines = readFileSync(rejects, 'utf8').split('\r\n')
    expect(lines[0]).toBe('line,column,value,reason')
    expect(lines[1]).toMatch(/^5,Rating,7,/)
  })

  it('--history lists imports and --undo takes one back', () => {
    const db = join(tempDir(), 'undo.db')
    const imported = lastJson(
      runCliProcess(['--db', db, 'import', 'auto', ratings, '--json']).stdout,
    )
    const history = runCliProcess(['--db', db, 'import', '--history'])
    expect(history.stdout).toMatch(/^1\t.*\tdone\tletterboxd-ratings\tletterboxd-ratings\.csv\t\+3/)
    const undo = runCliProcess(['--db', db, 'import', '--undo', String(imported.importId)])
    expect(undo.code).toBe(0)
    // The three films and the owner's users row the import made for them.
    expect(undo.stdout).toMatch(/Undid import 1 .*4 rows removed, 0 put back, 0 kept/)
    expect(films(db)).toEqual([])
  })

  it('errors are one line: an unknown preset (2), a missing file (1), a file no preset knows (1)', () => {
    const db = join(tempDir(), 'errors.db')
    const unknown = runCliProcess(['--db', db, 'import', 'nosuch', ratings])
    expect(unknown.code).toBe(2)
    expectOneLineError(unknown, /unknown preset "nosuch"/)
    const missing = runCliProcess(['--db', db, 'import', 'auto', join(tempDir(), 'gone.csv')])
    expect(missing.code).toBe(1)
    expectOneLineError(missing, /gone\.csv does not exist/)
    const strange = join(tempDir(), 'strange.csv')
    writeFileSync(strange, 'alpha,beta\n1,2\n')
    const unrecognised = runCliProcess(['--db', db, 'import', 'auto', strange])
    expect(unrecognised.code).toBe(1)
    expectOneLineError(unrecognised, /No preset recognises this file's columns \(alpha, beta\)/)
  })
})
