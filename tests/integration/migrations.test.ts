import BetterSqlite3 from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../electron/services/db/open'
import {
  knownMigrations,
  migrateDownTo,
  migrateToLatest,
  NO_MIGRATIONS,
} from '../../electron/services/db/migrate'
import { fileHash, openFresh } from '../helpers/db'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()

function schemaSql(sqlite: BetterSqlite3.Database) {
  return sqlite
    .prepare(
      `SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' ORDER BY type, name`,
    )
    .all()
}

function appliedMigrations(sqlite: BetterSqlite3.Database) {
  return sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all()
}

describe('opening a database', () => {
  it('creates a new file with every migration applied and the connection settings on', async () => {
    const handle = await openFresh(tempDir())
    expect(appliedMigrations(handle.sqlite)).toEqual(knownMigrations)
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(handle.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(handle.migrationBackup).toBeNull()
    await handle.close()
  })

  it('reopens an up-to-date file without migrating or backing it up', async () => {
    const dir = tempDir()
    await (await openFresh(dir)).close()
    const again = await openFresh(dir)
    expect(again.migrationBackup).toBeNull()
    expect(existsSync(join(dir, 'backups'))).toBe(false)
    await again.close()
  })
})

describe('migrations', () => {
  it('go down to zero and up again to the same schema', async () => {
    const handle = await openFresh(tempDir())
    const before = schemaSql(handle.sqlite)
    expect(before.length).toBeGreaterThan(40)

    await migrateDownTo(handle.sqlite, handle.db, NO_MIGRATIONS)
    expect(schemaSql(handle.sqlite)).toEqual([])
    expect(appliedMigrations(handle.sqlite)).toEqual([])

    await migrateToLatest(handle.sqlite, handle.db)
    expect(schemaSql(handle.sqlite)).toEqual(before)
    await handle.close()
  })

  it('step down one at a time, each step changing the schema, down to nothing', async () => {
    // A step down usually removes objects; one that undoes a dropped index adds one back.
    const handle = await openFresh(tempDir())
    let previous = schemaSql(handle.sqlite)
    for (let i = knownMigrations.length - 2; i >= -1; i--) {
      await migrateDownTo(handle.sqlite, handle.db, i >= 0 ? knownMigrations[i]! : NO_MIGRATIONS)
      expect(appliedMigrations(handle.sqlite)).toEqual(knownMigrations.slice(0, i + 1))
      const now = schemaSql(handle.sqlite)
      expect(now, `stepping down from ${knownMigrations[i + 1]}`).not.toEqual(previous)
      previous = now
    }
    expect(previous).toEqual([])
    await handle.close()
  })

  it('back up a file with data before migrating it, with the online backup API', async () => {
    const dir = tempDir()
    const path = join(dir, 'old.db')
    const old = await openDatabase(path, { migrate: false })
    await migrateToLatest(old.sqlite, old.db)
    old.sqlite
      .prepare(
        `INSERT INTO dim_location (location_id, location_name) VALUES ('loc-1', 'North Hall')`,
      )
      .run()
    // Pretend this file was made by an older Logbook that knew only the first three migrations.
    await migrateDownTo(old.sqlite, old.db, knownMigrations[2]!)
    await old.close()

    const opened = await openDatabase(path)
    expect(opened.migrationBackup).not.toBeNull()
    expect(appliedMigrations(opened.sqlite)).toEqual(knownMigrations)
    await opened.close()

    const backup = new BetterSqlite3(opened.migrationBackup!, { readonly: true })
    expect(appliedMigrations(backup)).toEqual(knownMigrations.slice(0, 3))
    expect(backup.prepare('SELECT location_name FROM dim_location').pluck().get()).toBe(
      'North Hall',
    )
    backup.close()
  })
})

describe('refusing files it must not change', () => {
  it('refuses a file made by a newer Logbook and leaves it byte-identical', async () => {
    const dir = tempDir()
    const path = join(dir, 'newer.db')
    const handle = await openDatabase(path)
    handle.sqlite
      .prepare(
        `INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_the_future', '2030-01-01T00:00:00.000Z')`,
      )
      .run()
    handle.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    await handle.close()
    const before = fileHash(path)

    await expect(openDatabase(path)).rejects.toMatchObject({
      code: 'newer_database',
      message: expect.stringContaining('newer version of Logbook'),
    })
    expect(fileHash(path)).toBe(before)
    expect(existsSync(join(dir, 'backups'))).toBe(false)
  })

  it('refuses a history that differs from ours, not only a longer one', async () => {
    const dir = tempDir()
    const path = join(dir, 'forked.db')
    const handle = await openDatabase(path)
    handle.sqlite
      .prepare(`UPDATE kysely_migration SET name = '0002_someone_elses' WHERE name = '0002_studio'`)
      .run()
    await handle.close()
    await expect(openDatabase(path)).rejects.toMatchObject({ code: 'newer_database' })
  })

  it('refuses an SQLite file that is not a Logbook database and leaves it unchanged', async () => {
    const dir = tempDir()
    const path = join(dir, 'other.db')
    const other = new BetterSqlite3(path)
    other.exec(`CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('bread')`)
    other.close()
    const before = fileHash(path)
    await expect(openDatabase(path)).rejects.toMatchObject({ code: 'database_unreadable' })
    expect(fileHash(path)).toBe(before)
  })

  it('refuses a file that is not SQLite at all with a clear error', async () => {
    const dir = tempDir()
    const path = join(dir, 'notes.db')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(200))
    const before = fileHash(path)
    await expect(openDatabase(path)).rejects.toMatchObject({
      code: 'database_unreadable',
      message: expect.stringContaining(path),
    })
    expect(fileHash(path)).toBe(before)
  })
})
