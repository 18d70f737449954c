import type BetterSqlite3 from 'better-sqlite3'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { version } from '../../package.json'
import { parseNumber } from '../../electron/services/csv/numbers'
import { readCsv } from '../../electron/services/csv/read'
import { knownMigrations } from '../../electron/services/db/migrate'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { generateDemoData } from '../../electron/services/demo'
import { restoreNeutralised } from '../../electron/services/exports/csv-writer'
import { exportAll, type ExportManifest } from '../../electron/services/exports/export-all'
import {
  exportColumns,
  exportTable,
  type ExportableName,
} from '../../electron/services/exports/export-table'
import { LogbookError } from '../../shared/errors'
import {
  dataTableNames,
  tables,
  viewNames,
  type ColumnSpec,
  type TableName,
} from '../../shared/schema'
import { dateKeyOf, isoToDateKey } from '../../shared/time'
import { fileHash, openFresh } from '../helpers/db'
import { useSuiteTempDir, useTempDir } from '../helpers/tmp'

const suiteDir = useSuiteTempDir()
const tempDir = useTempDir()
const ZONE = 'Europe/Berlin'

let handle: DatabaseHandle
let sqlite: BetterSqlite3.Database

beforeAll(async () => {
  handle = await openFresh(suiteDir())
  sqlite = handle.sqlite
  generateDemoData(handle, {
    seed: 42,
    now: new Date('2025-06-15T10:30:00Z'),
    timeZone: ZONE,
  })
}, 120_000)
afterAll(async () => {
  await handle.close()
})

/** Reads an exported file back with the CSV reader: header and rows, no errors allowed. */
async function readBack(path: string) {
  const rows: string[][] = []
  const result = await readCsv(path, {
    onRow: (row) => rows.push(row),
    onError: (e) => {
      throw new Error(`line ${e.line}: ${e.reason}`)
    },
  })
  return { ...result, rows }
}

const count = (name: string) =>
  sqlite.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number

async function exportToFile(name: string, range: { from?: string; to?: string } = {}) {
  const out = join(tempDir(), `${name}.csv`)
  const result = await exportTable(handle, name, { out, ...range })
  return { ...result, file: await readBack(out) }
}

