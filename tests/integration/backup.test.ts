import BetterSqlite3 from 'better-sqlite3'
import {
  copyFileSync,
  mkdirSync,
  existsSync,
  openSync,
  readdirSync,
  writeFileSync,
  closeSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkFileIntegrity, DatabaseDamagedError } from '../../electron/services/backup/integrity'
import { backupPathFor } from '../../electron/services/backup/names'
import {
  checkDatabaseAtStartup,
  newestGoodBackup,
  recoverFromBackup,
  recoveryOffer,
} from '../../electron/services/backup/recovery'
import { restoreDatabaseFile } from '../../electron/services/backup/restore'
import { BackupScheduler } from '../../electron/services/backup/scheduler'
import { restoreBackupIntoSession } from '../../electron/services/backup/session-restore'
import { createBackup, listBackups } from '../../electron/services/backup/store'
import { databaseChecksum } from '../../electron/services/db/checksum'
import { knownMigrations, migrateDownTo } from '../../electron/services/db/migrate'
import { openDatabase } from '../../electron/services/db/open'
import { Session } from '../../electron/services/session'
import { writeSettings } from '../../electron/services/settings/store'
import { fileHash, openFresh } from '../helpers/db'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()
const HOUR = 3_600_000

function addLocations(sqlite: BetterSqlite3.Database, prefix: string, count = 1) {
  const insert = sqlite.prepare(
    `INSERT INTO dim_location (location_id, location_name) VALUES (?, ?)`,
  )
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`${prefix}-${i}`, `${prefix} hall ${i} `.repeat(8))
  })()
}

const locationIds = (sqlite: BetterSqlite3.Database) =>
  sqlite.prepare(`SELECT location_id FROM dim_location ORDER BY location_id`).pluck().all()

const readIds = (path: string) => {
  const sqlite = new BetterSqlite3(path, { readonly: true })
  try {
    return locationIds(sqlite)
  } finally {
    sqlite.close()
  }
}

/** Overwrites the page type of a table's root page: SQLite's own checks must see it. */
function corruptTablePage(path: string, table = 'dim_location') {
  const sqlite = new BetterSqlite3(path)
  const page = sqlite
    .prepare(`SELECT rootpage FROM sqlite_schema WHERE name = ?`)
    .pluck()
    .get(table) as number
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number
  sqlite.pragma('journal_mode = DELETE')
  sqlite.close()
  const fd = openSync(path, 'r+')
  writeSync(fd, Buffer.from([0x42, 0x42, 0x42, 0x42]), 0, 4, (page - 1) * pageSize)
  closeSync(fd)
}

/** A closed database file with some locations, ready to be damaged or restored. */
async function databaseWith(dir: string, name: string, prefix: string, count = 400) {
  const handle = await openFresh(dir, name)
  addLocations(handle.sqlite, prefix, count)
  await handle.close()
  return join(dir, name)
}

describe('online backup', () => {
  it('copies a consistent state while another connection is writing, as one file', async () => {
    const dir = tempDir()
    const handle = await openFresh(dir, 'logbook.db')
    addLocations(handle.sqlite, 'committed', 50)
    const writer = new BetterSqlite3(handle.path)
    writer.pragma('busy_timeout = 5000')
    writer.exec('BEGIN IMMEDIATE')
    addLocations(writer, 'pending', 20)
    const expected = databaseChecksum(handle.sqlite)

    const backup = await createBackup(handle.sqlite, handle.path, 'manual')
    writer.exec('COMMIT')
    writer.close()

    expect(backup.reason).toBe('manual')
    expect(backup.path.startsWith(join(dir, 'backups'))).toBe(true)
    expect(readdirSync(join(dir, 'backups'))).toEqual([backup.fileName]) // no -wal, no temp
    const copy = new BetterSqlite3(backup.path, { readonly: true })
    expect(databaseChecksum(copy)).toBe(expected)
    expect(locationIds(copy)).toHaveLength(50)
    copy.close()
    expect((await checkFileIntegrity(backup.path)).ok).toBe(true)
    expect(listBackups(handle.path).backups.map((b) => b.path)).toEqual([backup.path])
    await handle.close()
  })
})

