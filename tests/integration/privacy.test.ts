import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeAudit } from '../../electron/services/audit/write'
import { createAppRegistry } from '../../electron/services/handlers'
import { invoke } from '../../electron/services/registry'
import { Session } from '../../electron/services/session'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { exportColumns } from '../../electron/services/exports/export-table'
import { anonymisePerson } from '../../electron/services/privacy/anonymise'
import { deletePerson } from '../../electron/services/privacy/erase'
import { exportPerson } from '../../electron/services/privacy/export'
import { findPeople, personHoldings } from '../../electron/services/privacy/people'
import { writeSettings } from '../../electron/services/settings/store'
import { tableNames, type TableName } from '../../shared/schema'
import { openFresh } from '../helpers/db'
import {
  asCsvText,
  expectRollupsCurrent,
  readCsvFile,
  seedPeople,
  snapshot,
} from '../helpers/retention-data'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()
const source = { adapter: 'cli' as const, method: 'privacy.test' }
let handle: DatabaseHandle
let dir: string
let ids: Map<string, number>

beforeEach(async () => {
  dir = tempDir()
  handle = await openFresh(dir)
  await writeSettings(handle.db, { timeZone: 'UTC', regularMinDays: 2, coreMinDays: 3 })
  ids = seedPeople(handle.sqlite)
})
afterEach(async () => {
  await handle.close()
})

const sqlite = () => handle.sqlite
const DERIVED = new Set([
  'dim_date',
  'fact_user_sessions',
  'fact_daily_user_activity',
  'media_analytics',
])
const TARGET = 'mbr-1002'
const targetId = () => ids.get(TARGET) ?? 0

/**
 * A plain rule, written out table by table, for whose rows are whose: the person's own rows by
 * their id or user_id, a workout's sets by its workout, rollup rows by user_key.
 */
function ownerOf(table: string, row: Record<string, unknown>): number | null {
  const byUserId = new Map([...ids].map(([userId, id]) => [userId, id]))
  switch (table) {
    case 'users':
      return Number(row.id)
    case 'fct_event':
    case 'fact_class_attendance':
    case 'class_bookings':
      return byUserId.get(String(row.user_id)) ?? null
    case 'fact_user_sessions':
    case 'fact_daily_user_activity':
      return Number(row.user_key)
    case 'fitness_exercise_logs':
      return sqlite()
        .prepare(`SELECT user_id FROM fitness_workouts WHERE id = ?`)
        .pluck()
        .get(row.workout_id) as number
    case 'blog_posts':
      return row.author_id === null ? null : Number(row.author_id)
    default:
      return 'user_id' in row && row.user_id !== null ? Number(row.user_id) : null
  }
}

function rowsOf(table: string) {
  return sqlite()
    .prepare(
      `SELECT ${exportColumns(table as TableName)
        .map((c) => `"${c}"`)
        .join(', ')} FROM "${table}"`,
    )
    .all() as Record<string, unknown>[]
}

/** Every table's rows about the person, by the plain rule. */
function heldAbout(id: number) {
  const held: Record<string, Record<string, unknown>[]> = {}
  for (const table of tableNames) {
    const rows = rowsOf(table).filter((row) => ownerOf(table, row) === id)
    if (rows.length > 0) held[table] = rows
  }
  return held
}

/** Every text cell of every table in the file (bookkeeping and logs too) holding `value`. */
function cellsHolding(value: string) {
  const found: string[] = []
  const tables = sqlite()
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[]
  for (const table of tables) {
    const columns = sqlite()
      .prepare(`SELECT name FROM pragma_table_info(?)`)
      .pluck()
      .all(table) as string[]
    for (const column of columns) {
      const n = sqlite()
        .prepare(`SELECT count(*) FROM "${table}" WHERE instr(CAST("${column}" AS TEXT), ?) > 0`)
        .pluck()
        .get(value) as number
      if (n > 0) found.push(`${table}.${column} (${n})`)
    }
  }
  return found
}

/** An import that wrote the person (its natural key and an undo image name them). */
function importedThem(id: number, identity: readonly string[]) {
  const importId = sqlite()
    .prepare(
      `INSERT INTO imports (file_name, file_hash, file_bytes, preset) VALUES ('members.csv', 'h', 1, 'studio-members')`,
    )
    .run().lastInsertRowid
  sqlite()
    .prepare(
      `INSERT INTO import_keys (scope, natural_key, table_name, row_id, import_id) VALUES ('users', ?, 'users', ?, ?)`,
    )
    .run(`email:${identity[2]}`, id, importId)
  sqlite()
    .prepare(
      `INSERT INTO import_rows (import_id, seq, table_name, row_id, before_json) VALUES (?, 1, 'users', ?, ?)`,
    )
    .run(importId, id, JSON.stringify({ name: identity[3], phone_number: identity[6] }))
}

