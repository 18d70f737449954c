import { RowCells } from '../cells'
import { findColumn, headerSet, normaliseHeader } from '../columns'
import { KG_PER_LB, parseWeightUnit, weightUnitInName, type WeightUnit } from '../parse/weight'
import type {
  FieldSpec,
  ImportTx,
  ParseOutcome,
  PresetDefinition,
  PresetMatch,
  WriteOutcome,
} from '../types'
import { boundName, cellMoment, cellWeightKg, roundTo, type LocalMoment } from './body-common'

// Body measurements: Renpho, Withings and a generic date + weight file, into fitness_measurements
// (the owner's), one row per weigh-in. A day can hold several: each has its own natural key (its
// local date and time), and the time of day is kept in created_at.

export interface MeasurementRecord {
  moment: LocalMoment
  weightKg: number | null
  bodyFat: number | null
}

/** Writes one weigh-in under its natural key; created_at keeps its moment (the time of day). */
function writeMeasurement(record: MeasurementRecord, tx: ImportTx, scope: string): WriteOutcome {
  const key = { scope, key: record.moment.stamp }
  if (tx.findKey(key) !== undefined) return 'duplicate'
  const { moment } = record
  const values = {
    user_id: tx.owner().id,
    measurement_date: moment.day,
    weight: record.weightKg,
    body_fat_percentage: record.bodyFat,
    ...(moment.hasTime ? { created_at: new Date(moment.epochMs).toISOString() } : {}),
  }
  tx.insert('fitness_measurements', values, key)
  return 'inserted'
}

/** The record, a reject with every problem, or a skip for a row with nothing measured. */
function measured(
  cells: RowCells,
  moment: LocalMoment | null,
  weightKg: number | null,
  bodyFat: number | null,
): ParseOutcome<MeasurementRecord> {
  if (moment === null || cells.problems.length > 0) {
    return { kind: 'reject', problems: cells.problems }
  }
  if (weightKg === null && bodyFat === null) {
    return { kind: 'skip', reason: 'no weight and no body fat in this row' }
  }
  return { kind: 'record', record: { moment, weightKg, bodyFat } }
}

const TARGETS = ['fitness_measurements', 'users'] as const

/** The unit of the column feeding `key`, or `fallback` when its name states none. */
function unitOfColumn(
  columns: ReadonlyMap<string, number>,
  header: readonly string[],
  key: string,
  fallback: WeightUnit,
): WeightUnit {
  return weightUnitInName(boundName(columns, header, key)) ?? fallback
}

/** The header's own spelling of the first column matching `pattern`. */
function weightName(header: readonly string[], pattern: RegExp) {
  return header.find((name) => pattern.test(normaliseHeader(name)))?.trim() ?? 'weight'
}

function hasAny(names: ReadonlySet<string>, patterns: readonly RegExp[]) {
  return [...names].some((name) => patterns.some((p) => p.test(name)))
}

/** Share of `signature` (name prefixes) found in the header. */
function signatureShare(names: ReadonlySet<string>, signature: readonly string[]) {
  const found = signature.filter((s) => [...names].some((name) => name.startsWith(s)))
  return { share: found.length / signature.length, found }
}

// ---------------------------------------------------------------------------------------------
// Renpho

const RENPHO_WEIGHT = /^weight ?\((?:lbs?|kg)\)$/
const RENPHO_SIGNATURE = [
  'bmi',
  'body fat(%)',
  'fat-free body weight',
  'subcutaneous fat',
  'visceral fat',
  'body water',
  'skeletal muscle',
  'muscle mass',
  'bone mass',
  'protein',
  'bmr',
  'metabolic age',
]

const renphoFields: readonly FieldSpec[] = [
  {
    key: 'measured_at',
    label: 'Measurement date and time (local)',
    type: 'datetime',
    aliases: ['Time of Measurement'],
    required: true,
  },
  {
    key: 'weight',
    label: 'Weight (kg; lb converted)',
    type: 'number',
    aliases: [RENPHO_WEIGHT],
    required: true,
  },
  { key: 'body_fat', label: 'Body fat %', type: 'number', aliases: [/^body fat ?\(%\)$/] },
]