describe('scheduled backups', () => {
  it('back up when due, skip when nothing changed, notice other connections, rotate', async () => {
    const dir = tempDir()
    const handle = await openFresh(dir, 'logbook.db')
    await writeSettings(handle.db, { backupEveryHours: 6, timeZone: 'UTC' })
    // Two old automatic backups: rotation removes the one outside every window.
    const t0 = new Date('2026-03-18T08:00:00Z')
    const ancient = backupPathFor(
      handle.path,
      new Date(t0.getTime() - 200 * 24 * HOUR),
      'scheduled',
    )
    const lastMonth = backupPathFor(
      handle.path,
      new Date(t0.getTime() - 20 * 24 * HOUR),
      'before-import',
    )
    const seed = await createBackup(
      handle.sqlite,
      handle.path,
      'manual',
      new Date(t0.getTime() - 300 * 24 * HOUR),
    )
    copyFileSync(seed.path, ancient)
    copyFileSync(seed.path, lastMonth)

    const scheduler = new BackupScheduler(() => handle)
    const first = await scheduler.tick(t0)
    expect(first.action).toBe('backed-up')
    expect(first.action === 'backed-up' && first.removed).toEqual([ancient])
    expect(existsSync(lastMonth)).toBe(true)
    expect(existsSync(seed.path)).toBe(true) // made by hand: never rotated

    expect(await scheduler.tick(new Date(t0.getTime() + HOUR))).toMatchObject({
      action: 'not-due',
      nextDueAt: new Date(t0.getTime() + 6 * HOUR).toISOString(),
    })
    expect(await scheduler.tick(new Date(t0.getTime() + 7 * HOUR))).toEqual({ action: 'unchanged' })

    addLocations(handle.sqlite, 'here')
    const second = await scheduler.tick(new Date(t0.getTime() + 8 * HOUR))
    expect(second.action).toBe('backed-up')
    expect(await scheduler.tick(new Date(t0.getTime() + 15 * HOUR))).toEqual({
      action: 'unchanged',
    })

    const other = new BetterSqlite3(handle.path)
    addLocations(other, 'elsewhere')
    other.close()
    const third = await scheduler.tick(new Date(t0.getTime() + 16 * HOUR))
    expect(third.action).toBe('backed-up')
    if (third.action === 'backed-up') expect(readIds(third.backup.path)).toContain('elsewhere-0')
    // Midnight passed: yesterday keeps only its newest (16:00), so 08:00 goes.
    expect(third.action === 'backed-up' && third.removed).toEqual([
      first.action === 'backed-up' && first.backup.path,
    ])

    await writeSettings(handle.db, { backupEveryHours: 0 })
    expect(await scheduler.tick(new Date(t0.getTime() + 40 * HOUR))).toEqual({ action: 'off' })
    expect(listBackups(handle.path).backups.map((b) => b.reason)).toEqual([
      'scheduled',
      'scheduled',
      'before-import',
      'manual',
    ])
    await handle.close()
  })

  it('leaves the demo data alone: nothing open to back up is "off"', async () => {
    const scheduler = new BackupScheduler(() => null)
    expect(await scheduler.tick()).toEqual({ action: 'off' })
  })

  it('after a restart, does not repeat a backup of a file unchanged since', async () => {
    const dir = tempDir()
    const path = await databaseWith(dir, 'logbook.db', 'kept', 5)
    const handle = await openDatabase(path)
    const now = new Date(Date.now() + 1000)
    await createBackup(handle.sqlite, path, 'manual', now)
    const scheduler = new BackupScheduler(() => handle)
    expect(await scheduler.tick(new Date(now.getTime() + 7 * HOUR))).toEqual({
      action: 'unchanged',
    })
    await handle.close()
  })
})

