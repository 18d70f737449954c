import type BetterSqlite3 from 'better-sqlite3'
import type { PerformedSet, PreviousPerformance } from '../../../shared/contract/fitness'
import { findOwner } from './owner'

/** A row may stand for several identical sets (imports); shown one by one, within reason. */
const MAX_EXPANDED = 50

interface SetRow {
  sets: number
  reps: number
  weight: number | null
  durationSeconds: number | null
  notes: string | null
}

/**
 * For each exercise, the sets done in the latest workout that holds it (strictly before
 * `before` when given). Ties on a date go to the later-entered workout. Only the owner's
 * workouts count (and workouts nobody owns, as older imports leave them).
 */
export function previousPerformance(
  sqlite: BetterSqlite3.Database,
  exerciseIds: readonly number[],
  before: string | undefined,
): PreviousPerformance[] {
  const owner = findOwner(sqlite)
  const latest = sqlite.prepare(
    `SELECT w.id, w.workout_date AS date
     FROM fitness_exercise_logs l JOIN fitness_workouts w ON w.id = l.workout_id
     WHERE l.exercise_id = @exerciseId
       AND (@before IS NULL OR w.workout_date < @before)
       AND (w.user_id IS NULL OR w.user_id = @ownerId)
     ORDER BY w.workout_date DESC, w.id DESC
     LIMIT 1`,
  )
  const sets = sqlite.prepare(
    `SELECT sets, reps, weight, duration_seconds AS durationSeconds, notes
     FROM fitness_exercise_logs WHERE workout_id = ? AND exercise_id = ? ORDER BY id`,
  )
  const result: PreviousPerformance[] = []
  for (const exerciseId of new Set(exerciseIds)) {
    const workout = latest.get({
      exerciseId,
      before: before ?? null,
      ownerId: owner?.id ?? null,
    }) as { id: number; date: string } | undefined
    if (!workout) continue
    const performed: PerformedSet[] = []
    for (const row of sets.all(workout.id, exerciseId) as SetRow[]) {
      const { sets: times, ...set } = row
      for (let i = 0; i < times && performed.length < MAX_EXPANDED; i++) performed.push({ ...set })
    }
    result.push({ exerciseId, workoutId: workout.id, date: workout.date, sets: performed })
  }
  return result
}