export const renphoPreset: PresetDefinition<MeasurementRecord> = {
  name: 'renpho',
  label: 'Renpho scale',
  description:
    'A Renpho export (Time of Measurement, Weight(lb) or Weight(kg), Body Fat(%)…): one measurement per weigh-in, pounds converted to kilograms. BMI and the other body-composition columns are not kept.',
  targets: TARGETS,
  fields: renphoFields,
  detect(header): PresetMatch | null {
    const names = headerSet(header)
    if (!names.has('time of measurement') || !hasAny(names, [RENPHO_WEIGHT])) return null
    const { share, found } = signatureShare(names, RENPHO_SIGNATURE)
    const also = found.length > 0 ? ` and ${found.length} of Renpho's body-composition columns` : ''
    return {
      score: 0.8 + 0.2 * share,
      reason: `Renpho scale: the header has “Time of Measurement”, “${weightName(header, RENPHO_WEIGHT)}”${also}`,
    }
  },
  bind(columns, header, options) {
    const unit = unitOfColumn(columns, header, 'weight', 'kg')
    return {
      parse(row, line) {
        const cells = new RowCells(columns, header, row, line, { delimiter: options.delimiter })
        const moment = cellMoment(cells, 'measured_at', null, options.timeZone)
        const weightKg = cellWeightKg(cells, 'weight', unit)
        const bodyFat = cells.number('body_fat', { min: 0, max: 100 })
        return measured(cells, moment, weightKg, bodyFat)
      },
      write: (record, tx) => writeMeasurement(record, tx, 'renpho:measurement'),
    }
  },
}

// ---------------------------------------------------------------------------------------------
// Withings

const WITHINGS_WEIGHT = /^weight \((?:kg|lbs?)\)$/
const WITHINGS_FAT_MASS = /^fat mass \((?:kg|lbs?)\)$/
const WITHINGS_SIGNATURE = ['fat mass', 'bone mass', 'muscle mass', 'hydration', 'comments']

const withingsFields: readonly FieldSpec[] = [
  {
    key: 'date',
    label: 'Measurement date and time (local)',
    type: 'datetime',
    aliases: ['Date'],
    required: true,
  },
  {
    key: 'weight',
    label: 'Weight (kg; lb converted)',
    type: 'number',
    aliases: [WITHINGS_WEIGHT],
    required: true,
  },
  {
    key: 'fat_mass',
    label: 'Body fat % (fat mass ÷ weight)',
    type: 'number',
    aliases: [WITHINGS_FAT_MASS],
  },
]

export const withingsPreset: PresetDefinition<MeasurementRecord> = {
  name: 'withings',
  label: 'Withings weight',
  description:
    'A Withings weight export (Date, Weight (kg), Fat mass (kg), Bone mass, Muscle mass, Hydration, Comments): one measurement per weigh-in; body fat % is fat mass ÷ weight × 100.',
  targets: TARGETS,
  fields: withingsFields,
  detect(header): PresetMatch | null {
    const names = headerSet(header)
    if (!names.has('date') || !hasAny(names, [WITHINGS_WEIGHT])) return null
    const { share, found } = signatureShare(names, WITHINGS_SIGNATURE)
    if (!found.some((name) => name !== 'comments')) return null
    return {
      score: 0.7 + 0.3 * share,
      reason: `Withings weight: the header has “Date”, “${weightName(header, WITHINGS_WEIGHT)}” and ${found.length} of Withings' body-composition columns`,
    }
  },
  bind(columns, header, options) {
    const weightUnit = unitOfColumn(columns, header, 'weight', 'kg')
    const fatUnit = unitOfColumn(columns, header, 'fat_mass', weightUnit)
    return {
      parse(row, line) {
        const cells = new RowCells(columns, header, row, line, { delimiter: options.delimiter })
        const moment = cellMoment(cells, 'date', null, options.timeZone)
        const weightKg = cellWeightKg(cells, 'weight', weightUnit)
        const fatMass = cells.number('fat_mass', { min: 0 })
        let bodyFat: number | null = null
        if (fatMass !== null && weightKg !== null) {
          const fatKg = fatUnit === 'lb' ? fatMass * KG_PER_LB : fatMass
          if (fatKg > weightKg) cells.problem('fat_mass', 'is more than the weight')
          else bodyFat = roundTo((fatKg / weightKg) * 100, 2)
        }
        if (cells.problems.length === 0 && weightKg === null) {
          return { kind: 'skip', reason: 'no weight in this row' }
        }
        return measured(cells, moment, weightKg, bodyFat)
      },
      write: (record, tx) => writeMeasurement(record, tx, 'withings:measurement'),
    }
  },
}