function identityOf(id: number) {
  const row = sqlite()
    .prepare(
      `SELECT user_id, username, email, name, first_name, last_name, phone_number FROM users WHERE id = ?`,
    )
    .get(id) as Record<string, string>
  return Object.values(row)
}

describe('privacy: one person', () => {
  it('finds people by part of a name, email or id', () => {
    expect(findPeople(sqlite(), 'marchbanks', 10).map((p) => p.userId)).toEqual([TARGET])
    expect(findPeople(sqlite(), 'MBR-100', 10)).toHaveLength(4)
    expect(findPeople(sqlite(), '100%', 10)).toHaveLength(0)
  })

  it('preview counts every table’s rows about them, as a plain rule finds them', () => {
    const held = heldAbout(targetId())
    const preview = personHoldings(sqlite(), targetId())
    const counted = Object.fromEntries(preview.tables.map((t) => [t.table, t.rows]))
    expect(counted).toEqual(Object.fromEntries(Object.entries(held).map(([t, r]) => [t, r.length])))
    for (const table of [
      'fct_event',
      'user_sessions',
      'fact_class_attendance',
      'class_bookings',
      'fitness_workouts',
      'fitness_exercise_logs',
      'media_consumption',
      'blog_analytics',
      'fact_daily_user_activity',
    ]) {
      expect(counted[table], table).toBeGreaterThan(0)
    }
    expect(preview.tables.find((t) => t.table === 'blog_analytics')?.onDelete).toBe('deleted')
    // The one who wrote the post is someone else: this person's rows only.
    expect(counted.blog_posts).toBeUndefined()
    expect(
      personHoldings(sqlite(), ids.get('mbr-1001') ?? 0).tables.find(
        (t) => t.table === 'blog_posts',
      )?.onDelete,
    ).toBe('unlinked')
  })

  it('export: one CSV per table, with every row about them and no one else’s', () => {
    const held = heldAbout(targetId())
    const folder = join(dir, 'their-data')
    const result = exportPerson(sqlite(), handle.path, targetId(), { folder })
    expect(readdirSync(folder).sort()).toEqual(
      [...Object.keys(held).map((t) => `${t}.csv`), 'manifest.json'].sort(),
    )
    for (const [table, rows] of Object.entries(held)) {
      const file = readCsvFile(join(folder, `${table}.csv`))
      expect(file.header).toEqual(exportColumns(table as TableName))
      const wanted = rows.map((r) => asCsvText(Object.values(r)).join('\u0001')).sort()
      expect(file.rows.map((r) => r.join('\u0001')).sort(), table).toEqual(wanted)
      expect(result.files.find((f) => f.table === table)?.rows).toBe(rows.length)
    }
  })

  it('delete: removes everything about them and nothing else; rollups equal a rebuild', () => {
    const id = targetId()
    const identity = identityOf(id)
    // An earlier edit of their row, as the audit log records it.
    writeAudit(sqlite(), source, [
      { action: 'update', table: 'users', rowKey: id, changes: { name: [null, identity[3]] } },
    ])
    importedThem(id, identity)
    const held = heldAbout(id)
    const before = Object.fromEntries(tableNames.map((t) => [t, rowsOf(t)]))
    expect(() => deletePerson(sqlite(), id, 'someone-else', source)).toThrow(/to confirm/)

    const result = deletePerson(sqlite(), id, TARGET, source)

    for (const table of tableNames) {
      // Derived rows (others' tiers move when one Core person goes): held against a rebuild below.
      if (DERIVED.has(table)) continue
      // The import registry forgets them (checked below); the import itself stays.
      if (table === 'import_keys' || table === 'import_rows') continue
      const gone = new Set((held[table] ?? []).map((r) => JSON.stringify(r)))
      const expected = before[table]?.filter((r) => !gone.has(JSON.stringify(r)))
      expect(rowsOf(table), table).toEqual(expected)
    }
    expect(result.deleted.find((d) => d.table === 'fct_event')?.rows).toBe(held.fct_event?.length)
    expect(rowsOf('import_keys')).toEqual([])
    expect(rowsOf('import_rows')).toEqual([])
    expect(rowsOf('imports')).toHaveLength(1)
    for (const value of identity) expect(cellsHolding(value), value).toEqual([])
    expectRollupsCurrent(sqlite())
  })

  it('anonymise: no identifying value left anywhere, aggregates unchanged, rollups equal a rebuild', () => {
    const id = targetId()
    const identity = identityOf(id)
    writeAudit(sqlite(), source, [
      { action: 'update', table: 'users', rowKey: id, changes: { email: [null, identity[2]] } },
    ])
    importedThem(id, identity)
    const aggregates = () => ({
      days: sqlite().prepare(`SELECT * FROM rollup_days ORDER BY date_key`).raw(true).all(),
      tiers: sqlite()
        .prepare(`SELECT month, tier, count(*) FROM rollup_user_months GROUP BY 1, 2 ORDER BY 1, 2`)
        .raw(true)
        .all(),
      events: sqlite().prepare(`SELECT count(*), sum(event_ts) FROM fct_event`).raw(true).get(),
      attendance: sqlite().prepare(`SELECT count(*) FROM fact_class_attendance`).pluck().get(),
      sessions: sqlite()
        .prepare(
          `SELECT date_key, count(*), sum(session_duration_seconds) FROM fact_user_sessions GROUP BY 1 ORDER BY 1`,
        )
        .raw(true)
        .all(),
    })
    const held = heldAbout(id)
    const aggregateBefore = aggregates()
    const others = snapshot(sqlite())

    const result = anonymisePerson(sqlite(), id, TARGET, source)

    for (const value of identity) expect(cellsHolding(value), value).toEqual([])
    expect(aggregates()).toEqual(aggregateBefore)
    // Their activity is all there under the new ids.
    const now = heldAbout(result.id)
    expect(now.fct_event).toBeUndefined() // fct_event names them by user_id, not by id:
    expect(
      sqlite()
        .prepare(`SELECT count(*) FROM fct_event WHERE user_id = ?`)
        .pluck()
        .get(result.userId),
    ).toBe(held.fct_event?.length)
    expect(now.user_sessions?.length).toBe(held.user_sessions?.length)
    expect(now.user_sessions?.every((s) => s.ip_address === null && s.user_agent === null)).toBe(
      true,
    )
    expect(sqlite().prepare(`SELECT count(*) FROM users WHERE id = ?`).pluck().get(id)).toBe(0)
    const person = sqlite().prepare(`SELECT * FROM users WHERE id = ?`).get(result.id) as Record<
      string,
      unknown
    >
    expect(person).toMatchObject({
      user_id: result.userId,
      email: null,
      name: null,
      date_of_birth: null,
      gender: 'female',
    })
    // Everyone else's rows are as they were.
    for (const other of ['mbr-1001', 'mbr-1003']) {
      const otherId = ids.get(other) ?? 0
      expect(sqlite().prepare(`SELECT * FROM users WHERE id = ?`).all(otherId)).toEqual(
        (others.users as unknown[][])
          .filter((r) => r[0] === otherId)
          .map((r) => Object.fromEntries(Object.keys(person).map((k, i) => [k, r[i]]))),
      )
    }
    expectRollupsCurrent(sqlite())
  })
})

