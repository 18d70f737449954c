import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ServiceContext } from '../../electron/services/context'
import { databaseChecksum } from '../../electron/services/db/checksum'
import { createAppRegistry } from '../../electron/services/handlers'
import { invoke } from '../../electron/services/registry'
import { Session } from '../../electron/services/session'
import type { PreviousPerformance, WorkoutTemplate } from '../../shared/contract/fitness'
import type { ErrorInfo } from '../../shared/errors'
import { dateKeyOf } from '../../shared/time'
import { useSuiteTempDir } from '../helpers/tmp'

const ZONE = 'Pacific/Auckland'
const tempDir = useSuiteTempDir()
const registry = createAppRegistry()
let session: Session
let ctx: ServiceContext

const sqlite = () => session.handle.sqlite

async function ok<T>(name: string, input: unknown): Promise<T> {
  const outcome = await invoke(registry, ctx, name, input)
  if (!outcome.ok) throw new Error(`${name} failed: ${JSON.stringify(outcome.error)}`)
  return outcome.result as T
}

/** A call that must fail and leave every table exactly as it was. */
async function refused(name: string, input: unknown): Promise<ErrorInfo> {
  const before = databaseChecksum(sqlite())
  const outcome = await invoke(registry, ctx, name, input)
  if (outcome.ok) throw new Error(`${name} succeeded but should have failed`)
  expect(databaseChecksum(sqlite())).toBe(before)
  return outcome.error
}

