import type BetterSqlite3 from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import type { LoggedWorkout } from '../../../shared/contract/fitness'
import { LogbookError } from '../../../shared/errors'
import { dateKeyOf } from '../../../shared/time'
import { auditRowChange } from '../audit/rows'
import type { AuditSource } from '../audit/write'
import type { ServiceContext } from '../context'
import { keepRollupsCurrent } from '../rollups/upkeep'
import { ensureOwner } from './owner'

const SOURCE = { ipc: 'desktop', http: 'web', cli: 'api' } as const satisfies Record<
  ServiceContext['adapter'],
  string
>

export interface LogOptions {
  adapter: ServiceContext['adapter']
  timeZone: string
  /** Epoch ms of the write; the event happens now, whatever day the workout is dated. */
  now: number
  /** The contract method logging it, for the audit log. */
  method?: string
}

const created = (table: string, key: number) => ({ table, keyColumn: 'id', key, before: null })

/** Unknown ids are named with the field a person would fix, before SQLite says less. */
function checkReferences(sqlite: BetterSqlite3.Database, workout: LoggedWorkout) {
  if (workout.programId != null) {
    const found = sqlite
      .prepare('SELECT 1 FROM fitness_programs WHERE id = ?')
      .get(workout.programId)
    if (found === undefined)
      throw new LogbookError(
        'invalid_input',
        `Program ${workout.programId} does not exist`,
        'programId',
      )
  }
  const exercise = sqlite.prepare('SELECT 1 FROM fitness_exercises WHERE id = ?').pluck()
  const known = new Set<number>()
  workout.sets.forEach((set, index) => {
    if (known.has(set.exerciseId)) return
    if (exercise.get(set.exerciseId) === undefined)
      throw new LogbookError(
        'invalid_input',
        `Set ${index + 1}: exercise ${set.exerciseId} does not exist`,
        `sets.${index}.exerciseId`,
      )
    known.add(set.exerciseId)
  })
}

/**
 * The workout, its sets (one fitness_exercise_logs row per set) and one `workout_logged` event,
 * in one transaction: a refused input or a failing insert writes nothing at all.
 */
export function logWorkout(
  sqlite: BetterSqlite3.Database,
  workout: LoggedWorkout,
  options: LogOptions,
): number {
  const write = sqlite.transaction(() => {
    checkReferences(sqlite, workout)
    const owner = ensureOwner(sqlite)
    const workoutId = Number(
      sqlite
        .prepare(
          `INSERT INTO fitness_workouts (user_id, program_id, workout_date, workout_notes, total_duration_minutes)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(
          owner.id,
          workout.programId ?? null,
          workout.date,
          workout.notes ?? null,
          workout.durationMinutes ?? null,
        ).lastInsertRowid,
    )
    const insertSet = sqlite.prepare(
      `INSERT INTO fitness_exercise_logs (workout_id, exercise_id, sets, reps, weight, duration_seconds, notes)
       VALUES (?, ?, 1, ?, ?, ?, ?)`,
    )
    const audit: AuditSource = {
      adapter: options.adapter,
      method: options.method ?? 'fitness.logWorkout',
    }
    auditRowChange(sqlite, audit, created('fitness_workouts', workoutId))
    for (const set of workout.sets) {
      const { lastInsertRowid } = insertSet.run(
        workoutId,
        set.exerciseId,
        set.reps,
        set.weight ?? null,
        set.durationSeconds ?? null,
        set.notes ?? null,
      )
      auditRowChange(sqlite, audit, created('fitness_exercise_logs', Number(lastInsertRowid)))
    }
    writeWorkoutEvent(sqlite, owner.userId, workoutId, options)
    keepRollupsCurrent(sqlite)
    return workoutId
  })
  return write()
}

function writeWorkoutEvent(
  sqlite: BetterSqlite3.Database,
  userId: string,
  workoutId: number,
  { adapter, timeZone, now }: LogOptions,
) {
  sqlite
    .prepare(
      `INSERT INTO dim_actions (action_type, action_category, engagement_weight, is_core_action)
       VALUES ('workout_logged', 'fitness', 1, 1) ON CONFLICT (action_type) DO NOTHING`,
    )
    .run()
  sqlite
    .prepare(
      `INSERT INTO fct_event (event_id, user_id, event_name, event_ts, ingested_at, date_key, source, properties)
       VALUES (?, ?, 'workout_logged', ?, ?, ?, ?, ?)`,
    )
    .run(
      randomUUID(),
      userId,
      now,
      now,
      dateKeyOf(now, timeZone),
      SOURCE[adapter],
      JSON.stringify({ table: 'fitness_workouts', key: workoutId }),
    )
}
