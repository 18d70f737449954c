import BetterSqlite3 from 'better-sqlite3'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateDemoData } from '../../electron/services/demo'
import type { ExportManifest } from '../../electron/services/exports/export-all'
import { dataTableNames } from '../../shared/schema'
import { expectOneLineError, runCliProcess } from '../helpers/cli'
import { fileHash, openFresh } from '../helpers/db'
import { useSuiteTempDir, useTempDir } from '../helpers/tmp'

const suiteDir = useSuiteTempDir()
const tempDir = useTempDir()
let db: string

beforeAll(async () => {
  const handle = await openFresh(suiteDir(), 'demo.db')
  generateDemoData(handle, {
    seed: 42,
    now: new Date('2025-06-15T10:30:00Z'),
    timeZone: 'Europe/Berlin',
  })
  db = handle.path
  await handle.close()
}, 120_000)

const query = <T>(sql: string) => {
  const sqlite = new BetterSqlite3(db, { readonly: true })
  try {
    return sqlite.prepare(sql).pluck().all() as T[]
  } finally {
    sqlite.close()
  }
}

describe('logbook export', () => {
  it('writes a table as CSV to stdout', () => {
    const result = runCliProcess(['--db', db, 'export', 'dim_location'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const lines = result.stdout.split('\r\n')
    expect(lines[0]).toBe('location_id,location_name,city,created_at')
    expect(lines.at(-1)).toBe('') // every row ends with CRLF
    const ids = query<string>(`SELECT location_id FROM dim_location ORDER BY location_id`)
    expect(lines.slice(1, -1).map((line) => line.split(',')[0])).toEqual(ids)
  })

  it('--out writes a file and says so; --from/--to filter; --bom adds a BOM', () => {
    const out = join(tempDir(), 'events.csv')
    const result = runCliProcess([
      '--db',
      db,
      'export',
      'fct_event',
      '--out',
      out,
      '--from',
      '2025-05-01',
      '--to',
      '2025-05-07',
      '--bom',
    ])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const expected = query<number>(
      `SELECT count(*) FROM fct_event WHERE date_key BETWEEN 20250501 AND 20250507`,
    )[0]!
    expect(result.stdout.trim()).toBe(`Exported ${expected} rows of fct_event to ${out}.`)
    const bytes = readFileSync(out)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.toString('utf8').trimEnd().split('\r\n')).toHaveLength(expected + 1)
  })

  it('--all --out writes every table and a manifest', () => {
    const folder = join(tempDir(), 'all')
    const result = runCliProcess(['--db', db, 'export', '--all', '--out', folder])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Exported \d+ tables \(\d+ rows\) to .*all; manifest\.json/)
    const manifest = JSON.parse(
      readFileSync(join(folder, 'manifest.json'), 'utf8'),
    ) as ExportManifest
    expect(manifest.tables.map((t) => t.table)).toEqual(dataTableNames)
    for (const entry of manifest.tables)
      expect(fileHash(join(folder, entry.file))).toBe(entry.sha256)

    const again = runCliProcess(['--db', db, 'export', '--all', '--out', folder])
    expect(again.code).toBe(1)
    expectOneLineError(again, /^logbook: .*manifest\.json already exists/)
  })

  it.each([
    [['export', 'nope'], /^logbook: unknown table or view "nope" \(see logbook export --help\)$/],
    [['export'], /name one table or view to export/],
    [['export', 'users', 'fct_event'], /name one table or view to export/],
    [['export', '--all'], /--all needs --out FOLDER/],
    [['export', '--all', 'users', '--out', 'x'], /--all exports every table/],
    [['export', 'fct_event', '--from', '2025-02-30'], /--from must be a date written YYYY-MM-DD/],
    [['export', 'fct_event', '--to', 'tomorrow'], /--to must be a date written YYYY-MM-DD/],
    [['export', 'fct_event', '--from', '2025-06-02', '--to', '2025-06-01'], /before it starts/],
    [['export', 'users', '--from', '2025-01-01'], /users has no date column to filter on/],
    [['export', 'users', '--colour'], /--colour/],
  ])('%j is a usage error: one line, exit 2', (args, pattern) => {
    const result = runCliProcess(['--db', db, ...args])
    expect(result.code).toBe(2)
    expectOneLineError(result, pattern)
  })

  it('a database that does not exist is one line, exit 1, and is not created', () => {
    const missing = join(tempDir(), 'missing.db')
    const result = runCliProcess(['--db', missing, 'export', 'users'])
    expect(result.code).toBe(1)
    expectOneLineError(result, /^logbook: .*missing\.db does not exist$/)
    expect(existsSync(missing)).toBe(false)
  })

  it('an --out that cannot be written is one line, exit 1, no partial file', () => {
    const dir = tempDir()
    const result = runCliProcess(['--db', db, 'export', 'users', '--out', dir])
    expect(result.code).toBe(1)
    expectOneLineError(result, /^logbook: Cannot write /)
    expect(readdirSync(dir)).toEqual([])
  })

  it('--help describes both forms and exits 0; the main help lists export', () => {
    const help = runCliProcess(['export', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: logbook [--db PATH] export <table|view> [--out FILE]')
    expect(help.stdout).toContain('export --all --out FOLDER')
    const main = runCliProcess(['--help'])
    expect(main.stdout).toMatch(/^ {2}export +Write a table or view as CSV/m)
  })
})