describe('restore', () => {
  it('puts a backup back into the open session, and undoes it from the before-restore backup', async () => {
    const dir = tempDir()
    const path = join(dir, 'logbook.db')
    const session = await Session.open(path)
    addLocations(session.handle.sqlite, 'before', 3)
    const backup = await createBackup(session.handle.sqlite, path, 'manual')
    const atBackup = databaseChecksum(session.handle.sqlite)
    addLocations(session.handle.sqlite, 'after', 2)
    const atRestore = databaseChecksum(session.handle.sqlite)

    const result = await restoreBackupIntoSession(session, backup.path)
    expect(result.restoredFrom).toBe(backup.path)
    expect(result.migrated).toBe(false)
    expect(result.damagedKeptAt).toBeNull()
    expect(databaseChecksum(session.handle.sqlite)).toBe(atBackup)
    expect(locationIds(session.handle.sqlite)).toEqual(['before-0', 'before-1', 'before-2'])
    expect(result.safetyBackup).toMatch(/-before-restore\.db$/)

    const undo = await restoreBackupIntoSession(session, result.safetyBackup!)
    expect(databaseChecksum(session.handle.sqlite)).toBe(atRestore)
    expect(undo.safetyBackup).not.toBe(result.safetyBackup)
    // A fresh connection on the same file agrees: the data is in the file, not in a cache.
    expect(readIds(path)).toHaveLength(5)
    await session.close()
  })

  it('migrates a backup made by an older Logbook once it is back', async () => {
    const dir = tempDir()
    const path = join(dir, 'logbook.db')
    const session = await Session.open(path)
    addLocations(session.handle.sqlite, 'new', 2)
    // A file as an older Logbook left it: the same data, one migration fewer.
    const real = await openDatabase(join(dir, 'older.db'), { migrate: true })
    addLocations(real.sqlite, 'old', 2)
    await migrateDownTo(real.sqlite, real.db, knownMigrations[knownMigrations.length - 2]!)
    await real.close()
    const olderBackup = backupPathFor(path, new Date(Date.now() - HOUR), 'manual')
    mkdirSync(join(dir, 'backups'))
    const source = new BetterSqlite3(join(dir, 'older.db'), { readonly: true })
    await source.backup(olderBackup)
    source.close()

    const result = await restoreBackupIntoSession(session, olderBackup)
    expect(result.migrated).toBe(true)
    expect(locationIds(session.handle.sqlite)).toEqual(['old-0', 'old-1'])
    await session.close()
  })

  it('refuses a damaged, foreign, newer or missing file and leaves the current file as it was', async () => {
    const dir = tempDir()
    const path = await databaseWith(dir, 'logbook.db', 'mine', 10)
    const damaged = await databaseWith(dir, 'damaged.db', 'x', 400)
    corruptTablePage(damaged)
    const foreign = join(dir, 'recipes.db')
    const other = new BetterSqlite3(foreign)
    other.exec(`CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('bread')`)
    other.close()
    const newer = await databaseWith(dir, 'newer.db', 'n', 1)
    const raw = new BetterSqlite3(newer)
    raw.prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_future', 'x')`).run()
    raw.close()
    const notes = join(dir, 'notes.db')
    writeFileSync(notes, 'not a database\n'.repeat(300))
    const before = fileHash(path)

    const cases: [string, RegExp][] = [
      [damaged, /is damaged/],
      [foreign, /is not a Logbook database/],
      [newer, /newer version of Logbook/],
      [notes, /is not a Logbook database/],
      [join(dir, 'missing.db'), /There is no file/],
    ]
    for (const [source, message] of cases) {
      await expect(restoreDatabaseFile(path, source)).rejects.toThrow(message)
      expect(fileHash(path)).toBe(before)
    }
    await expect(restoreDatabaseFile(path, damaged)).rejects.toThrow(/was not changed/)
    expect(existsSync(join(dir, 'backups'))).toBe(false) // refused before any safety backup
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('restores only the open database’s own backups from the app', async () => {
    const dir = tempDir()
    const path = join(dir, 'logbook.db')
    const session = await Session.open(path)
    const elsewhere = await databaseWith(dir, 'elsewhere.db', 'e', 1)
    await expect(restoreBackupIntoSession(session, elsewhere)).rejects.toMatchObject({
      code: 'not_found',
    })
    // A damaged file in the backups folder, named like a backup, is refused too.
    await createBackup(session.handle.sqlite, path, 'manual')
    const broken = backupPathFor(path, new Date(Date.now() + HOUR), 'scheduled')
    copyFileSync(await databaseWith(dir, 'big.db', 'b', 400), broken)
    corruptTablePage(broken)
    await expect(restoreBackupIntoSession(session, broken)).rejects.toThrow(/is damaged/)
    await session.close()
  })
})

describe('integrity check at start-up', () => {
  it('refuses a damaged file without writing it and offers the newest good backup', async () => {
    const dir = tempDir()
    const path = join(dir, 'logbook.db')
    const handle = await openDatabase(path)
    addLocations(handle.sqlite, 'good', 400)
    const good = await createBackup(
      handle.sqlite,
      path,
      'scheduled',
      new Date(Date.now() - 2 * HOUR),
    )
    addLocations(handle.sqlite, 'later', 1)
    const newerBad = await createBackup(
      handle.sqlite,
      path,
      'scheduled',
      new Date(Date.now() - HOUR),
    )
    await handle.close()
    corruptTablePage(newerBad.path)
    corruptTablePage(path)
    const before = fileHash(path)
    const backupsBefore = readdirSync(join(dir, 'backups')).sort()

    expect(() => checkDatabaseAtStartup(path)).toThrow(DatabaseDamagedError)
    await expect(openDatabase(path)).rejects.toBeInstanceOf(DatabaseDamagedError)
    await expect(Session.open(path)).rejects.toMatchObject({
      code: 'database_unreadable',
      message: expect.stringContaining('is damaged'),
    })
    expect(fileHash(path)).toBe(before)
    expect(readdirSync(join(dir, 'backups')).sort()).toEqual(backupsBefore) // not migrated, not backed up

    let error: DatabaseDamagedError | null = null
    try {
      checkDatabaseAtStartup(path)
    } catch (caught) {
      error = caught as DatabaseDamagedError
    }
    const offer = await recoveryOffer(error!)
    expect(offer.newestGood?.path).toBe(good.path) // the newer one is damaged too
    expect(offer.detail).toContain(good.fileName)
    expect(await newestGoodBackup(path)).toEqual(offer.newestGood)

    const restored = await recoverFromBackup(path, good.path)
    expect(restored.damagedKeptAt).toMatch(/-damaged\.db$/)
    expect(fileHash(restored.damagedKeptAt!)).toBe(before) // the damaged file is kept as it was
    checkDatabaseAtStartup(path)
    const session = await Session.open(path)
    expect(locationIds(session.handle.sqlite)).toHaveLength(400)
    await session.close()
  })

  it('passes a new file and a healthy one', async () => {
    const dir = tempDir()
    checkDatabaseAtStartup(join(dir, 'not-yet.db'))
    const path = await databaseWith(dir, 'fine.db', 'ok', 3)
    checkDatabaseAtStartup(path)
    expect((await checkFileIntegrity(path)).ok).toBe(true)
  })
})
