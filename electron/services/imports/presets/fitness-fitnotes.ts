// FitNotes' training log export: one row per set, one workout per day, the weight unit in the
// column name (`Weight (kgs)`, `Weight (lbs)`) or in a `Weight Unit` column.
import { RowCells } from '../cells'
import { parseDay } from '../parse/dates'
import { formatKm, weightUnit } from '../parse/units'
import type { FieldSpec, PresetDefinition } from '../types'
import {
  MAX_SET_SECONDS,
  readDistanceKm,
  readDuration,
  readReps,
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
  writeSet,
  type SetRecord,
  dayWorkout,
} from './fitness-sets'

export const FITNOTES_FIELDS: readonly FieldSpec[] = [
  {
    key: 'date',
    label: 'Workout date (one workout per day)',
    type: 'date',
    aliases: ['Date'],
    required: true,
  },
  { key: 'exercise', label: 'Exercise', type: 'text', aliases: ['Exercise'], required: true },
  {
    key: 'category',
    label: 'Category (Cardio makes a new exercise cardio)',
    type: 'text',
    aliases: ['Category'],
  },
  {
    key: 'weight',
    label: 'Set weight (kg, lbs converted)',
    type: 'number',
    aliases: ['Weight', /^weight ?\((kgs?|lbs?)\)$/],
  },
  { key: 'weightUnit', label: 'Weight unit of the row', type: 'unit', aliases: ['Weight Unit'] },
  { key: 'reps', label: 'Reps', type: 'integer', aliases: ['Reps'] },
  {
    key: 'distance',
    label: 'Distance (km, in the set notes)',
    type: 'number',
    aliases: ['Distance'],
  },
  {
    key: 'distanceUnit',
    label: 'Distance unit of the row',
    type: 'unit',
    aliases: ['Distance Unit'],
  },
  {
    key: 'time',
    label: 'Set time (seconds, from h:mm:ss)',
    type: 'duration',
    aliases: ['Time', 'Duration'],
  },
  { key: 'comment', label: 'Set notes', type: 'text', aliases: ['Comment', 'Notes', 'Note'] },
]

export const fitnotesPreset: PresetDefinition<SetRecord> = {
  name: 'fitnotes',
  label: 'FitNotes',
  description:
    'The training log exported from FitNotes (Android): one workout per day, weights in kg or lbs as the file says (kg when it does not).',
  targets: FITNESS_TARGETS,
  fields: FITNOTES_FIELDS,
  detect(header) {
    const unit = header.find((name) => /^weight ?\(/i.test(name.trim()))
    const what = unit ? `FitNotes export, ${unit}` : 'FitNotes export'
    return detectFields(FITNOTES_FIELDS, header, ['date', 'exercise', 'category'], [], what)
  },
  bind(columns, header, { delimiter }) {
    const weightSource = {
      column: 'weightUnit',
      fixed: unitOfColumn(boundName(columns, header, 'weight'), weightUnit, 'kg' as const),
    }
    const distanceSource = { column: 'distanceUnit', fixed: 'km' as const }
    const ordinals = new Ordinals()

    return {
      parse(row, line) {
        const cells = new RowCells(columns, header, row, line, { delimiter })
        const dayText = cells.text('date', { required: true })
        const parsedDay = dayText === null ? null : parseDay(dayText)
        const day = parsedDay?.ok ? parsedDay.value : null
        if (parsedDay && !parsedDay.ok) cells.problem('date', parsedDay.reason)
        const exercise = cells.text('exercise', { required: true, max: 200 })
        const category = cells.text('category', { max: 100 })
        const group = day !== null && exercise !== null ? `${day}|${exerciseKey(exercise)}` : null
        const ordinal = group === null ? 0 : ordinals.next(group)
        const weight = readWeightKg(cells, 'weight', weightSource)
        const reps = readReps(cells, 'reps')
        const distanceKm = readDistanceKm(cells, 'distance', distanceSource)
        const time = readDuration(cells, 'time', { bare: 'seconds' })
        if (time !== null && time > MAX_SET_SECONDS) cells.problem('time', 'is longer than a day')
        const seconds = time === null || time === 0 ? null : Math.round(time)
        const comment = cells.text('comment', { max: 10_000 })
        if (cells.problems.length > 0 || day === null || exercise === null || group === null) {
          return { kind: 'reject', problems: cells.problems }
        }
        if (isEmptySet({ weight, reps, distanceKm, seconds })) {
          return { kind: 'skip', reason: 'a set with no weight, reps, distance or time' }
        }
        const record: SetRecord = {
          workout: dayWorkout('fitnotes', day),
          key: { scope: 'fitnotes:set', key: `${group}|${ordinal}` },
          group,
          exercise,
          exerciseType: exerciseTypeOf({
            weight,
            distanceKm,
            cardio: category !== null && /cardio/i.test(category),
          }),
          reps: reps ?? 0,
          weight,
          durationSeconds: seconds,
          notes: joinNotes([distanceKm === null ? null : formatKm(distanceKm), comment]),
        }
        return { kind: 'record', record }
      },
      write: (record, tx) => writeSet(record, tx).outcome,
    }
  },
}
