// Hevy's workout export: one row per set, units in the column names (weight_kg or weight_lbs,
// distance_km or distance_miles), start and end as `8 Apr 2026, 16:50`.
import { RowCells } from '../cells'
import { distanceUnit, formatKm, weightUnit } from '../parse/units'
import type { FieldSpec, PresetDefinition } from '../types'
import { parseDayMonthYear, type WallClock } from './fitness-dates'
import {
  readDistanceKm,
  readReps,
  readRpe,
  readSeconds,
  readWeightKg,
  unitOfColumn,
} from './fitness-measures'
import {
  FITNESS_TARGETS,
  Ordinals,
  boundName,
  detectFields,
  exerciseKey,
  exerciseTypeOf,
  isEmptySet,
  joinNotes,
  rpeNote,
  writeSet,
  type SetRecord,
  timedWorkout,
} from './fitness-sets'

export const HEVY_FIELDS: readonly FieldSpec[] = [
  {
    key: 'title',
    label: 'Workout name (first line of the workout notes)',
    type: 'text',
    aliases: ['title'],
  },
  {
    key: 'start',
    label: 'Workout start (local time): workout date and key',
    type: 'datetime',
    aliases: ['start_time'],
    required: true,
  },
  {
    key: 'end',
    label: 'Workout end: workout length (minutes)',
    type: 'datetime',
    aliases: ['end_time'],
  },
  { key: 'description', label: 'Workout notes', type: 'text', aliases: ['description'] },
  {
    key: 'exercise',
    label: 'Exercise',
    type: 'text',
    aliases: ['exercise_title'],
    required: true,
  },
  {
    key: 'superset',
    label: 'Superset (in the set notes)',
    type: 'integer',
    aliases: ['superset_id'],
  },
  {
    key: 'exerciseNotes',
    label: 'Exercise notes (in the notes of its first set)',
    type: 'text',
    aliases: ['exercise_notes'],
  },
  {
    key: 'setType',
    label: 'Set type: warm-up, drop set, failure (in the set notes)',
    type: 'text',
    aliases: ['set_type'],
  },
  {
    key: 'weight',
    label: 'Set weight (kg, lbs converted)',
    type: 'number',
    aliases: ['weight_kg', 'weight_lbs', 'weight_lb', 'weight'],
  },
  { key: 'reps', label: 'Reps', type: 'integer', aliases: ['reps'] },
  {
    key: 'distance',
    label: 'Distance (km, in the set notes)',
    type: 'number',
    aliases: ['distance_km', 'distance_miles', 'distance_mi', 'distance_m', 'distance'],
  },
  {
    key: 'seconds',
    label: 'Set time (seconds)',
    type: 'integer',
    aliases: ['duration_seconds'],
  },
  { key: 'rpe', label: 'RPE (in the set notes)', type: 'number', aliases: ['rpe'] },
]

/** Read by no field: a set's place comes from the row order (set_index restarts per block). */
const KNOWN = ['set_index']

const SET_TYPES: Readonly<Record<string, string | null>> = {
  normal: null,
  warmup: 'warm-up',
  dropset: 'drop set',
  failure: 'failure',
}

function setTypeNote(text: string | null) {
  if (text === null) return null
  const folded = text.toLowerCase().replace(/[\s_-]+/g, '')
  return Object.hasOwn(SET_TYPES, folded) ? (SET_TYPES[folded] ?? null) : text
}

export const hevyPreset: PresetDefinition<SetRecord> = {
  name: 'hevy',
  label: 'Hevy',
  description:
    'Workouts exported from the Hevy app (kg or lbs, km or miles, as its column names say).',
  targets: FITNESS_TARGETS,
  fields: HEVY_FIELDS,
  detect(header) {
    const imperial = header.some((name) => /^weight_lbs?$/i.test(name.trim()))
    return detectFields(
      HEVY_FIELDS,
      header,
      ['start', 'exercise'],
      KNOWN,
      `Hevy export (${imperial ? 'lbs' : 'kg'})`,
    )
  },
  bind(columns, header, { delimiter, timeZone }) {
    const weightSource = {
      fixed: unitOfColumn(boundName(columns, header, 'weight'), weightUnit, 'kg' as const),
    }
    const distanceSource = {
      fixed: unitOfColumn(boundName(columns, header, 'distance'), distanceUnit, 'km' as const),
    }
    const ordinals = new Ordinals()
    /** The exercise note already put on a set of this group, so it is not repeated per set. */
    const notedExercise = new Map<string, string>()

    const readTime = (cells: RowCells, key: string, required: boolean): WallClock | null => {
      const text = cells.text(key, { required })
      if (text === null) return null
      const parsed = parseDayMonthYear(text, timeZone)
      return parsed.ok ? parsed.value : cells.problem(key, parsed.reason)
    }

    return {
      parse(row, line) {
        const cells = new RowCells(columns, header, row, line, { delimiter })
        const start = readTime(cells, 'start', true)
        const end = readTime(cells, 'end', false)
        const title = cells.text('title', { max: 200 })
        const description = cells.text('description', { max: 10_000 })
        const exercise = cells.text('exercise', { required: true, max: 200 })
        const superset = cells.number('superset', { min: 0, integer: true })
        const exerciseNotes = cells.text('exerciseNotes', { max: 10_000 })
        const setType = setTypeNote(cells.text('setType', { max: 40 }))
        const group = start && exercise ? `${start.stamp}|${exerciseKey(exercise)}` : null
        const ordinal = group === null ? 0 : ordinals.next(group)
        const weight = readWeightKg(cells, 'weight', weightSource)
        const reps = readReps(cells, 'reps')
        const distanceKm = readDistanceKm(cells, 'distance', distanceSource)
        const seconds = readSeconds(cells, 'seconds')
        const rpe = readRpe(cells, 'rpe')
        if (cells.problems.length > 0 || start === null || exercise === null || group === null) {
          return { kind: 'reject', problems: cells.problems }
        }
        if (isEmptySet({ weight, reps, distanceKm, seconds })) {
          return { kind: 'skip', reason: 'a set with no weight, reps, distance or time' }
        }
        const exerciseNote =
          exerciseNotes !== null && notedExercise.get(group) !== exerciseNotes
            ? exerciseNotes
            : null
        if (exerciseNote !== null) notedExercise.set(group, exerciseNote)
        const lengthSeconds = end === null ? null : (end.epochMs - start.epochMs) / 1000
        const record: SetRecord = {
          workout: timedWorkout('hevy', start, title, description, lengthSeconds),
          key: { scope: 'hevy:set', key: `${group}|${ordinal}` },
          group,
          exercise,
          exerciseType: exerciseTypeOf({ weight, distanceKm }),
          reps: reps ?? 0,
          weight,
          durationSeconds: seconds,
          notes: joinNotes([
            setType,
            superset === null ? null : `superset ${superset + 1}`,
            distanceKm === null ? null : formatKm(distanceKm),
            rpeNote(rpe),
            exerciseNote,
          ]),
        }
        return { kind: 'record', record }
      },
      write: (record, tx) => writeSet(record, tx).outcome,
    }
  },
}
