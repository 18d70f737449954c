import type BetterSqlite3 from 'better-sqlite3'
import { isoToDateKey, type DateKey } from '../../../../shared/time'
import { NAME_SQL } from '../../studio/members'
import { dateInRange, epley, type Scope } from './common'

// The fitness rows the reports read, in one place. Weights are kg (the canonical unit).

/** One fitness_exercise_logs row with its workout and exercise. */
export interface SetRow {
  workoutId: number
  userId: number | null
  day: DateKey
  exerciseId: number
  exercise: string
  bodyPart: string | null
  sets: number
  reps: number
  weight: number | null
}

/** Sets of workouts dated from `fromDate` to `toDate` (either may be null: no bound). */
export function readSets(
  sqlite: BetterSqlite3.Database,
  range: Pick<Scope, 'fromDate' | 'toDate'>,
): SetRow[] {
  const rows = sqlite
    .prepare(
      `SELECT w.id, w.user_id, w.workout_date, l.exercise_id, e.exercise_name, e.body_part,
         l.sets, l.reps, l.weight
       FROM fitness_exercise_logs l
       JOIN fitness_workouts w ON w.id = l.workout_id
       JOIN fitness_exercises e ON e.id = l.exercise_id
       WHERE ${dateInRange('w.workout_date')}
       ORDER BY w.workout_date, w.id, l.id`,
    )
    .raw()
    .all({ fromDate: range.fromDate, toDate: range.toDate }) as [
    number,
    number | null,
    string,
    number,
    string,
    string | null,
    number,
    number,
    number | null,
  ][]
  return rows.map(([workoutId, userId, date, exerciseId, exercise, bodyPart, sets, reps, w]) => ({
    workoutId,
    userId,
    day: isoToDateKey(date),
    exerciseId,
    exercise,
    bodyPart: bodyPart === null || bodyPart.trim() === '' ? null : bodyPart,
    sets,
    reps,
    weight: w,
  }))
}

/** Volume of a log row: sets × reps × weight; no weight (body weight, timed work) adds none. */
export const volumeOf = (row: Pick<SetRow, 'sets' | 'reps' | 'weight'>) =>
  row.sets * row.reps * (row.weight ?? 0)

/** A row counts for weight records when it lifted a load at least once. */
export const isLoaded = (row: Pick<SetRow, 'reps' | 'weight'>) =>
  row.weight !== null && row.weight > 0 && row.reps >= 1

/** Epley is a fair estimate up to about a dozen reps; longer sets give no e1RM. */
export const E1RM_MAX_REPS = 12

/** A set's estimated one-rep max (kg), or null when it has no load or too many reps. */
export function e1rmOf(row: Pick<SetRow, 'reps' | 'weight'>): number | null {
  if (!isLoaded(row) || row.reps > E1RM_MAX_REPS) return null
  return epley(row.weight as number, row.reps)
}

/** Display names of everyone, by users.id (the name, else first and last, else username). */
export function personNames(sqlite: BetterSqlite3.Database): Map<number, string> {
  const rows = sqlite.prepare(`SELECT u.id, ${NAME_SQL} FROM users u`).raw().all() as [
    number,
    string,
  ][]
  return new Map(rows)
}

export const personName = (names: Map<number, string>, id: number | null) =>
  id === null ? null : (names.get(id) ?? null)

/** Body measurements: the columns a report reads, their names in reports and units. */
export const MEASURES = [
  { column: 'weight', name: 'weight_kg', unit: 'kg' },
  { column: 'body_fat_percentage', name: 'body_fat_pct', unit: '%' },
  { column: 'waist', name: 'waist_cm', unit: 'cm' },
  { column: 'chest', name: 'chest_cm', unit: 'cm' },
  { column: 'neck', name: 'neck_cm', unit: 'cm' },
  { column: 'bicep', name: 'bicep_cm', unit: 'cm' },
  { column: 'tricep', name: 'tricep_cm', unit: 'cm' },
  { column: 'thighs', name: 'thighs_cm', unit: 'cm' },
  { column: 'calves', name: 'calves_cm', unit: 'cm' },
  { column: 'height', name: 'height_cm', unit: 'cm' },
] as const

export interface MeasurementRow {
  userId: number | null
  day: DateKey
  values: (number | null)[]
}

/** Measurements dated from `fromDate` to `toDate` (either may be null), oldest first. */
export function readMeasurements(
  sqlite: BetterSqlite3.Database,
  fromDate: string | null,
  toDate: string | null,
): MeasurementRow[] {
  const columns = MEASURES.map((m) => m.column).join(', ')
  const rows = sqlite
    .prepare(
      `SELECT user_id, measurement_date, ${columns} FROM fitness_measurements
       WHERE ${dateInRange('measurement_date')}
       ORDER BY measurement_date, id`,
    )
    .raw()
    .all({ fromDate, toDate }) as [number | null, string, ...(number | null)[]][]
  return rows.map(([userId, date, ...values]) => ({ userId, day: isoToDateKey(date), values }))
}
