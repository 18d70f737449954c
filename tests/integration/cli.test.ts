import BetterSqlite3 from 'better-sqlite3'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dataTableNames, tableNames, viewNames } from '../../shared/schema'
import { fileHash } from '../helpers/db'
import { expectOneLineError, runCliProcess } from '../helpers/cli'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()

describe('the CLI', () => {
  it('--help lists every command and exits 0', () => {
    const result = runCliProcess(['--help'])
    expect(result.code).toBe(0)
    for (const command of ['migrate', 'seed', 'stats', 'serve', 'export']) {
      expect(result.stdout).toContain(command)
    }
  })

  it.each(['migrate', 'seed', 'stats'])(
    '%s --help describes the command and exits 0',
    (command) => {
      const result = runCliProcess([command, '--help'])
      expect(result.code).toBe(0)
      expect(result.stdout).toContain(`Usage: logbook [--db PATH] ${command}`)
    },
  )

  it('without a command prints the usage to stderr and exits 2', () => {
    const result = runCliProcess([])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Usage: logbook')
  })

  it('an unknown command or option is one line on stderr with exit 2', () => {
    const dir = tempDir()
    const unknown = runCliProcess(['--db', join(dir, 'x.db'), 'frobnicate'])
    expect(unknown.code).toBe(2)
    expectOneLineError(unknown, /^logbook: unknown command "frobnicate" \(see logbook --help\)$/)
    const badOption = runCliProcess(['--db', join(dir, 'x.db'), 'stats', '--colour'])
    expect(badOption.code).toBe(2)
    expectOneLineError(badOption, /--colour.*\(see logbook stats --help\)$/)
    const badSeed = runCliProcess(['--db', join(dir, 'x.db'), 'seed', '--seed', 'many'])
    expect(badSeed.code).toBe(2)
    expectOneLineError(badSeed, /--seed must be a whole number/)
  })

  it('migrate creates the database; stats lists every table and view', () => {
    const db = join(tempDir(), 'new.db')
    const migrated = runCliProcess(['--db', db, 'migrate'])
    expect(migrated.code).toBe(0)
    expect(migrated.stdout).toContain('is up to date')
    const stats = runCliProcess(['--db', db, 'stats', '--json'])
    expect(stats.code).toBe(0)
    const counts = JSON.parse(stats.stdout) as { name: string; rows: number }[]
    expect(counts.map((c) => c.name).sort()).toEqual([...tableNames, ...viewNames].sort())
    expect(counts.every((c) => c.rows === 0)).toBe(true)
  })

  it('takes the database from LOGBOOK_DB when --db is not given', () => {
    const db = join(tempDir(), 'env.db')
    const result = runCliProcess(['migrate'], { LOGBOOK_DB: db })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(db)
  })

  it('a file that is not a database is one line naming it, exit 1, file unchanged', () => {
    const path = join(tempDir(), 'notes.db')
    writeFileSync(path, 'shopping list\n'.repeat(100))
    const before = fileHash(path)
    const result = runCliProcess(['--db', path, 'stats'])
    expect(result.code).toBe(1)
    expectOneLineError(result, new RegExp(`^logbook: Cannot open .*notes\\.db`))
    expect(fileHash(path)).toBe(before)
  })

  it('a database from a newer Logbook is refused with exit 1', () => {
    const path = join(tempDir(), 'newer.db')
    expect(runCliProcess(['--db', path, 'migrate']).code).toBe(0)
    const sqlite = new BetterSqlite3(path)
    sqlite
      .prepare(`INSERT INTO kysely_migration VALUES ('9999_future', '2030-01-01T00:00:00.000Z')`)
      .run()
    sqlite.close()
    const result = runCliProcess(['--db', path, 'migrate'])
    expect(result.code).toBe(1)
    expectOneLineError(result, /newer version of Logbook/)
  })

  it('seed fills every table and view; stats shows them; a second seed is refused', () => {
    const db = join(tempDir(), 'demo.db')
    const seeded = runCliProcess([
      '--db',
      db,
      'seed',
      '--seed',
      '7',
      '--now',
      '2026-06-01T12:00:00Z',
      '--tz',
      'Europe/London',
    ])
    expect(seeded.stderr).toBe('')
    expect(seeded.code).toBe(0)
    const stats = runCliProcess(['--db', db, 'stats'])
    expect(stats.code).toBe(0)
    for (const name of [...dataTableNames, ...viewNames]) {
      const line = stats.stdout.split('\n').find((l) => l.startsWith(`${name} `))
      expect(line, name).toBeDefined()
      expect(Number(line!.trim().split(/\s+/).at(-1)), name).toBeGreaterThan(0)
    }
    const again = runCliProcess(['--db', db, 'seed'])
    expect(again.code).toBe(1)
    expectOneLineError(again, /already holds \d+ rows/)
  })
})
