// A set's numbers read from one row, in canonical units (kg, km, whole seconds), with problems
// named by column.
import type { RowCells } from '../cells'
import { parseDuration, type DurationOptions } from '../parse/duration'
import {
  distanceUnit,
  toKg,
  toKm,
  unitInHeader,
  weightUnit,
  type DistanceUnit,
  type WeightUnit,
} from '../parse/units'
import { positiveOrNull } from './fitness-sets'

/** Beyond this a weight is a typo (fitness_exercise_logs' own form stops there too). */
export const MAX_WEIGHT_KG = 2000
export const MAX_REPS = 10_000
/** A set lasting longer than a day is a typo. */
export const MAX_SET_SECONDS = 86_400

/** Where a column's unit comes from: a unit column of the row, else one unit for the file. */
export interface UnitSource<U> {
  /** Field key of a column naming the unit row by row (Strong's `Weight Unit`). */
  column?: string
  fixed: U
}

/**
 * The unit a column's name gives (`Weight (lbs)`, `weight_kg`, `Distance (meters)`), else the
 * fallback; `read` is weightUnit or distanceUnit.
 */
export function unitOfColumn<U>(
  name: string,
  read: (text: string) => U | undefined,
  fallback: U,
): U {
  const token = unitInHeader(name)
  return (token === undefined ? undefined : read(token)) ?? fallback
}

function rowUnit<U>(
  cells: RowCells,
  source: UnitSource<U>,
  value: number,
  what: string,
  read: (text: string) => U | undefined,
  expected: string,
): U | null {
  if (source.column === undefined || !cells.has(source.column)) return source.fixed
  const text = cells.text(source.column)
  if (text === null) {
    return cells.problem(
      source.column,
      `is empty, but the row has a ${what} of ${value}: the unit (${expected}) is needed`,
    )
  }
  const unit = read(text)
  return unit === undefined
    ? cells.problem(source.column, `is not a ${what} unit (${expected})`)
    : unit
}

/** The weight in kg; null when blank or 0 (unloaded work). */
export function readWeightKg(
  cells: RowCells,
  key: string,
  source: UnitSource<WeightUnit>,
): number | null {
  const value = positiveOrNull(cells.number(key, { min: 0 }))
  if (value === null) return null
  const unit = rowUnit(cells, source, value, 'weight', weightUnit, 'kg or lbs')
  if (unit === null) return null
  const kg = toKg(value, unit)
  if (kg > MAX_WEIGHT_KG) return cells.problem(key, `is above ${MAX_WEIGHT_KG} kg`)
  return kg
}

/** The distance in km; null when blank or 0. */
export function readDistanceKm(
  cells: RowCells,
  key: string,
  source: UnitSource<DistanceUnit>,
): number | null {
  const value = positiveOrNull(cells.number(key, { min: 0 }))
  if (value === null) return null
  const unit = rowUnit(cells, source, value, 'distance', distanceUnit, 'km, m, mi or ft')
  return unit === null ? null : toKm(value, unit)
}

export function readReps(cells: RowCells, key: string): number | null {
  return cells.number(key, { min: 0, max: MAX_REPS, integer: true })
}

/** Whole seconds from a number of seconds; null when blank or 0. */
export function readSeconds(cells: RowCells, key: string): number | null {
  const value = positiveOrNull(cells.number(key, { min: 0, max: MAX_SET_SECONDS }))
  return value === null ? null : Math.round(value)
}

/** Seconds from a written duration (`1h 20min`, `0:01:30`, `3600`); null when blank. */
export function readDuration(
  cells: RowCells,
  key: string,
  options: DurationOptions,
): number | null {
  if (!cells.has(key)) return null
  const parsed = parseDuration(cells.raw(key), options)
  return parsed.ok ? parsed.value : cells.problem(key, parsed.reason)
}

/** RPE 1–10; null when blank or 0. */
export function readRpe(cells: RowCells, key: string): number | null {
  return positiveOrNull(cells.number(key, { min: 0, max: 10 }))
}
