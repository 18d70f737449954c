// Strong's workout export, every version: comma or semicolon, units in columns, in the column
// names or nowhere, a free-text or seconds duration, English or German headers.
import { RowCells } from '../cells'
import { normaliseHeader } from '../columns'
import { parseNumber } from '../../csv/numbers'
import {
  distanceUnit,
  formatKm,
  weightUnit,
  type DistanceUnit,
  type WeightUnit,
} from '../parse/units'
import type { BoundPreset, FieldSpec, ImportTx, PresetDefinition, PresetMatch } from '../types'
import { parseWallClock } from './fitness-dates'
import {
  readDistanceKm,
  readDuration,
  readReps,
  readRpe,
  readSeconds,
  readWeightKg,
  unitOfColumn,
} from './fitness-measures'
import {
  FITNESS_TARGETS,
  Ordinals,
  appendSetNote,
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

const UNIT_WEIGHT = /^(weight|gewicht) ?\((kgs?|lbs?)\)$/
const UNIT_DISTANCE =
  /^(distance|distanz|entfernung) ?\((m|meters?|metres?|km|kilometers?|kilometres?|mi\.?|miles?|meilen|ft|feet|yd|yards?)\)$/
const SECONDS_DURATION =
  /^(duration|dauer|trainingsdauer) ?\((s|sec|secs|seconds|sek\.?|sekunden)\)$/

export const STRONG_FIELDS: readonly FieldSpec[] = [
  {
    key: 'date',
    label: 'Workout start (local time): workout date and key',
    type: 'datetime',
    aliases: ['Date', 'Datum'],
    required: true,
  },
  {
    key: 'workoutName',
    label: 'Workout name (first line of the workout notes)',
    type: 'text',
    aliases: ['Workout Name', 'Trainingsname', 'Name des Trainings'],
  },
  {
    key: 'duration',
    label: 'Workout length (minutes)',
    type: 'duration',
    aliases: ['Duration', 'Workout Duration', 'Dauer', 'Trainingsdauer', SECONDS_DURATION],
  },
  {
    key: 'exercise',
    label: 'Exercise',
    type: 'text',
    aliases: ['Exercise Name', 'Übungsname', 'Übung'],
    required: true,
  },
  {
    key: 'setOrder',
    label: 'Set number or tag (W, D, F, Note, Rest Timer)',
    type: 'text',
    aliases: ['Set Order', 'Satzreihenfolge', 'Satz'],
  },
  {
    key: 'weight',
    label: 'Set weight (kg, lbs converted)',
    type: 'number',
    aliases: ['Weight', 'Gewicht', UNIT_WEIGHT, 'kg', 'lbs'],
  },
  {
    key: 'weightUnit',
    label: 'Weight unit of the row',
    type: 'unit',
    aliases: ['Weight Unit', 'Gewichtseinheit'],
  },
  {
    key: 'reps',
    label: 'Reps',
    type: 'integer',
    aliases: ['Reps', 'Wiederholungen', 'Wdh.'],
  },
  { key: 'rpe', label: 'RPE (in the set notes)', type: 'number', aliases: ['RPE'] },
  {
    key: 'distance',
    label: 'Distance (km, in the set notes)',
    type: 'number',
    aliases: ['Distance', 'Distanz', 'Entfernung', UNIT_DISTANCE, 'mi.', 'km'],
  },
  {
    key: 'distanceUnit',
    label: 'Distance unit of the row',
    type: 'unit',
    aliases: ['Distance Unit', 'Distanzeinheit', 'Entfernungseinheit'],
  },
  {
    key: 'seconds',
    label: 'Set time (seconds)',
    type: 'integer',
    aliases: ['Seconds', 'Sekunden'],
  },
  { key: 'notes', label: 'Set notes', type: 'text', aliases: ['Notes', 'Notizen', 'Notiz'] },
  {
    key: 'workoutNotes',
    label: 'Workout notes',
    type: 'text',
    aliases: ['Workout Notes', 'Trainingsnotizen', 'Trainingsnotiz'],
  },
]

/** Columns read by no field but known to be Strong's (the workout counter). */
const KNOWN = ['Workout #', 'Training #', 'Training Nr.']
const GERMAN = new Set(['datum', 'übungsname', 'satzreihenfolge', 'trainingsname'])

type SetTag =
  { kind: 'set'; tag: string | null } | { kind: 'rest' } | { kind: 'note' } | { kind: 'bad' }

const TAGS: Readonly<Record<string, SetTag>> = {
  w: { kind: 'set', tag: 'warm-up' },
  warmup: { kind: 'set', tag: 'warm-up' },
  aufwärmen: { kind: 'set', tag: 'warm-up' },
  aufwärmsatz: { kind: 'set', tag: 'warm-up' },
  d: { kind: 'set', tag: 'drop set' },
  drop: { kind: 'set', tag: 'drop set' },
  dropset: { kind: 'set', tag: 'drop set' },
  f: { kind: 'set', tag: 'failure' },
  failure: { kind: 'set', tag: 'failure' },
  versagen: { kind: 'set', tag: 'failure' },
  resttimer: { kind: 'rest' },
  rest: { kind: 'rest' },
  pausentimer: { kind: 'rest' },
  pause: { kind: 'rest' },
  note: { kind: 'note' },
  notiz: { kind: 'note' },
}

/** Set Order: a set number, a tag replacing it (W, D, F, WARM_UP…), a note row, a rest timer. */
function setTag(raw: string): SetTag {
  const text = raw.trim()
  if (text === '') return { kind: 'set', tag: null }
  const number = parseNumber(text)
  if (number.ok && number.value !== null) {
    return Number.isInteger(number.value) && number.value >= 0
      ? { kind: 'set', tag: null }
      : { kind: 'bad' }
  }
  return TAGS[text.toLowerCase().replace(/[\s_-]+/g, '')] ?? { kind: 'bad' }
}

interface StrongVariant {
  /** How the file says its units: per row, in the column names, or not at all. */
  units: 'columns' | 'names' | 'none'
  description: string
}

function variantOf(header: readonly string[]): StrongVariant {
  const names = new Set(header.map(normaliseHeader))
  const has = (re: RegExp) => [...names].some((n) => re.test(n))
  const german = [...names].some((n) => GERMAN.has(n))
  const language = german ? ', German headers' : ''
  if (names.has('weight unit') || names.has('gewichtseinheit')) {
    return { units: 'columns', description: `version with unit columns${language}` }
  }
  if (has(UNIT_WEIGHT) || has(UNIT_DISTANCE) || names.has('kg') || names.has('lbs')) {
    const current = names.has('workout #') || has(SECONDS_DURATION)
    return {
      units: 'names',
      description: `${current ? 'current version, ' : ''}units in the column names${language}`,
    }
  }
  const withDuration = names.has('duration') || names.has('dauer') || names.has('workout duration')
  return {
    units: 'none',
    description: `${withDuration ? 'version with a duration' : 'classic version'}${language}`,
  }
}

interface StrongOptions {
  name: string
  label: string
  description: string
  weight: WeightUnit
  distance: DistanceUnit
  /** How the preset scores a header: the Strong match, reworded or refused. */
  detect(match: PresetMatch, variant: StrongVariant): PresetMatch | null
}

function bindStrong(
  options: StrongOptions,
  columns: ReadonlyMap<string, number>,
  header: readonly string[],
  delimiter: string,
  timeZone: string,
): BoundPreset<SetRecord> {
  const german = header.some((name) => GERMAN.has(normaliseHeader(name)))
  // German exports write decimal commas: `62,5` is 62.5 whatever the delimiter.
  const numberOptions = { delimiter, decimalComma: german ? true : undefined }
  const weightSource = {
    column: 'weightUnit',
    fixed: unitOfColumn(boundName(columns, header, 'weight'), weightUnit, options.weight),
  }
  const distanceSource = {
    column: 'distanceUnit',
    fixed: unitOfColumn(boundName(columns, header, 'distance'), distanceUnit, options.distance),
  }
  const durationName = boundName(columns, header, 'duration')
  const durationOptions = SECONDS_DURATION.test(durationName)
    ? ({ bare: 'seconds' } as const)
    : ({ colon: 'hours:minutes' } as const)

  const ordinals = new Ordinals()
  /** Note rows waiting for their exercise's next set, by group. */
  const pendingNotes = new Map<string, string>()
  /** The last set written in this import, by group, for a note row that comes after it. */
  const lastSet = new Map<string, number>()

  return {
    parse(row, line) {
      const cells = new RowCells(columns, header, row, line, numberOptions)
      const tag = setTag(cells.raw('setOrder'))
      if (tag.kind === 'rest') return { kind: 'skip', reason: 'a rest timer, not a set' }

      const dateText = cells.text('date', { required: true })
      const start = dateText === null ? null : parseWallClock(dateText, timeZone)
      if (start && !start.ok) cells.problem('date', start.reason)
      const exercise = cells.text('exercise', { required: true, max: 200 })
      const workoutName = cells.text('workoutName', { max: 200 })
      const workoutNotes = cells.text('workoutNotes', { max: 10_000 })
      const seconds = readDuration(cells, 'duration', durationOptions)
      const notes = cells.text('notes', { max: 10_000 })
      if (tag.kind === 'bad') {
        cells.problem('setOrder', 'is not a set number or a Strong tag (W, D, F, Note, Rest Timer)')
      }
      const stamp = start?.ok ? start.value.stamp : null
      const group = stamp !== null && exercise !== null ? `${stamp}|${exerciseKey(exercise)}` : null

      if (tag.kind === 'note') {
        if (cells.problems.length > 0) return { kind: 'reject', problems: cells.problems }
        if (notes === null) return { kind: 'skip', reason: 'an exercise note row with no note' }
        if (group !== null)
          pendingNotes.set(group, joinNotes([pendingNotes.get(group), notes]) ?? '')
        return {
          kind: 'skip',
          reason: 'an exercise note, not a set: added to the notes of the exercise’s sets',
        }
      }

      const ordinal = group === null ? 0 : ordinals.next(group)
      const weight = readWeightKg(cells, 'weight', weightSource)
      const reps = readReps(cells, 'reps')
      const distanceKm = readDistanceKm(cells, 'distance', distanceSource)
      const setSeconds = readSeconds(cells, 'seconds')
      const rpe = readRpe(cells, 'rpe')
      const unreadable =
        start === null || !start.ok || exercise === null || group === null || tag.kind !== 'set'
      if (cells.problems.length > 0 || unreadable) {
        return { kind: 'reject', problems: cells.problems }
      }
      if (isEmptySet({ weight, reps, distanceKm, seconds: setSeconds })) {
        return { kind: 'skip', reason: 'a set with no weight, reps, distance or time' }
      }
      const exerciseNote = pendingNotes.get(group)
      pendingNotes.delete(group)
      const moment = start.value
      const record: SetRecord = {
        workout: timedWorkout('strong', moment, workoutName, workoutNotes, seconds),
        key: { scope: 'strong:set', key: `${group}|${ordinal}` },
        group,
        exercise,
        exerciseType: exerciseTypeOf({ weight, distanceKm }),
        reps: reps ?? 0,
        weight,
        durationSeconds: setSeconds,
        notes: joinNotes([
          tag.tag,
          distanceKm === null ? null : formatKm(distanceKm),
          rpeNote(rpe),
          exerciseNote,
          notes,
        ]),
      }
      return { kind: 'record', record }
    },
    write(record, tx) {
      const { outcome, rowId } = writeSet(record, tx)
      if (rowId !== null) lastSet.set(record.group, rowId)
      return outcome
    },
    finish(tx: ImportTx) {
      for (const [group, note] of pendingNotes) {
        const rowId = lastSet.get(group)
        if (rowId !== undefined) appendSetNote(tx, rowId, note)
      }
    },
  }
}

function strongPreset(options: StrongOptions): PresetDefinition<SetRecord> {
  return {
    name: options.name,
    label: options.label,
    description: options.description,
    targets: FITNESS_TARGETS,
    fields: STRONG_FIELDS,
    detect(header) {
      const variant = variantOf(header)
      const match = detectFields(
        STRONG_FIELDS,
        header,
        ['date', 'exercise', 'setOrder'],
        KNOWN,
        `Strong export (${variant.description})`,
      )
      return match && options.detect(match, variant)
    },
    bind: (columns, header, { delimiter, timeZone }) =>
      bindStrong(options, columns, header, delimiter, timeZone),
  }
}

export const strongPresets: readonly PresetDefinition<SetRecord>[] = [
  strongPreset({
    name: 'strong',
    label: 'Strong',
    description:
      'Workouts exported from the Strong app (every version). Weights in kg and distances in km unless the file names its units.',
    weight: 'kg',
    distance: 'km',
    detect: (match, variant) =>
      variant.units === 'none'
        ? { ...match, reason: `${match.reason}; no units in the file, read as kg and km` }
        : match,
  }),
  strongPreset({
    name: 'strong-imperial',
    label: 'Strong (lbs and miles)',
    description:
      'A Strong export whose columns do not name their units, from an app set to pounds and miles: weights are converted from lbs, distances from miles.',
    weight: 'lb',
    distance: 'mi',
    detect: (match, variant) =>
      variant.units === 'none'
        ? {
            score: match.score / 2,
            reason: `${match.reason}; choose this if its weights are in pounds`,
          }
        : null,
  }),
]