function insert(table: string, values: Record<string, string | number | null>): number {
  const columns = Object.keys(values)
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`
  return Number(
    sqlite()
      .prepare(sql)
      .run(...Object.values(values)).lastInsertRowid,
  )
}

const count = (table: string) =>
  sqlite().prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number

const ids = { squat: 0, bench: 0, row: 0, plank: 0, bike: 0, fiveByFive: 0, empty: 0 }

beforeAll(async () => {
  session = await Session.open(join(tempDir(), 'workout.db'))
  ctx = { session, adapter: 'ipc', progress: () => {} }
  await ok('settings.update', { timeZone: ZONE })
  const exercise = (name: string, type: string) =>
    insert('fitness_exercises', { exercise_name: name, exercise_type: type })
  ids.squat = exercise('Back Squat', 'strength')
  ids.bench = exercise('Bench Press', 'strength')
  ids.row = exercise('Barbell Row', 'strength')
  ids.plank = exercise('Plank', 'bodyweight')
  ids.bike = exercise('Stationary Bike', 'cardio')
  // Set up B before A on purpose: days keep the order they were entered, not the alphabet.
  ids.fiveByFive = insert('fitness_programs', {
    program_name: 'Five by five',
    program_type: 'strength',
    frequency: 3,
  })
  const prescribe = (day: string, exerciseId: number, sets: number, reps: number | null) =>
    insert('fitness_program_exercises', {
      program_id: ids.fiveByFive,
      exercise_id: exerciseId,
      workout_day: day,
      recommended_sets: sets,
      recommended_reps: reps,
      recommended_volume: reps === null ? `${sets}×60 s` : `${sets}×${reps}`,
    })
  prescribe('B', ids.squat, 5, 5)
  prescribe('B', ids.row, 5, 5)
  prescribe('A', ids.squat, 5, 5)
  prescribe('A', ids.bench, 5, 5)
  prescribe('A', ids.plank, 3, null)
  ids.empty = insert('fitness_programs', {
    program_name: 'Archived idea',
    program_type: 'mobility',
    frequency: 2,
    status: 'archived',
  })
})
afterAll(async () => {
  await session.close()
})

describe('fitness.workoutTemplates', () => {
  it('lists programs with their days in entry order and each day’s prescribed exercises', async () => {
    const templates = await ok<WorkoutTemplate[]>('fitness.workoutTemplates', {})
    expect(templates.map((t) => t.name)).toEqual(['Five by five', 'Archived idea'])
    const [program, archived] = templates
    expect(program!.days.map((d) => d.day)).toEqual(['B', 'A'])
    expect(program!.days[1]).toEqual({
      day: 'A',
      exercises: [
        {
          exerciseId: ids.squat,
          name: 'Back Squat',
          exerciseType: 'strength',
          recommendedSets: 5,
          recommendedReps: 5,
          recommendedVolume: '5×5',
        },
        expect.objectContaining({ exerciseId: ids.bench, name: 'Bench Press' }),
        expect.objectContaining({
          exerciseId: ids.plank,
          exerciseType: 'bodyweight',
          recommendedReps: null,
        }),
      ],
    })
    expect(archived).toMatchObject({ programId: ids.empty, status: 'archived', days: [] })
  })

  it('refuses unknown input keys', async () => {
    const error = await refused('fitness.workoutTemplates', { program: 1 })
    expect(error.code).toBe('invalid_input')
  })
})

describe('fitness.logWorkout', () => {
  it('creates the owner, the workout, one row per set and one workout_logged event at once', async () => {
    expect(count('users')).toBe(0)
    const before = Date.now()
    const { workoutId } = await ok<{ workoutId: number }>('fitness.logWorkout', {
      date: '2025-03-03',
      programId: ids.fiveByFive,
      notes: '  Felt strong  ',
      durationMinutes: 52,
      sets: [
        { exerciseId: ids.squat, reps: 5, weight: 100 },
        { exerciseId: ids.squat, reps: 5, weight: 100 },
        { exerciseId: ids.squat, reps: 4, weight: 100, notes: 'grindy' },
        { exerciseId: ids.plank, reps: 1, durationSeconds: 60 },
        { exerciseId: ids.bike, reps: 0, weight: null, durationSeconds: 900 },
      ],
    })
    const owner = sqlite()
      .prepare(`SELECT id, username, name FROM users WHERE user_id = 'me'`)
      .get()
    expect(owner).toMatchObject({ username: 'me', name: 'Me' })
    const workout = sqlite()
      .prepare(
        'SELECT user_id, program_id, workout_date, workout_notes, total_duration_minutes FROM fitness_workouts WHERE id = ?',
      )
      .get(workoutId)
    expect(workout).toEqual({
      user_id: (owner as { id: number }).id,
      program_id: ids.fiveByFive,
      workout_date: '2025-03-03',
      workout_notes: 'Felt strong',
      total_duration_minutes: 52,
    })
    const sets = sqlite()
      .prepare(
        'SELECT exercise_id, sets, reps, weight, duration_seconds, notes FROM fitness_exercise_logs WHERE workout_id = ? ORDER BY id',
      )
      .all(workoutId)
    expect(sets).toEqual([
      {
        exercise_id: ids.squat,
        sets: 1,
        reps: 5,
        weight: 100,
        duration_seconds: null,
        notes: null,
      },
      {
        exercise_id: ids.squat,
        sets: 1,
        reps: 5,
        weight: 100,
        duration_seconds: null,
        notes: null,
      },
      {
        exercise_id: ids.squat,
        sets: 1,
        reps: 4,
        weight: 100,
        duration_seconds: null,
        notes: 'grindy',
      },
      { exercise_id: ids.plank, sets: 1, reps: 1, weight: null, duration_seconds: 60, notes: null },
      { exercise_id: ids.bike, sets: 1, reps: 0, weight: null, duration_seconds: 900, notes: null },
    ])
    const events = sqlite()
      .prepare(
        `SELECT user_id, event_name, event_ts, ingested_at, date_key, source, properties FROM fct_event`,
      )
      .all() as {
      user_id: string
      event_ts: number
      ingested_at: number
      date_key: number
      properties: string
    }[]
    expect(events).toHaveLength(1)
    const [event] = events
    expect(event).toMatchObject({ user_id: 'me', event_name: 'workout_logged', source: 'desktop' })
    expect(event!.event_ts).toBeGreaterThanOrEqual(before)
    expect(event!.ingested_at).toBe(event!.event_ts)
    expect(event!.date_key).toBe(dateKeyOf(event!.event_ts, ZONE))
    expect(JSON.parse(event!.properties)).toEqual({ table: 'fitness_workouts', key: workoutId })
    expect(
      sqlite()
        .prepare(
          `SELECT action_category, is_core_action FROM dim_actions WHERE action_type = 'workout_logged'`,
        )
        .get(),
    ).toEqual({ action_category: 'fitness', is_core_action: 1 })
  })

  it('records the adapter a workout came through as the event source', async () => {
    const web: ServiceContext = { ...ctx, adapter: 'http' }
    const outcome = await invoke(registry, web, 'fitness.logWorkout', {
      date: '2025-03-04',
      sets: [{ exerciseId: ids.bench, reps: 8, weight: 60 }],
    })
    expect(outcome.ok).toBe(true)
    const source = sqlite()
      .prepare('SELECT source FROM fct_event ORDER BY event_key DESC LIMIT 1')
      .pluck()
      .get()
    expect(source).toBe('web')
    expect(count('users')).toBe(1)
  })

  it.each([
    [{ date: '2025-02-30', sets: [{ exerciseId: 1, reps: 5 }] }, 'date', /real calendar date/],
    [{ date: '2025-03-01', sets: [] }, 'sets', /at least one set/],
    [
      {
        date: '2025-03-01',
        sets: [
          { exerciseId: 1, reps: 5 },
          { exerciseId: 1, reps: 5 },
          { exerciseId: 1, reps: 2.5 },
        ],
      },
      'sets.2.reps',
      /Reps must be a whole number/,
    ],
    [
      { date: '2025-03-01', sets: [{ exerciseId: 1, reps: 5, weight: -20 }] },
      'sets.0.weight',
      /Weight cannot be negative/,
    ],
    [
      { date: '2025-03-01', durationMinutes: 2000, sets: [{ exerciseId: 1, reps: 5 }] },
      'durationMinutes',
      /at most 1440/,
    ],
    [{ date: '2025-03-01', sets: [{ exerciseId: 1, reps: 5, rpe: 8 }] }, 'sets.0', /rpe/],
  ])('refuses %j naming the field, changing nothing', async (input, field, message) => {
    const error = await refused('fitness.logWorkout', input)
    expect(error).toMatchObject({ code: 'invalid_input', field })
    expect(error.message).toMatch(message)
  })

  it('refuses unknown exercise and program ids by field, with nothing written', async () => {
    const sets = [
      { exerciseId: ids.squat, reps: 5, weight: 100 },
      { exerciseId: 9999, reps: 5, weight: 100 },
    ]
    const exercise = await refused('fitness.logWorkout', { date: '2025-03-05', sets })
    expect(exercise).toEqual({
      code: 'invalid_input',
      field: 'sets.1.exerciseId',
      message: 'Set 2: exercise 9999 does not exist',
    })
    const program = await refused('fitness.logWorkout', {
      date: '2025-03-05',
      programId: 4242,
      sets: sets.slice(0, 1),
    })
    expect(program).toMatchObject({ code: 'invalid_input', field: 'programId' })
    expect(program.message).toContain('4242')
  })

  it('writes nothing, not even the owner, when the last write of the transaction fails', async () => {
    const fresh = await Session.open(join(tempDir(), 'atomic.db'))
    try {
      const db = fresh.handle.sqlite
      const exerciseId = Number(
        db
          .prepare(
            `INSERT INTO fitness_exercises (exercise_name, exercise_type) VALUES ('Squat', 'strength')`,
          )
          .run().lastInsertRowid,
      )
      // A temporary trigger lives on this connection only, so the file's schema is untouched.
      db.exec(
        `CREATE TEMP TRIGGER refuse_events BEFORE INSERT ON fct_event BEGIN SELECT RAISE(ABORT, 'no events today'); END`,
      )
      const before = databaseChecksum(db)
      // invoke logs unexpected failures; this one is expected.
      const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
      const outcome = await invoke(registry, { ...ctx, session: fresh }, 'fitness.logWorkout', {
        date: '2025-03-05',
        sets: [{ exerciseId, reps: 5, weight: 80 }],
      })
      quiet.mockRestore()
      expect(outcome).toMatchObject({ ok: false, error: { code: 'internal' } })
      expect(databaseChecksum(db)).toBe(before)
      expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0)
    } finally {
      await fresh.close()
    }
  })
})

describe('fitness.previousPerformance', () => {
  beforeAll(async () => {
    const log = (date: string, sets: { exerciseId: number; reps: number; weight?: number }[]) =>
      ok<{ workoutId: number }>('fitness.logWorkout', { date, sets })
    await log('2025-04-01', [
      { exerciseId: ids.row, reps: 8, weight: 60 },
      { exerciseId: ids.row, reps: 8, weight: 60 },
    ])
    await log('2025-04-08', [
      { exerciseId: ids.row, reps: 8, weight: 62.5 },
      { exerciseId: ids.squat, reps: 5, weight: 105 },
      { exerciseId: ids.row, reps: 7, weight: 62.5 },
    ])
    // Same day, entered later: this one counts as the latest of the day.
    await log('2025-04-08', [{ exerciseId: ids.row, reps: 10, weight: 50 }])
    await log('2025-04-15', [{ exerciseId: ids.row, reps: 8, weight: 65 }])
  })

  it('gives each exercise’s sets from the latest workout before the day, and only those', async () => {
    const result = await ok<PreviousPerformance[]>('fitness.previousPerformance', {
      exerciseIds: [ids.row, ids.squat, ids.bench, ids.bike],
      before: '2025-04-15',
    })
    const byExercise = new Map(result.map((p) => [p.exerciseId, p]))
    expect(byExercise.get(ids.row)).toMatchObject({
      date: '2025-04-08',
      sets: [{ reps: 10, weight: 50, durationSeconds: null, notes: null }],
    })
    expect(byExercise.get(ids.squat)).toMatchObject({
      date: '2025-04-08',
      sets: [{ reps: 5, weight: 105 }],
    })
    // Bench was last done on 2025-03-04 (the web test above); the bike on 2025-03-03.
    expect(byExercise.get(ids.bench)?.date).toBe('2025-03-04')
    expect(byExercise.get(ids.bike)?.sets).toEqual([
      { reps: 0, weight: null, durationSeconds: 900, notes: null },
    ])
  })

  it('without a day, takes the very latest workout; an exercise never done is left out', async () => {
    const never = insert('fitness_exercises', {
      exercise_name: 'Nordic Curl',
      exercise_type: 'strength',
    })
    const result = await ok<PreviousPerformance[]>('fitness.previousPerformance', {
      exerciseIds: [ids.row, never],
    })
    expect(result).toHaveLength(1)
    expect(result[0]).toMatchObject({ exerciseId: ids.row, date: '2025-04-15' })
    expect(result[0]!.sets).toEqual([{ reps: 8, weight: 65, durationSeconds: null, notes: null }])
  })

  it('keeps the order of sets within the workout, and counts other people’s workouts out', async () => {
    const stranger = insert('users', { user_id: 'u-77', username: 'stranger' })
    const theirs = insert('fitness_workouts', { user_id: stranger, workout_date: '2025-05-01' })
    insert('fitness_exercise_logs', {
      workout_id: theirs,
      exercise_id: ids.row,
      sets: 1,
      reps: 12,
      weight: 40,
    })
    const latest = await ok<PreviousPerformance[]>('fitness.previousPerformance', {
      exerciseIds: [ids.row],
    })
    expect(latest[0]!.date).toBe('2025-04-15')
    const earlier = await ok<PreviousPerformance[]>('fitness.previousPerformance', {
      exerciseIds: [ids.row],
      before: '2025-04-08',
    })
    expect(earlier[0]!.sets.map((s) => s.weight)).toEqual([60, 60])
  })

  it('names a bad day', async () => {
    const error = await refused('fitness.previousPerformance', {
      exerciseIds: [ids.row],
      before: '15/04/2025',
    })
    expect(error).toMatchObject({ code: 'invalid_input', field: 'before' })
  })
})
