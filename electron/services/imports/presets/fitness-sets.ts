// What the workout presets share: a set record, how it is written, its notes, the exercise type
// it suggests, and detection by the share of the header a preset understands.
import type { Statement } from 'better-sqlite3'
import { LogbookError } from '../../../../shared/errors'
import type { TableName } from '../../../../shared/schema'
import { findColumn, normaliseHeader } from '../columns'
import type {
  ExerciseType,
  FieldSpec,
  ImportTx,
  NaturalKey,
  PresetMatch,
  WriteOutcome,
} from '../types'

export const FITNESS_TARGETS: readonly TableName[] = [
  'fitness_workouts',
  'fitness_exercise_logs',
  'fitness_exercises',
  'users',
]

/** The workout a set belongs to, as the row that first names it describes it. */
export interface WorkoutRef {
  key: NaturalKey
  /** YYYY-MM-DD, local. */
  date: string
  notes: string | null
  durationMinutes: number | null
  /** For messages: how a person would name it (`2024-03-04 18:02:11 Push Day`). */
  label: string
}

/** One set, in canonical units. */
export interface SetRecord {
  workout: WorkoutRef
  key: NaturalKey
  /** The exercise within its workout (`<workout key>|<exercise>`), for notes that come later. */
  group: string
  exercise: string
  exerciseType: ExerciseType
  reps: number
  /** kg; null for unloaded work. */
  weight: number | null
  durationSeconds: number | null
  notes: string | null
}

/** The most a workout can last in fitness_workouts (one day). */
export const MAX_WORKOUT_MINUTES = 1440

/** Minutes for total_duration_minutes, or null when there is none or it is over a day. */
export function workoutMinutes(seconds: number | null): number | null {
  if (seconds === null || seconds <= 0) return null
  const minutes = Math.round(seconds / 60)
  return minutes > MAX_WORKOUT_MINUTES ? null : minutes
}

/** An exercise name as a key: trimmed, inner spaces collapsed, lower case. */
export function exerciseKey(name: string) {
  return name.trim().replace(/\s+/g, ' ').toLowerCase()
}

/** Notes from parts, `; ` between them, line breaks as LF; null when every part is empty. */
export function joinNotes(parts: readonly (string | null | undefined)[]): string | null {
  const kept = parts.map((p) => p?.replace(/\r\n?/g, '\n').trim() ?? '').filter((p) => p !== '')
  return kept.length > 0 ? kept.join('; ') : null
}

/**
 * A workout the app stamps with its start (Strong, Hevy): keyed by that start alone, so a
 * workout renamed between two exports is still one; its name leads its notes.
 */
export function timedWorkout(
  app: string,
  start: { stamp: string; day: string },
  name: string | null,
  notes: string | null,
  seconds: number | null,
): WorkoutRef {
  return {
    key: { scope: `${app}:workout`, key: start.stamp },
    date: start.day,
    notes: workoutNotes(name, notes),
    durationMinutes: workoutMinutes(seconds),
    label: `${start.stamp}${name ? ` (${name})` : ''}`,
  }
}

/** A day's training as one workout (FitNotes, Fitbod: rows carry no start or name). */
export function dayWorkout(app: string, day: string): WorkoutRef {
  return {
    key: { scope: `${app}:workout`, key: day },
    date: day,
    notes: null,
    durationMinutes: null,
    label: day,
  }
}

/** Workout notes: the workout's name (which has no column of its own) first, its notes below. */
export function workoutNotes(name: string | null, notes: string | null): string | null {
  const lines = [name, notes].map((p) => p?.replace(/\r\n?/g, '\n').trim() ?? '')
  return lines.filter((p) => p !== '').join('\n') || null
}

/** `RPE 8`, `RPE 7.5`. */
export function rpeNote(rpe: number | null) {
  return rpe === null ? null : `RPE ${rpe}`
}

/**
 * The type a new exercise gets from its first set: loaded work is strength, work with a distance
 * cardio, anything else (reps or a timed hold) bodyweight. An exercise already in Logbook keeps
 * its own type.
 */
export function exerciseTypeOf(set: {
  weight: number | null
  distanceKm: number | null
  cardio?: boolean
}): ExerciseType {
  if (set.cardio) return 'cardio'
  if (set.weight !== null) return 'strength'
  if (set.distanceKm !== null) return 'cardio'
  return 'bodyweight'
}

/** Nothing to log: no weight, no reps, no distance, no time (Strong's unfilled set). */
export function isEmptySet(set: {
  weight: number | null
  reps: number | null
  distanceKm: number | null
  seconds: number | null
}) {
  return set.weight === null && !set.reps && set.distanceKm === null && set.seconds === null
}

/** Zero means "not filled in" for weights, distances and times in every export read here. */
export function positiveOrNull(value: number | null) {
  return value === null || value === 0 ? null : value
}

/**
 * Per (workout, exercise): how many of its sets have been read, in file order. A set's ordinal
 * is its natural key: the same export, or a later one, numbers it the same way.
 */
