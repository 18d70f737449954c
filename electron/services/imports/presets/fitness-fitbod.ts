// Fitbod's workout export: one row per set, timestamps with a UTC offset, kg in the column name,
// distances in metres; one workout per local day.
import { RowCells } from '../cells'
import { parseDateTime } from '../parse/dates'
import { distanceUnit, formatKm, weightUnit } from '../parse/units'
import type { FieldSpec, PresetDefinition } from '../types'
import {
  readDistanceKm,
  readReps,
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
  positiveOrNull,
  writeSet,
  type SetRecord,
  dayWorkout,
} from './fitness-sets'

export const FITBOD_FIELDS: readonly FieldSpec[] = [
  {
    key: 'date',
    label: 'Set time (its local day is the workout: one per day)',
    type: 'datetime',
    aliases: ['Date'],
    required: true,
  },
  { key: 'exercise', label: 'Exercise', type: 'text', aliases: ['Exercise'], required: true },
  { key: 'reps', label: 'Reps', type: 'integer', aliases: ['Reps'] },
  {
    key: 'weight',
    label: 'Set weight (kg, lbs converted)',
    type: 'number',
    aliases: [/^weight ?\((kgs?|lbs?)\)$/, 'Weight'],
  },
  {
    key: 'seconds',
    label: 'Set time (seconds)',
    type: 'integer',
    aliases: [/^duration ?\((s|sec|seconds)\)$/],
  },
  {
    key: 'distance',
    label: 'Distance (km, in the set notes)',
    type: 'number',
    aliases: [/^distance ?\((m|km|mi|miles|ft)\)$/],
  },
  { key: 'incline', label: 'Incline (in the set notes)', type: 'number', aliases: ['Incline'] },
  {
    key: 'resistance',
    label: 'Resistance (in the set notes)',
    type: 'number',
    aliases: ['Resistance'],
  },
  {
    key: 'warmup',
    label: 'Warm-up (in the set notes)',
    type: 'boolean',
    aliases: ['isWarmup'],
  },
  { key: 'note', label: 'Set notes', type: 'text', aliases: ['Note'] },
  {
    key: 'multiplier',
    label: 'Weight multiplier (in the set notes when not 1)',
    type: 'number',
    aliases: ['multiplier'],
  },
]

const TRUE = new Set(['true', 'yes', '1'])
const FALSE = new Set(['false', 'no', '0', ''])

export const fitbodPreset: PresetDefinition<SetRecord> = {
  name: 'fitbod',
  label: 'Fitbod',
  description: 'Workouts exported from the Fitbod app: the sets of one local day make one workout.',
  targets: FITNESS_TARGETS,
  fields: FITBOD_FIELDS,
  detect(header) {
    return detectFields(FITBOD_FIELDS, header, ['date', 'exercise', 'warmup'], [], 'Fitbod export')
  },
  bind(columns, header, { delimiter, timeZone }) {
    const weightSource = {
      fixed: unitOfColumn(boundName(columns, header, 'weight'), weightUnit, 'kg' as const),
    }
    const distanceSource = {
      fixed: unitOfColumn(boundName(columns, header, 'distance'), distanceUnit, 'm' as const),
    }
    const ordinals = new Ordinals()

    return {
      parse(row, line) {
        const cells = new RowCells(columns, header, row, line, { delimiter })
        const dateText = cells.text('date', { required: true })
        const parsed = dateText === null ? null : parseDateTime(dateText, timeZone)
        const day = parsed?.ok ? parsed.value.day : null
        if (parsed && !parsed.ok) cells.problem('date', parsed.reason)
        const exercise = cells.text('exercise', { required: true, max: 200 })
        const group = day !== null && exercise !== null ? `${day}|${exerciseKey(exercise)}` : null
        const ordinal = group === null ? 0 : ordinals.next(group)
        const reps = readReps(cells, 'reps')
        const weight = readWeightKg(cells, 'weight', weightSource)
        const seconds = readSeconds(cells, 'seconds')
        const distanceKm = readDistanceKm(cells, 'distance', distanceSource)
        const incline = positiveOrNull(cells.number('incline'))
        const resistance = positiveOrNull(cells.number('resistance'))
        const warmupText = cells.raw('warmup').trim().toLowerCase()
        if (!TRUE.has(warmupText) && !FALSE.has(warmupText)) {
          cells.problem('warmup', 'is not true or false')
        }
        const note = cells.text('note', { max: 10_000 })
        const multiplier = cells.number('multiplier', { min: 0 })
        if (cells.problems.length > 0 || day === null || exercise === null || group === null) {
          return { kind: 'reject', problems: cells.problems }
        }
        if (isEmptySet({ weight, reps, distanceKm, seconds })) {
          return { kind: 'skip', reason: 'a set with no weight, reps, distance or time' }
        }
        const counted = multiplier !== null && multiplier !== 0 && multiplier !== 1
        const record: SetRecord = {
          workout: dayWorkout('fitbod', day),
          key: { scope: 'fitbod:set', key: `${group}|${ordinal}` },
          group,
          exercise,
          exerciseType: exerciseTypeOf({ weight, distanceKm }),
          reps: reps ?? 0,
          weight,
          durationSeconds: seconds,
          notes: joinNotes([
            TRUE.has(warmupText) ? 'warm-up' : null,
            distanceKm === null ? null : formatKm(distanceKm),
            incline === null ? null : `incline ${incline}`,
            resistance === null ? null : `resistance ${resistance}`,
            counted && weight !== null ? `weight ×${multiplier}` : null,
            note,
          ]),
        }
        return { kind: 'record', record }
      },
      write: (record, tx) => writeSet(record, tx).outcome,
    }
  },
}
