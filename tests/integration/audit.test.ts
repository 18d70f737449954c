import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceContext } from '../../electron/services/context'
import { databaseChecksum } from '../../electron/services/db/checksum'
import { createAppRegistry } from '../../electron/services/handlers'
import { invoke } from '../../electron/services/registry'
import { Session } from '../../electron/services/session'
import type { MethodInput, MethodName, MethodResult } from '../../shared/api'
import type { AuditPage } from '../../shared/audit'
import type { ErrorInfo } from '../../shared/errors'
import { AUDIT_LOG, tableNames } from '../../shared/schema'
import { defaultSettings } from '../../shared/settings'
import { fixture } from '../helpers/imports'
import { useSuiteTempDir } from '../helpers/tmp'

type Adapter = ServiceContext['adapter']

interface LoggedRow {
  id: number
  at: string
  action: string
  table_name: string
  row_key: string | null
  changes: Record<string, unknown> | null
  adapter: Adapter
  method: string
}

const MIN = 60_000
const tempDir = useSuiteTempDir()
const registry = createAppRegistry()
let session: Session

beforeAll(async () => {
  session = await Session.open(join(tempDir(), 'audit.db'))
  const sqlite = session.handle.sqlite
  sqlite
    .prepare(`INSERT INTO dim_location (location_id, location_name) VALUES ('L1', 'Central')`)
    .run()
  sqlite
    .prepare(
      `INSERT INTO users (user_id, username, name, email, role) VALUES ('M1', 'ana', 'Ana Lima', 'ana@example.com', 'member')`,
    )
    .run()
})
afterAll(async () => {
  await session.close()
})

const sqlite = () => session.handle.sqlite

function call(adapter: Adapter, name: string, input: unknown) {
  return invoke(registry, { session, adapter, progress: () => {} }, name, input)
}

async function ok<M extends MethodName>(
  adapter: Adapter,
  name: M,
  input: MethodInput<M>,
): Promise<MethodResult<M>> {
  const outcome = await call(adapter, name, input)
  if (!outcome.ok) throw new Error(`${name} failed: ${JSON.stringify(outcome.error)}`)
  return outcome.result as MethodResult<M>
}

async function fails(adapter: Adapter, name: string, input: unknown): Promise<ErrorInfo> {
  const outcome = await call(adapter, name, input)
  if (outcome.ok) throw new Error(`${name} succeeded but should have failed`)
  return outcome.error
}

const lastAuditId = () =>
  sqlite().prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number

/** What `write` added to the log, oldest first. */
async function loggedBy(write: () => Promise<unknown>): Promise<LoggedRow[]> {
  const since = lastAuditId()
  await write()
  const rows = sqlite()
    .prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id')
    .all(since) as (Omit<LoggedRow, 'changes'> & { changes: string | null })[]
  return rows.map((row) => ({
    ...row,
    changes: row.changes === null ? null : (JSON.parse(row.changes) as Record<string, unknown>),
  }))
}

/** A call that must fail, leaving the data and the log exactly as they were. */
async function refusedWithoutEntry(adapter: Adapter, name: string, input: unknown) {
  const data = databaseChecksum(sqlite())
  let error: ErrorInfo | undefined
  const logged = await loggedBy(async () => {
    error = await fails(adapter, name, input)
  })
  expect(logged).toEqual([])
  expect(databaseChecksum(sqlite())).toBe(data)
  return error as ErrorInfo
}

function addClass(startMs: number) {
  const id = `C${startMs}`
  sqlite()
    .prepare(
      `INSERT INTO dim_class_session (session_id, class_code, class_name, location_id, datetime,
         duration_mins, week_number, year, month, day_of_week, is_weekend, release_timestamp, capacity)
       VALUES (?, 'VIN', 'Vinyasa Flow', 'L1', ?, 60, 1, 2025, 1, 'Monday', 0, NULL, 20)`,
    )
    .run(id, new Date(startMs).toISOString())
  return id
}

let squat = 0
let lunge = 0
let workoutId = 0