describe('exportTable', () => {
  it.each([...dataTableNames, ...viewNames])(
    '%s: every row, columns in schema order',
    async (name) => {
      const { rows, file } = await exportToFile(name)
      expect(rows).toBe(count(name))
      expect(rows).toBeGreaterThan(0)
      expect(file.rows).toHaveLength(rows)
      expect(file.header).toEqual(exportColumns(name))
      expect(file.encoding).toBe('utf-8')
      expect(file.lineBreak).toBe('\r\n')
    },
  )

  it('writes a BOM when asked, which the reader drops', async () => {
    const out = join(tempDir(), 'actions.csv')
    await exportTable(handle, 'dim_actions', { out, bom: true })
    expect([...readFileSync(out).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const file = await readBack(out)
    expect(file.header[0]).toBe('action_key')
    expect(file.encodingReason).toMatch(/byte-order mark/)
  })

  it('neutralises text cells that a spreadsheet would run, not numbers', async () => {
    const out = join(tempDir(), 'users.csv')
    await exportTable(handle, 'users', { out })
    const phone = sqlite
      .prepare(`SELECT phone_number FROM users WHERE phone_number LIKE '+%' LIMIT 1`)
      .pluck()
      .get() as string
    const text = readFileSync(out, 'utf8')
    expect(text).toContain(`,'${phone},`)
    expect(text).not.toMatch(/,\+\d/)
  })

  it('refuses names that are not a table or view of the schema, before writing', async () => {
    const dir = tempDir()
    for (const name of ['nope', 'users; DROP TABLE users', 'kysely_migration', 'sqlite_schema']) {
      const out = join(dir, 'x.csv')
      await expect(exportTable(handle, name, { out })).rejects.toMatchObject({
        code: 'invalid_input',
        message: `unknown table or view "${name}"`,
      })
      expect(existsSync(out)).toBe(false)
    }
    expect(count('users')).toBeGreaterThan(0)
  })

  it('refuses bad days, a reversed range, and a range on a table without a time column', async () => {
    const out = join(tempDir(), 'x.csv')
    const attempt = (name: string, range: { from?: string; to?: string }) =>
      exportTable(handle, name, { out, ...range }).then(
        () => null,
        (e: unknown) => e,
      )
    for (const day of ['2025-02-30', '2025-6-1', 'yesterday', '2025-06-01T00:00']) {
      expect(await attempt('fct_event', { from: day })).toMatchObject({ code: 'invalid_input' })
    }
    const reversed = await attempt('fct_event', { from: '2025-06-02', to: '2025-06-01' })
    expect((reversed as LogbookError).message).toMatch(/ends \(2025-06-01\) before it starts/)
    const users = await attempt('users', { from: '2025-01-01' })
    expect(users).toBeInstanceOf(LogbookError)
    expect((users as LogbookError).message).toBe(
      'users has no date column to filter on, so it can only be exported whole',
    )
    expect(existsSync(out)).toBe(false)
  })

  it('a file that cannot be written is an io_error and leaves no partial file', async () => {
    const dir = tempDir()
    const out = join(dir, 'taken')
    mkdirSync(out)
    await expect(exportTable(handle, 'dim_location', { out })).rejects.toMatchObject({
      code: 'io_error',
    })
    expect(readdirSync(dir)).toEqual(['taken'])
  })
})

describe('a date range keeps exactly the rows inside it', () => {
  const keysIn = (sql: string, ...params: (string | number)[]) =>
    (
      sqlite
        .prepare(sql)
        .pluck()
        .all(...params) as (string | number)[]
    )
      .map(String)
      .sort()
  /** Rows whose instant falls on a local day in [from, to], computed in JS, not SQL. */
  const keysByInstant = (table: string, key: string, column: string, from: string, to?: string) =>
    (
      sqlite.prepare(`SELECT "${key}" AS k, "${column}" AS t FROM "${table}"`).all() as {
        k: string | number
        t: string
      }[]
    )
      .filter(({ t }) => {
        const day = dateKeyOf(Date.parse(t), ZONE)
        return day >= isoToDateKey(from) && (to === undefined || day <= isoToDateKey(to))
      })
      .map(({ k }) => String(k))
      .sort()

  async function exportedKeys(name: ExportableName, range: { from?: string; to?: string }) {
    const { file, rows } = await exportToFile(name, range)
    expect(file.rows).toHaveLength(rows)
    return file.rows.map((row) => row[0]!).sort()
  }

  it('fct_event on the day clocks went forward (event_ts in ms, local day bounds)', async () => {
    const expected = keysIn(`SELECT event_key FROM fct_event WHERE date_key = 20250330`)
    expect(expected.length).toBeGreaterThan(0)
    expect(await exportedKeys('fct_event', { from: '2025-03-30', to: '2025-03-30' })).toEqual(
      expected,
    )
  })

  it('fct_event over a month agrees with the stored local day', async () => {
    const expected = keysIn(
      `SELECT event_key FROM fct_event WHERE date_key BETWEEN 20250501 AND 20250531`,
    )
    expect(await exportedKeys('fct_event', { from: '2025-05-01', to: '2025-05-31' })).toEqual(
      expected,
    )
  })

  it('fitness_workouts and their sets (by the workout’s date)', async () => {
    const workouts = keysIn(
      `SELECT id FROM fitness_workouts WHERE workout_date BETWEEN '2024-01-01' AND '2024-01-31'`,
    )
    expect(workouts.length).toBeGreaterThan(0)
    const range = { from: '2024-01-01', to: '2024-01-31' }
    expect(await exportedKeys('fitness_workouts', range)).toEqual(workouts)
    const sets = keysIn(
      `SELECT l.id FROM fitness_exercise_logs l JOIN fitness_workouts w ON w.id = l.workout_id
       WHERE w.workout_date BETWEEN '2024-01-01' AND '2024-01-31'`,
    )
    expect(await exportedKeys('fitness_exercise_logs', range)).toEqual(sets)
  })

  it('dim_class_session by its UTC instant, in the reporting zone', async () => {
    const expected = keysByInstant(
      'dim_class_session',
      'session_id',
      'datetime',
      '2025-01-06',
      '2025-01-12',
    )
    expect(expected.length).toBeGreaterThan(0)
    expect(
      await exportedKeys('dim_class_session', { from: '2025-01-06', to: '2025-01-12' }),
    ).toEqual(expected)
  })

  it('blog_analytics with only a first day', async () => {
    const expected = keysByInstant('blog_analytics', 'id', 'timestamp', '2025-06-01')
    expect(expected.length).toBeGreaterThan(0)
    expect(await exportedKeys('blog_analytics', { from: '2025-06-01' })).toEqual(expected)
  })

  it('media_movies with only a last day (rows without a watch date are left out)', async () => {
    const expected = keysIn(`SELECT id FROM media_movies WHERE watch_date <= '2023-12-31'`)
    expect(expected.length).toBeGreaterThan(0)
    expect(await exportedKeys('media_movies', { to: '2023-12-31' })).toEqual(expected)
  })

  it('dim_date for a leap-year February', async () => {
    expect(await exportedKeys('dim_date', { from: '2024-02-01', to: '2024-02-29' })).toHaveLength(
      29,
    )
  })

  it('views: user_activity by its ISO timestamp and fact_user_actions by date_key', async () => {
    const expected = keysByInstant('user_activity', 'id', 'timestamp', '2025-05-01', '2025-05-03')
    expect(expected.length).toBeGreaterThan(0)
    const range = { from: '2025-05-01', to: '2025-05-03' }
    expect(await exportedKeys('user_activity', range)).toEqual(expected)
    expect(await exportedKeys('fact_user_actions', range)).toEqual(expected)
  })
})

describe('round trip: an exported table read back equals the table', () => {
  /** A CSV cell back to the value the column holds (numbers through the importer's parser). */
  function fromCell(cell: string, spec: ColumnSpec): string | number | null {
    if (spec.type === 'TEXT') {
      if (cell === '' && spec.nullable) return null
      return restoreNeutralised(cell)
    }
    const parsed = parseNumber(cell, { delimiter: ',' })
    if (!parsed.ok) throw new Error(parsed.reason)
    return parsed.value
  }

  it.each<TableName>(['fct_event', 'users', 'fitness_exercise_logs'])('%s', async (table) => {
    const { file } = await exportToFile(table)
    const specs = tables[table] as Record<string, ColumnSpec>
    const columns = exportColumns(table)
    const fromFile = file.rows.map((row) =>
      row.map((cell, i) => fromCell(cell, specs[columns[i]!]!)),
    )
    const key = table === 'fct_event' ? 'event_key' : 'id'
    const fromDb = sqlite
      .prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table} ORDER BY ${key}`)
      .raw(true)
      .all() as unknown[][]
    expect(fromFile).toHaveLength(fromDb.length)
    expect(fromFile).toEqual(fromDb)
  })
})

describe('exportAll', () => {
  let folder: string
  let manifest: ExportManifest

  beforeAll(async () => {
    folder = join(suiteDir(), 'everything')
    manifest = (await exportAll(handle, folder, { now: new Date('2025-06-16T08:00:00Z') })).manifest
  }, 120_000)

  it('writes one CSV per table and a manifest whose hashes match the files', () => {
    const written = JSON.parse(
      readFileSync(join(folder, 'manifest.json'), 'utf8'),
    ) as ExportManifest
    expect(written).toEqual(manifest)
    expect(readdirSync(folder).sort()).toEqual(
      ['manifest.json', ...dataTableNames.map((t) => `${t}.csv`)].sort(),
    )
    expect(written.tables.map((t) => t.table)).toEqual(dataTableNames)
    for (const entry of written.tables) {
      expect(fileHash(join(folder, entry.file)), entry.file).toBe(entry.sha256)
      expect(entry.rows, entry.table).toBe(count(entry.table))
      expect(entry.columns).toEqual(exportColumns(entry.table))
    }
  })

  it('records the app version, the schema migrations, the time and the zone', () => {
    expect(manifest).toMatchObject({
      format: 'logbook-export',
      format_version: 1,
      app_version: version,
      exported_at: '2025-06-16T08:00:00.000Z',
      migrations: knownMigrations,
      time_zone: ZONE,
    })
  })

  it('each file reads back with its row count', async () => {
    for (const entry of manifest.tables.filter((t) => t.rows < 10_000)) {
      const file = await readBack(join(folder, entry.file))
      expect(file.rows, entry.file).toHaveLength(entry.rows)
    }
  })

  it('never overwrites: a folder already holding an export is refused, files unchanged', async () => {
    const before = fileHash(join(folder, 'manifest.json'))
    await expect(exportAll(handle, folder)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/manifest\.json already exists/) as string,
    })
    expect(fileHash(join(folder, 'manifest.json'))).toBe(before)
  })

  it('a cancelled export removes what it wrote', async () => {
    const target = join(tempDir(), 'cancelled')
    const controller = new AbortController()
    const done = exportAll(handle, target, {
      signal: controller.signal,
      onProgress: ({ done }) => {
        if (done === 3) controller.abort()
      },
    })
    await expect(done).rejects.toMatchObject({ name: 'AbortError' })
    expect(readdirSync(target)).toEqual([])
    expect(sqlite.inTransaction).toBe(false)
  })
})
