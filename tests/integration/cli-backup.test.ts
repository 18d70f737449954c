import BetterSqlite3 from 'better-sqlite3'
import { closeSync, existsSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBackup } from '../../electron/services/backup/store'
import { openDatabase } from '../../electron/services/db/open'
import { expectOneLineError, runCliProcess } from '../helpers/cli'
import { fileHash } from '../helpers/db'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()

async function databaseWith(path: string, ids: string[]) {
  const handle = await openDatabase(path)
  const insert = handle.sqlite.prepare(
    `INSERT INTO dim_location (location_id, location_name) VALUES (?, 'Hall')`,
  )
  for (const id of ids) insert.run(id)
  await handle.close()
}

function ids(path: string) {
  const sqlite = new BetterSqlite3(path, { readonly: true })
  try {
    return sqlite.prepare(`SELECT location_id FROM dim_location ORDER BY 1`).pluck().all()
  } finally {
    sqlite.close()
  }
}

describe('logbook backup', () => {
  it('without FILE backs up into backups/ beside the database and prints the path', async () => {
    const dir = tempDir()
    const db = join(dir, 'logbook.db')
    await databaseWith(db, ['a', 'b'])
    const result = runCliProcess(['--db', db, 'backup'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const printed = result.stdout.trim()
    expect(printed).toMatch(/backups\/logbook-\d{8}T\d{9}Z-manual\.db$/)
    expect(readdirSync(join(dir, 'backups'))).toEqual([printed.split('/').at(-1)])
    expect(ids(printed)).toEqual(['a', 'b'])
  })

  it('with FILE writes that file, and refuses to overwrite one', async () => {
    const dir = tempDir()
    const db = join(dir, 'logbook.db')
    await databaseWith(db, ['a'])
    const target = join(dir, 'copy.db')
    const result = runCliProcess(['--db', db, 'backup', target])
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toBe(target)
    expect(ids(target)).toEqual(['a'])
    const before = fileHash(target)
    const again = runCliProcess(['--db', db, 'backup', target])
    expect(again.code).toBe(1)
    expectOneLineError(again, /^logbook: .*copy\.db already exists/)
    expect(fileHash(target)).toBe(before)
  })

  it('fails with one line when there is no database, and exits 2 when called wrongly', () => {
    const dir = tempDir()
    const missing = runCliProcess(['--db', join(dir, 'none.db'), 'backup'])
    expect(missing.code).toBe(1)
    expectOneLineError(missing, /There is no database at .*none\.db/)
    expect(existsSync(join(dir, 'none.db'))).toBe(false)
    const wrong = runCliProcess(['--db', join(dir, 'none.db'), 'backup', 'a.db', 'b.db'])
    expect(wrong.code).toBe(2)
    expectOneLineError(wrong, /at most one FILE \(see logbook backup --help\)$/)
  })
})

describe('logbook restore', () => {
  it('backs up the current state first, restores, and the restore can be undone', async () => {
    const dir = tempDir()
    const db = join(dir, 'logbook.db')
    const old = join(dir, 'old.db')
    await databaseWith(old, ['old'])
    await databaseWith(db, ['current'])

    const result = runCliProcess(['--db', db, 'restore', old])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const safety = /Backed up the current state to (.+)$/m.exec(result.stdout)?.[1]
    expect(safety).toMatch(/-before-restore\.db$/)
    expect(result.stdout).toContain(`Restored ${old} into ${db}`)
    expect(ids(db)).toEqual(['old'])

    const undo = runCliProcess(['--db', db, 'restore', safety!])
    expect(undo.code).toBe(0)
    expect(ids(db)).toEqual(['current'])
  })

  it('refuses a file that is not a Logbook database, leaving the current file unchanged', async () => {
    const dir = tempDir()
    const db = join(dir, 'logbook.db')
    await databaseWith(db, ['current'])
    const notes = join(dir, 'notes.db')
    writeFileSync(notes, 'shopping list\n'.repeat(400))
    const before = fileHash(db)
    const result = runCliProcess(['--db', db, 'restore', notes])
    expect(result.code).toBe(1)
    expectOneLineError(
      result,
      /^logbook: .*notes\.db is not a Logbook database.*was not changed\.$/,
    )
    expect(fileHash(db)).toBe(before)
    expect(existsSync(join(dir, 'backups'))).toBe(false)
  })

  it('needs exactly one FILE (exit 2), and has --help', () => {
    const dir = tempDir()
    const none = runCliProcess(['--db', join(dir, 'x.db'), 'restore'])
    expect(none.code).toBe(2)
    expectOneLineError(none, /restore needs exactly one FILE/)
    const help = runCliProcess(['restore', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: logbook [--db PATH] restore FILE')
    expect(help.stdout).toContain('before-restore')
    const main = runCliProcess(['--help'])
    expect(main.stdout).toMatch(/^ {2}backup +/m)
    expect(main.stdout).toMatch(/^ {2}restore +/m)
  })
})

describe('a damaged database', () => {
  it('serve refuses it in one line naming the newest good backup, and changes nothing', async () => {
    const dir = tempDir()
    const db = join(dir, 'logbook.db')
    const handle = await openDatabase(db)
    const insert = handle.sqlite.prepare(
      `INSERT INTO dim_location (location_id, location_name) VALUES (?, ?)`,
    )
    for (let i = 0; i < 300; i++) insert.run(`loc-${i}`, 'A hall with a long name '.repeat(6))
    const good = await createBackup(handle.sqlite, db, 'scheduled')
    const root = handle.sqlite
      .prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'dim_location'`)
      .pluck()
      .get() as number
    handle.sqlite.pragma('journal_mode = DELETE')
    await handle.close()
    const fd = openSync(db, 'r+')
    writeSync(fd, Buffer.from([0x42, 0x42, 0x42, 0x42]), 0, 4, (root - 1) * 4096)
    closeSync(fd)
    const before = fileHash(db)

    const result = runCliProcess(['--db', db, 'serve', '--port', '0'])
    expect(result.code).toBe(1)
    expectOneLineError(result, /is damaged .*restore .*-scheduled\.db$/)
    expect(result.stderr).toContain(`restore ${good.path}`)
    expect(fileHash(db)).toBe(before)

    const restored = runCliProcess(['--db', db, 'restore', good.path])
    expect(restored.code).toBe(0)
    expect(restored.stdout).toMatch(/Kept the damaged file at .*-damaged\.db/)
    expect(ids(db)).toHaveLength(300)
  })
})