describe('records', () => {
  it('a create through IPC logs every field of the new row, from null', async () => {
    const logged = await loggedBy(async () => {
      const row = await ok('ipc', 'records.create', {
        entity: 'fitness_exercises',
        values: { exercise_name: 'Squat', exercise_type: 'strength' },
      })
      squat = row.id as number
    })
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({
      action: 'create',
      table_name: 'fitness_exercises',
      row_key: String(squat),
      adapter: 'ipc',
      method: 'records.create',
    })
    expect(logged[0]!.changes).toMatchObject({
      id: [null, squat],
      exercise_name: [null, 'Squat'],
      exercise_type: [null, 'strength'],
    })
    expect(logged[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  })

  it('an edit through HTTP logs only the fields that changed, from what to what', async () => {
    const logged = await loggedBy(() =>
      ok('http', 'records.update', {
        entity: 'fitness_exercises',
        key: squat,
        values: { exercise_name: 'Back squat', exercise_type: 'strength' },
      }),
    )
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({
      action: 'update',
      table_name: 'fitness_exercises',
      row_key: String(squat),
      adapter: 'http',
      method: 'records.update',
      changes: { exercise_name: ['Squat', 'Back squat'] },
    })
  })

  it('an edit that changes nothing logs nothing', async () => {
    const logged = await loggedBy(() =>
      ok('ipc', 'records.update', {
        entity: 'fitness_exercises',
        key: squat,
        values: { exercise_name: 'Back squat' },
      }),
    )
    expect(logged).toEqual([])
  })
})

describe('workouts', () => {
  it('logging a workout through the CLI logs the workout and each set', async () => {
    const logged = await loggedBy(async () => {
      ;({ workoutId } = await ok('cli', 'fitness.logWorkout', {
        date: '2025-03-01',
        sets: [
          { exerciseId: squat, reps: 5, weight: 100 },
          { exerciseId: squat, reps: 5, weight: 105 },
        ],
      }))
    })
    expect(logged.map((e) => [e.action, e.table_name, e.adapter, e.method])).toEqual([
      ['create', 'fitness_workouts', 'cli', 'fitness.logWorkout'],
      ['create', 'fitness_exercise_logs', 'cli', 'fitness.logWorkout'],
      ['create', 'fitness_exercise_logs', 'cli', 'fitness.logWorkout'],
    ])
    expect(logged[0]).toMatchObject({
      row_key: String(workoutId),
      changes: { workout_date: [null, '2025-03-01'] },
    })
    expect(logged[2]!.changes).toMatchObject({
      workout_id: [null, workoutId],
      weight: [null, 105],
    })
  })
})

describe('deletions and undo', () => {
  it('a deletion logs each row that goes with it; its undo logs each row put back', async () => {
    const sets = sqlite()
      .prepare('SELECT id FROM fitness_exercise_logs WHERE workout_id = ? ORDER BY id')
      .pluck()
      .all(workoutId) as number[]
    let token = ''
    const deleted = await loggedBy(async () => {
      ;({ undoToken: token } = await ok('ipc', 'records.delete', {
        entity: 'fitness_workouts',
        key: workoutId,
      }))
    })
    const described = (rows: LoggedRow[]) =>
      rows.map((e) => [e.action, e.table_name, e.row_key, e.adapter, e.method]).sort()
    expect(described(deleted)).toEqual(
      [
        ['delete', 'fitness_workouts', String(workoutId), 'ipc', 'records.delete'],
        ['delete', 'fitness_exercise_logs', String(sets[0]), 'ipc', 'records.delete'],
        ['delete', 'fitness_exercise_logs', String(sets[1]), 'ipc', 'records.delete'],
      ].sort(),
    )
    const set = deleted.find((e) => e.row_key === String(sets[1]))
    expect(set?.changes).toMatchObject({ weight: [105, null], workout_id: [workoutId, null] })

    const restored = await loggedBy(() => ok('http', 'records.undo', { token }))
    expect(described(restored)).toEqual(
      [
        ['create', 'fitness_workouts', String(workoutId), 'http', 'records.undo'],
        ['create', 'fitness_exercise_logs', String(sets[0]), 'http', 'records.undo'],
        ['create', 'fitness_exercise_logs', String(sets[1]), 'http', 'records.undo'],
      ].sort(),
    )
    expect(restored.find((e) => e.row_key === String(sets[1]))?.changes).toMatchObject({
      weight: [null, 105],
    })
  })

  it('a column a deletion clears on a row that stays is logged as an update, and put back', async () => {
    lunge = (
      await ok('ipc', 'records.create', {
        entity: 'fitness_exercises',
        values: { exercise_name: 'Lunge', exercise_type: 'strength' },
      })
    ).id as number
    const program = await ok('ipc', 'records.create', {
      entity: 'fitness_programs',
      values: { program_name: 'Legs', program_type: 'strength', frequency: 2 },
    })
    const planned = await ok('ipc', 'records.create', {
      entity: 'fitness_program_exercises',
      values: {
        program_id: program.id,
        workout_day: 'A',
        exercise_id: squat,
        alternative_exercise_id: lunge,
      },
    })
    let token = ''
    const deleted = await loggedBy(async () => {
      ;({ undoToken: token } = await ok('cli', 'records.delete', {
        entity: 'fitness_exercises',
        key: lunge,
      }))
    })
    expect(
      deleted.map((e) => [e.action, e.table_name, e.row_key, e.changes?.exercise_name]),
    ).toEqual(
      expect.arrayContaining([['delete', 'fitness_exercises', String(lunge), ['Lunge', null]]]),
    )
    expect(deleted.find((e) => e.action === 'update')).toMatchObject({
      table_name: 'fitness_program_exercises',
      row_key: String(planned.id),
      changes: { alternative_exercise_id: [lunge, null] },
      adapter: 'cli',
    })
    const restored = await loggedBy(() => ok('cli', 'records.undo', { token }))
    expect(restored.find((e) => e.action === 'update')).toMatchObject({
      table_name: 'fitness_program_exercises',
      row_key: String(planned.id),
      changes: { alternative_exercise_id: [null, lunge] },
      method: 'records.undo',
    })
  })
})

describe('the studio desk', () => {
  it('a check-in through HTTP logs the attendance row; taking it back logs its deletion', async () => {
    const sessionId = addClass(Date.now() + 30 * MIN)
    const checkedIn = await loggedBy(() =>
      ok('http', 'studio.checkIn', { sessionId, userId: 'M1' }),
    )
    expect(checkedIn).toHaveLength(1)
    expect(checkedIn[0]).toMatchObject({
      action: 'create',
      table_name: 'fact_class_attendance',
      adapter: 'http',
      method: 'studio.checkIn',
      changes: { user_id: [null, 'M1'], session_id: [null, sessionId], source: [null, 'web'] },
    })
    const attendanceId = checkedIn[0]!.row_key as string
    const undone = await loggedBy(() => ok('ipc', 'studio.undoCheckIn', { attendanceId }))
    expect(undone).toEqual([
      expect.objectContaining({
        action: 'delete',
        table_name: 'fact_class_attendance',
        row_key: attendanceId,
        adapter: 'ipc',
        method: 'studio.undoCheckIn',
      }),
    ])
  })
})

describe('bookings and series', () => {
  it('a booking, its cancellation and a weekly series each log their rows', async () => {
    const sessionId = addClass(Date.now() + 3 * 24 * 60 * MIN)
    const booked = await loggedBy(() => ok('cli', 'studio.book', { sessionId, userId: 'M1' }))
    expect(booked).toEqual([
      expect.objectContaining({
        action: 'create',
        table_name: 'class_bookings',
        adapter: 'cli',
        method: 'studio.book',
      }),
    ])
    const bookingId = booked[0]!.row_key as string
    expect(booked[0]!.changes).toMatchObject({ status: [null, 'booked'], user_id: [null, 'M1'] })

    const cancelled = await loggedBy(() => ok('ipc', 'studio.cancelBooking', { bookingId }))
    expect(cancelled).toHaveLength(1)
    expect(cancelled[0]).toMatchObject({
      action: 'update',
      table_name: 'class_bookings',
      row_key: bookingId,
      method: 'studio.cancelBooking',
      changes: { status: ['booked', 'cancelled'] },
    })
    expect(Object.keys(cancelled[0]!.changes ?? {}).sort()).toEqual(['status', 'status_changed_at'])

    const series = await loggedBy(() =>
      ok('http', 'studio.createSeries', {
        classCode: 'YIN',
        className: 'Yin Yoga',
        instructorName: 'Maya Chen',
        locationId: 'L1',
        firstDate: '2030-03-17',
        startTime: '18:30',
        weeks: 2,
        durationMins: 75,
        capacity: 18,
        releaseDaysBefore: 7,
      }),
    )
    expect(series.map((e) => [e.action, e.table_name, e.method])).toEqual([
      ['create', 'dim_class_session', 'studio.createSeries'],
      ['create', 'dim_class_session', 'studio.createSeries'],
    ])
    expect(series[0]!.changes).toMatchObject({ class_name: [null, 'Yin Yoga'] })
  })
})

describe('settings', () => {
  it('a save logs one update on app_settings naming the keys that changed', async () => {
    const logged = await loggedBy(() =>
      ok('cli', 'settings.update', { weightUnit: 'lb', weekStart: 'monday' }),
    )
    expect(logged).toEqual([
      expect.objectContaining({
        action: 'update',
        table_name: 'app_settings',
        row_key: null,
        adapter: 'cli',
        method: 'settings.update',
        changes: { weightUnit: ['kg', 'lb'] },
      }),
    ])
    expect(await loggedBy(() => ok('cli', 'settings.update', { weightUnit: 'lb' }))).toEqual([])
  })

  it('a nested setting logs the path of each value that changed, not the whole object', async () => {
    const retention = defaultSettings('UTC').retention
    const logged = await loggedBy(() =>
      ok('http', 'settings.update', {
        retention: { ...retention, analyticsEvents: { enabled: true, days: 400 } },
      }),
    )
    expect(logged.map((entry) => entry.changes)).toEqual([
      {
        'retention.analyticsEvents.enabled': [false, true],
        'retention.analyticsEvents.days': [365, 400],
      },
    ])
  })

  it('a save the service refuses logs nothing', async () => {
    const error = await refusedWithoutEntry('ipc', 'settings.update', {
      regularMinDays: 10,
      coreMinDays: 5,
    })
    expect(error).toMatchObject({ code: 'invalid_input', field: 'coreMinDays' })
  })
})

describe('imports', () => {
  it('an import and its undo each log one bulk entry with the file, preset and counts', async () => {
    const file = fixture('cli', 'letterboxd-ratings.csv')
    const { uploadId } = await ok('ipc', 'imports.upload', {
      fileName: 'letterboxd-ratings.csv',
      chunk: readFileSync(file).toString('base64'),
    })
    let importId = 0
    const imported = await loggedBy(async () => {
      const summary = await ok('ipc', 'imports.run', { uploadId, preset: 'letterboxd-ratings' })
      importId = summary.importId ?? 0
    })
    expect(importId).toBeGreaterThan(0)
    expect(imported).toEqual([
      expect.objectContaining({
        action: 'bulk',
        table_name: 'imports',
        row_key: String(importId),
        adapter: 'ipc',
        method: 'imports.run',
        changes: expect.objectContaining({
          file: 'letterboxd-ratings.csv',
          preset: 'letterboxd-ratings',
          inserted: expect.any(Number),
          rejected: expect.any(Number),
        }) as unknown,
      }),
    ])
    expect((imported[0]!.changes as { inserted: number }).inserted).toBeGreaterThan(0)

    const undone = await loggedBy(() => ok('http', 'imports.undo', { importId }))
    expect(undone).toEqual([
      expect.objectContaining({
        action: 'bulk',
        table_name: 'imports',
        row_key: String(importId),
        adapter: 'http',
        method: 'imports.undo',
        changes: expect.objectContaining({
          file: 'letterboxd-ratings.csv',
          removed: expect.any(Number),
        }) as unknown,
      }),
    ])
  })
})

describe('what is not logged', () => {
  it('an invalid call, a refused deletion and a read log nothing', async () => {
    const invalid = await refusedWithoutEntry('ipc', 'records.create', {
      entity: 'fitness_exercises',
      values: { exercise_name: '', exercise_type: 'strength' },
    })
    expect(invalid).toMatchObject({ code: 'invalid_input', field: 'exercise_name' })
    await ok('ipc', 'fitness.logWorkout', {
      date: '2025-03-02',
      sets: [{ exerciseId: squat, reps: 3 }],
    })
    // An exercise with logged sets cannot go.
    const blocked = await refusedWithoutEntry('http', 'records.delete', {
      entity: 'fitness_exercises',
      key: squat,
    })
    expect(blocked.code).toBe('conflict')
    expect(
      await loggedBy(() => ok('ipc', 'records.list', { entity: 'fitness_exercises' })),
    ).toEqual([])
  })

  it('a transaction that fails after its entry was written leaves neither the change nor the entry', async () => {
    // The second set fails inside the transaction, after the workout and its entry went in.
    sqlite().exec(`CREATE TEMP TRIGGER fail_set BEFORE INSERT ON fitness_exercise_logs
      WHEN new.reps = 999 BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
    try {
      await refusedWithoutEntry('cli', 'fitness.logWorkout', {
        date: '2025-03-03',
        sets: [
          { exerciseId: squat, reps: 5 },
          { exerciseId: squat, reps: 999 },
        ],
      })
    } finally {
      sqlite().exec('DROP TRIGGER temp.fail_set')
    }
  })

  it('an entry that cannot be written takes the change back with it', async () => {
    sqlite().exec(`CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log
      BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
    try {
      await refusedWithoutEntry('ipc', 'records.update', {
        entity: 'fitness_exercises',
        key: squat,
        values: { exercise_name: 'Front squat' },
      })
      await refusedWithoutEntry('ipc', 'settings.update', { distanceUnit: 'mi' })
    } finally {
      sqlite().exec('DROP TRIGGER temp.fail_audit')
    }
  })
})

describe('audit.list', () => {
  it('lists newest first, pages with a total, and filters by table, row, action and adapter', async () => {
    const all = await ok('ipc', 'audit.list', { limit: 500 })
    expect(all.total).toBe(all.entries.length)
    expect(all.total).toBe(sqlite().prepare('SELECT count(*) FROM audit_log').pluck().get())
    const ids = all.entries.map((e) => e.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))

    const first = await ok('ipc', 'audit.list', { limit: 3 })
    const second = await ok('ipc', 'audit.list', { limit: 3, offset: 3 })
    expect(first.total).toBe(all.total)
    expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(ids.slice(0, 6))

    const squatRows = await ok('ipc', 'audit.list', {
      table: 'fitness_exercises',
      rowKey: String(squat),
    })
    expect(squatRows.entries.map((e) => e.action)).toEqual(['update', 'create'])
    expect(squatRows.entries[0]).toMatchObject({
      adapter: 'http',
      method: 'records.update',
      changes: { exercise_name: ['Squat', 'Back squat'] },
    })

    const deletes = await ok('ipc', 'audit.list', { action: 'delete', adapter: 'ipc' })
    expect(deletes.total).toBeGreaterThan(0)
    expect(deletes.entries.every((e) => e.action === 'delete' && e.adapter === 'ipc')).toBe(true)

    const bulk = await ok('ipc', 'audit.list', { action: 'bulk' })
    expect(bulk.entries.map((e) => e.method)).toEqual(['imports.undo', 'imports.run'])
  })

  it('filters by day in a zone and by text in the changes', async () => {
    const today = new Date().toISOString().slice(0, 10)
    const total = (await ok('ipc', 'audit.list', {})).total
    expect((await ok('ipc', 'audit.list', { from: today, to: today, timeZone: 'UTC' })).total).toBe(
      total,
    )
    expect((await ok('ipc', 'audit.list', { to: '2000-01-01', timeZone: 'UTC' })).total).toBe(0)
    expect((await ok('ipc', 'audit.list', { from: '2999-01-01' })).total).toBe(0)

    const found = await ok('ipc', 'audit.list', { search: 'Lunge' })
    expect(found.total).toBeGreaterThan(0)
    expect(found.entries.every((e) => JSON.stringify(e.changes).includes('Lunge'))).toBe(true)
    // LIKE's wildcards are searched for as themselves.
    expect((await ok('ipc', 'audit.list', { search: '%' })).total).toBe(0)
  })

  it('refuses a range that ends before it starts and an unknown action', async () => {
    expect(
      await fails('ipc', 'audit.list', { from: '2025-02-01', to: '2025-01-01' }),
    ).toMatchObject({ code: 'invalid_input', field: 'to' })
    expect(await fails('ipc', 'audit.list', { action: 'drop' })).toMatchObject({
      code: 'invalid_input',
      field: 'action',
    })
  })

  it('names the tables the log holds', async () => {
    expect(await ok('ipc', 'audit.tables', {})).toEqual([
      'app_settings',
      'class_bookings',
      'dim_class_session',
      'fact_class_attendance',
      'fitness_exercise_logs',
      'fitness_exercises',
      'fitness_program_exercises',
      'fitness_programs',
      'fitness_workouts',
      'imports',
    ])
  })
})

describe('audit.export', () => {
  it('writes the filtered entries as CSV, newest first, with the changes exact and as lines', async () => {
    const result = await ok('http', 'audit.export', { table: 'fitness_exercises' })
    const page: AuditPage = await ok('ipc', 'audit.list', { table: 'fitness_exercises' })
    expect(result.fileName).toBe('audit-log.csv')
    expect(result.rows).toBe(page.total)
    const parsed = Papa.parse<Record<string, string>>(result.csv, {
      header: true,
      skipEmptyLines: true,
    })
    expect(parsed.errors).toEqual([])
    expect(parsed.meta.fields).toEqual([
      'id',
      'at',
      'action',
      'table',
      'row_key',
      'adapter',
      'method',
      'changes',
      'summary',
    ])
    expect(parsed.data.map((row) => Number(row.id))).toEqual(page.entries.map((e) => e.id))
    const edit = parsed.data.find((row) => row.method === 'records.update')
    expect(edit).toMatchObject({ action: 'update', adapter: 'http', row_key: String(squat) })
    expect(JSON.parse(edit!.changes!)).toEqual({ exercise_name: ['Squat', 'Back squat'] })
    expect(edit!.summary).toBe('exercise_name: Squat → Back squat')
    expect(result.csv.endsWith('\r\n')).toBe(true)
  })

  it('names the file after the range and can start with a byte-order mark', async () => {
    const result = await ok('ipc', 'audit.export', { from: '2025-01-01', bom: true })
    expect(result.fileName).toBe('audit-log-2025-01-01-to-end.csv')
    expect(result.csv.startsWith('\uFEFFid,at,action,')).toBe(true)
  })
})

describe('the table', () => {
  it('is declared in shared/schema.ts as bookkeeping, column for column, outside the data tables', () => {
    const columns = sqlite().pragma('table_info(audit_log)') as {
      name: string
      type: string
      notnull: number
      dflt_value: string | null
      pk: number
    }[]
    expect(
      columns.map((c) => ({
        name: c.name,
        type: c.type,
        nullable: c.notnull === 0 && c.pk === 0,
        defaulted: c.dflt_value !== null || c.pk === 1,
      })),
    ).toEqual(Object.entries(AUDIT_LOG.audit_log).map(([name, spec]) => ({ name, ...spec })))
    expect(tableNames).not.toContain('audit_log')
  })
})
