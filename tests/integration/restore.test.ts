import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateDemoData } from '../../electron/services/demo'
import { databaseChecksum } from '../../electron/services/db/checksum'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { exportAll } from '../../electron/services/exports/export-all'
import { exportColumns } from '../../electron/services/exports/export-table'
import { undoImport } from '../../electron/services/imports/registry'
import { restoreExport } from '../../electron/services/imports/restore'
import { DERIVED_TABLES } from '../../electron/services/imports/upkeep'
import { dataTableNames, type TableName } from '../../shared/schema'
import { defaultSettings } from '../../shared/settings'
import { expectOneLineError, runCliProcess } from '../helpers/cli'
import { openDatabase } from '../../electron/services/db/open'
import { openFresh } from '../helpers/db'
import { useSuiteTempDir, useTempDir } from '../helpers/tmp'

const suiteDir = useSuiteTempDir()
const tempDir = useTempDir()
let exportFolder: string
const FORMULA_TITLES = [
  ['=HYPERLINK("http://example.invalid","click")', '+drama'],
  ['-5 stars', '@cmd'],
  ["'quoted already", '\tTabbed'],
] as const
let demoPath: string

/** Every row of a table in key order, columns as exported, values with their storage types. */
function tableRows(handle: DatabaseHandle, table: TableName) {
  const columns = exportColumns(table).map((c) => `"${c}"`)
  const key = (
    handle.sqlite.prepare('SELECT name, pk FROM pragma_table_info(?)').all(table) as {
      name: string
      pk: number
    }[]
  )
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => `"${c.name}"`)
  return handle.sqlite
    .prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${key.join(', ') || 'rowid'}`)
    .raw(true)
    .safeIntegers(true)
    .all()
}

const rowCount = (handle: DatabaseHandle, table: string) =>
  handle.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number

beforeAll(async () => {
  const handle = await openFresh(suiteDir(), 'demo.db')
  generateDemoData(handle, {
    seed: 7,
    now: new Date('2025-06-15T10:30:00Z'),
    timeZone: 'Europe/Berlin',
  })
  // Text a spreadsheet would run as a formula, and text that already starts with the escape.
  const insertFilm = handle.sqlite.prepare(
    'INSERT INTO media_movies (title, genre, user_id) VALUES (?, ?, NULL)',
  )
  for (const [title, genre] of FORMULA_TITLES) insertFilm.run(title, genre)
  exportFolder = join(suiteDir(), 'export')
  await exportAll(handle, exportFolder)
  demoPath = handle.path
  await handle.close()
}, 120_000)

describe('restoring an "export everything" folder', () => {
  it('gives back every table exactly, and a second restore adds nothing', async () => {
    const demo = await openDatabase(demoPath)
    const target = await openFresh(tempDir())
    try {
      const first = await restoreExport(target.sqlite, { folder: exportFolder })
      const total = dataTableNames.reduce((sum, t) => sum + rowCount(demo, t), 0)
      expect(first.rows).toBe(total)
      expect(first.inserted).toBe(total)
      expect(first.duplicates).toBe(0)
      for (const table of dataTableNames) {
        expect({ table, rows: tableRows(target, table) }).toEqual({
          table,
          rows: tableRows(demo, table),
        })
      }
      const events = rowCount(target, 'fct_event')
      expect(
        target.sqlite
          .prepare('SELECT count(*) FROM fct_event WHERE import_id = ?')
          .pluck()
          .get(first.importId),
      ).toBe(events)

      const before = databaseChecksum(target.sqlite)
      const second = await restoreExport(target.sqlite, { folder: exportFolder })
      expect(second.inserted).toBe(0)
      expect(second.duplicates).toBe(total)
      // Only the registry gained a row (the second, empty import).
      const imports = target.sqlite.prepare('SELECT count(*) FROM imports').pluck().get()
      expect(imports).toBe(2)
      expect(tableRows(target, 'fct_event')).toEqual(tableRows(demo, 'fct_event'))
      expect(databaseChecksum(target.sqlite)).not.toBe(before) // the registry row
    } finally {
      await demo.close()
      await target.close()
    }
  }, 120_000)

  it('neutralises formula cells in the files and restores them exactly', async () => {
    const csv = readFileSync(join(exportFolder, 'media_movies.csv'), 'utf8')
    expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"",""click"")",'+drama`)
    expect(csv).toContain(`'-5 stars,'@cmd`)
    expect(csv).toContain(`''quoted already,'\tTabbed`)
    const target = await openFresh(tempDir())
    try {
      await restoreExport(target.sqlite, { folder: exportFolder })
      const restored = target.sqlite
        .prepare('SELECT title, genre FROM media_movies WHERE user_id IS NULL ORDER BY id')
        .raw(true)
        .all()
      expect(restored).toEqual(FORMULA_TITLES.map(([title, genre]) => [title, genre]))
    } finally {
      await target.close()
    }
  }, 60_000)

  it('is undone as a whole', async () => {
    const target = await openFresh(tempDir())
    try {
      const restored = await restoreExport(target.sqlite, { folder: exportFolder })
      const derived = DERIVED_TABLES.reduce((sum, t) => sum + rowCount(target, t), 0)
      expect(derived).toBeGreaterThan(0)
      const undone = undoImport(
        target.sqlite,
        restored.importId ?? 0,
        defaultSettings('Europe/Berlin'),
      )
      // Derived rows are not removed one by one: the rollups are recomputed from what is left.
      expect(undone.removed).toBe(restored.inserted - derived)
      expect(undone.kept).toBe(0)
      for (const table of dataTableNames)
        expect({ table, rows: rowCount(target, table) }).toEqual({ table, rows: 0 })
      expect(undone.import.status).toBe('undone')
    } finally {
      await target.close()
    }
  }, 120_000)

  it('refuses a folder whose files changed since the export, writing nothing', async () => {
    const folder = join(tempDir(), 'tampered')
    const demo = await openDatabase(demoPath)
    try {
      await exportAll(demo, folder)
    } finally {
      await demo.close()
    }
    appendFileSync(join(folder, 'media_movies.csv'), '999999,Injected,,,,,,,,,,\r\n')
    const target = await openFresh(tempDir())
    try {
      const before = databaseChecksum(target.sqlite)
      await expect(restoreExport(target.sqlite, { folder })).rejects.toThrow(
        /media_movies\.csv changed since the export/,
      )
      expect(databaseChecksum(target.sqlite)).toBe(before)
    } finally {
      await target.close()
    }
  })

  it('refuses a manifest from a newer Logbook', async () => {
    const folder = join(tempDir(), 'newer')
    const demo = await openDatabase(demoPath)
    try {
      await exportAll(demo, folder)
    } finally {
      await demo.close()
    }
    const manifestPath = join(folder, 'manifest.json')
    const manifest = JSON.parse((await import('node:fs')).readFileSync(manifestPath, 'utf8')) as {
      migrations: string[]
    }
    manifest.migrations.push('9999_future')
    writeFileSync(manifestPath, JSON.stringify(manifest))
    const target = await openFresh(tempDir())
    try {
      await expect(restoreExport(target.sqlite, { folder })).rejects.toThrow(/newer Logbook/)
    } finally {
      await target.close()
    }
  })

  it('cli: import auto FOLDER restores and prints one JSON line with --json', () => {
    const db = join(tempDir(), 'cli.db')
    const result = runCliProcess(['--db', db, 'import', 'auto', exportFolder, '--json'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const last = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as Record<
      string,
      unknown
    >
    expect(last).toMatchObject({
      preset: 'restore',
      duplicates: 0,
      rejected: 0,
      rejectedSample: [],
    })
    expect(last.inserted).toBe(last.rows)
    expect(demoPath).toBeTruthy()
  }, 60_000)

  it('cli: a preset name with an export folder is a usage error', () => {
    const result = runCliProcess([
      '--db',
      join(tempDir(), 'x.db'),
      'import',
      'strong',
      exportFolder,
    ])
    expect(result.code).toBe(2)
    expectOneLineError(result, /export folder: import it with auto/)
  })
})