describe('privacy and retention through the contract', () => {
  it('validates input, refuses an unconfirmed deletion and an unknown person, changing nothing', async () => {
    await handle.close()
    const session = await Session.open(handle.path)
    try {
      const ctx = { session, adapter: 'http' as const, progress: () => {} }
      const registry = createAppRegistry()
      const before = snapshot(session.handle.sqlite)
      const wrong = await invoke(registry, ctx, 'privacy.delete', {
        id: targetId(),
        confirmUserId: 'mbr-1003',
      })
      expect(wrong).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', field: 'confirmUserId' },
      })
      const missing = await invoke(registry, ctx, 'privacy.anonymise', {
        id: 999,
        confirmUserId: 'x',
      })
      expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } })
      const bad = await invoke(registry, ctx, 'privacy.preview', { id: 'one' })
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } })
      expect(snapshot(session.handle.sqlite)).toEqual(before)
      const found = await invoke(registry, ctx, 'privacy.find', { query: 'ottilie' })
      expect(found).toMatchObject({ ok: true, result: [{ userId: TARGET }] })
      const preview = await invoke(registry, ctx, 'retention.preview', {})
      expect(preview).toMatchObject({ ok: true, result: { totalRows: 0 } })
    } finally {
      await session.close()
      handle = await openFresh(dir)
    }
  })
})