// ---------------------------------------------------------------------------------------------
// Generic: a date (with or without a time), a weight, maybe a body fat %.

const GENERIC_WEIGHT =
  /^(?:body[ _-]?)?weight(?:[ _-]*\(?\s*(?:kg|kgs|kilograms?|lbs?|pounds?)\s*\)?)?$/
const WORKOUT_COLUMNS = [/\breps\b/, /\bexercise\b/, /\bset order\b/, /^sets$/]

const GENERIC_DATE: FieldSpec = {
  key: 'date',
  label: 'Measurement date (and time, local)',
  type: 'date',
  aliases: ['date', 'day', 'measurement date', 'measured at', 'date/time', 'datetime', 'timestamp'],
  required: true,
}
const GENERIC_WEIGHT_FIELD: FieldSpec = {
  key: 'weight',
  label: 'Weight (kg; lb converted)',
  type: 'number',
  aliases: [GENERIC_WEIGHT],
  required: true,
}

const genericFields: readonly FieldSpec[] = [
  GENERIC_DATE,
  { key: 'time', label: 'Time of day (local)', type: 'text', aliases: ['time', 'time of day'] },
  GENERIC_WEIGHT_FIELD,
  {
    key: 'unit',
    label: 'Weight unit (kg or lb)',
    type: 'unit',
    aliases: ['unit', 'units', 'weight unit'],
  },
  {
    key: 'body_fat',
    label: 'Body fat %',
    type: 'number',
    aliases: [
      'body fat %',
      'body fat (%)',
      'body fat',
      'body fat percentage',
      'body_fat',
      'body_fat_percentage',
      'body_fat_pct',
      'fat %',
      'fat (%)',
      'fat',
      'fat_pct',
      'bf%',
      'bf',
    ],
  },
]

export const genericBodyPreset: PresetDefinition<MeasurementRecord> = {
  name: 'body-weight',
  label: 'Body weight (date, weight)',
  description:
    'Any file with a date and a weight (and optionally a time, a unit and a body fat %): the unit comes from a unit column, else from the weight column’s name (weight (lb), weight_kg), else kilograms.',
  targets: TARGETS,
  fields: genericFields,
  detect(header): PresetMatch | null {
    const names = headerSet(header)
    if (findColumn(GENERIC_DATE, header) === undefined) return null
    if (findColumn(GENERIC_WEIGHT_FIELD, header) === undefined) return null
    if (hasAny(names, WORKOUT_COLUMNS)) return null
    const known = genericFields.filter((f) => findColumn(f, header) !== undefined).length
    return {
      // At most 0.6: a named app's preset that also fits always wins.
      score: 0.3 + (0.3 * known) / Math.max(header.length, known),
      reason: `Body weight: the header has a date (“${header[findColumn(GENERIC_DATE, header) ?? -1]}”) and a weight (“${header[findColumn(GENERIC_WEIGHT_FIELD, header) ?? -1]}”)`,
    }
  },
  bind(columns, header, options) {
    const headerUnit = weightUnitInName(boundName(columns, header, 'weight')) ?? 'kg'
    return {
      parse(row, line) {
        const cells = new RowCells(columns, header, row, line, { delimiter: options.delimiter })
        const moment = cellMoment(
          cells,
          'date',
          columns.has('time') ? 'time' : null,
          options.timeZone,
        )
        const unitText = cells.text('unit')
        let unit: WeightUnit | undefined = headerUnit
        if (unitText !== null) {
          unit = parseWeightUnit(unitText)
          if (!unit) cells.problem('unit', 'is not a weight unit (kg or lb)')
        }
        const weightKg = unit ? cellWeightKg(cells, 'weight', unit) : null
        const bodyFat = cells.number('body_fat', { min: 0, max: 100 })
        return measured(cells, moment, weightKg, bodyFat)
      },
      write: (record, tx) => writeMeasurement(record, tx, 'body:measurement'),
    }
  },
}

export const measurementPresets = [renphoPreset, withingsPreset, genericBodyPreset] as const