export class Ordinals {
  private readonly counts = new Map<string, number>()

  next(group: string): number {
    const n = (this.counts.get(group) ?? 0) + 1
    this.counts.set(group, n)
    return n
  }
}

/** The workout row for a key: found (checked to still exist) or made. */
function workoutId(record: SetRecord, tx: ImportTx): number {
  const { workout } = record
  const found = tx.findKey(workout.key)
  if (found === undefined) {
    return tx.insert(
      'fitness_workouts',
      {
        user_id: tx.owner().id,
        workout_date: workout.date,
        workout_notes: workout.notes,
        total_duration_minutes: workout.durationMinutes,
      },
      workout.key,
    )
  }
  const exists = tx.sqlite.prepare('SELECT 1 FROM fitness_workouts WHERE id = ?').get(found)
  if (exists === undefined) {
    throw new LogbookError(
      'conflict',
      `The workout ${workout.label} was deleted after an earlier import; undo that import to import it again`,
    )
  }
  return found
}

const exerciseLookups = new WeakMap<ImportTx['sqlite'], Statement>()

/**
 * An exercise already in Logbook, matched as the table's UNIQUE ... COLLATE NOCASE compares. Asked
 * before tx.exerciseId, which compares SQLite's lower() (ASCII only) with JavaScript's
 * toLowerCase(): it misses an existing `Überzüge` and then fails the UNIQUE constraint making it
 * again, refusing every set of it.
 */
function existingExercise(tx: ImportTx, name: string): number | undefined {
  let lookup = exerciseLookups.get(tx.sqlite)
  if (!lookup) {
    lookup = tx.sqlite
      .prepare(
        'SELECT id FROM fitness_exercises WHERE exercise_name = ? COLLATE NOCASE ORDER BY id LIMIT 1',
      )
      .pluck()
    exerciseLookups.set(tx.sqlite, lookup)
  }
  return lookup.get(name.trim()) as number | undefined
}

/**
 * A set: a duplicate when its key is known; otherwise its workout (found or made), its exercise
 * (found by name or made) and the set row, which is returned.
 */
export function writeSet(
  record: SetRecord,
  tx: ImportTx,
): { outcome: WriteOutcome; rowId: number | null } {
  if (tx.findKey(record.key) !== undefined) return { outcome: 'duplicate', rowId: null }
  const workout = workoutId(record, tx)
  const exerciseId =
    existingExercise(tx, record.exercise) ?? tx.exerciseId(record.exercise, record.exerciseType)
  const rowId = tx.insert(
    'fitness_exercise_logs',
    {
      workout_id: workout,
      exercise_id: exerciseId,
      sets: 1,
      reps: record.reps,
      weight: record.weight,
      duration_seconds: record.durationSeconds,
      notes: record.notes,
    },
    record.key,
  )
  return { outcome: 'inserted', rowId }
}

/** Appends a note to a set written earlier in this import (a Strong note row after its sets). */
export function appendSetNote(tx: ImportTx, rowId: number, note: string) {
  const current = tx.sqlite
    .prepare('SELECT notes FROM fitness_exercise_logs WHERE id = ?')
    .pluck()
    .get(rowId) as string | null | undefined
  if (current === undefined) return
  tx.update('fitness_exercise_logs', rowId, { notes: joinNotes([current, note]) })
}

/**
 * detect() for a workout export: null unless every `required` field has a column; otherwise the
 * share of the header's named columns this preset reads or knows (`known`), so a file that is
 * exactly the export scores 1.
 */
export function detectFields(
  fields: readonly FieldSpec[],
  header: readonly string[],
  required: readonly string[],
  known: readonly string[],
  what: string,
): PresetMatch | null {
  const byKey = new Map(fields.map((f) => [f.key, f]))
  const requiredColumns: number[] = []
  for (const key of required) {
    const field = byKey.get(key)
    const index = field ? findColumn(field, header) : undefined
    if (index === undefined) return null
    requiredColumns.push(index)
  }
  const understood = new Set<number>()
  for (const field of fields) {
    const index = findColumn(field, header)
    if (index !== undefined) understood.add(index)
  }
  const knownNames = new Set(known.map(normaliseHeader))
  header.forEach((name, index) => {
    if (knownNames.has(normaliseHeader(name))) understood.add(index)
  })
  const named = header.filter((name) => normaliseHeader(name) !== '').length
  const score = named === 0 ? 0 : [...understood].filter((i) => header[i]?.trim()).length / named
  const shown = requiredColumns.map((i) => `“${header[i] ?? ''}”`).join(', ')
  return { score, reason: `${what}: the header has ${shown}` }
}

/** The field specs' column names, normalised, for presets telling their variants apart. */
export function boundName(
  columns: ReadonlyMap<string, number>,
  header: readonly string[],
  key: string,
) {
  const index = columns.get(key)
  return index === undefined ? '' : normaliseHeader(header[index] ?? '')
}
