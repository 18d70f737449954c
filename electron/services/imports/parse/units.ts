// Weights and distances as exports write them, into Logbook's canonical kg and km.

/** The international avoirdupois pound, exactly. */
export const KG_PER_LB = 0.45359237
/** The international mile, exactly. */
export const KM_PER_MILE = 1.609344

export type WeightUnit = 'kg' | 'lb'
export type DistanceUnit = 'km' | 'm' | 'mi' | 'ft' | 'yd'

const WEIGHT_UNITS: Readonly<Record<string, WeightUnit>> = {
  kg: 'kg',
  kgs: 'kg',
  kilo: 'kg',
  kilos: 'kg',
  kilogram: 'kg',
  kilograms: 'kg',
  kilogramm: 'kg',
  lb: 'lb',
  lbs: 'lb',
  pound: 'lb',
  pounds: 'lb',
}

const DISTANCE_UNITS: Readonly<Record<string, DistanceUnit>> = {
  km: 'km',
  kms: 'km',
  kilometer: 'km',
  kilometers: 'km',
  kilometre: 'km',
  kilometres: 'km',
  m: 'm',
  meter: 'm',
  meters: 'm',
  metre: 'm',
  metres: 'm',
  mi: 'mi',
  mile: 'mi',
  miles: 'mi',
  ft: 'ft',
  foot: 'ft',
  feet: 'ft',
  yd: 'yd',
  yds: 'yd',
  yard: 'yd',
  yards: 'yd',
  meile: 'mi',
  meilen: 'mi',
}

const KM_PER: Readonly<Record<DistanceUnit, number>> = {
  km: 1,
  m: 0.001,
  mi: KM_PER_MILE,
  ft: 0.0003048,
  yd: 0.0009144,
}

/** A unit as written (`kg`, `lbs`, `mi.`, `Meters`): lower case, no trailing dot, trimmed. */
function folded(text: string) {
  return text.trim().toLowerCase().replace(/\.$/, '')
}

export function weightUnit(text: string): WeightUnit | undefined {
  return WEIGHT_UNITS[folded(text)]
}

export function distanceUnit(text: string): DistanceUnit | undefined {
  return DISTANCE_UNITS[folded(text)]
}

const round = (value: number, decimals: number) => {
  const scale = 10 ** decimals
  return Math.round(value * scale) / scale
}

/**
 * A weight in kg. Pounds are converted and kept to four decimals, as the app stores a weight
 * typed in pounds (shared/units.ts), so it shows as the same number of pounds again; kg are
 * kept as written.
 */
export function toKg(value: number, unit: WeightUnit): number {
  return unit === 'kg' ? value : round(value * KG_PER_LB, 4)
}

/** A distance in km, rounded to the metre. */
export function toKm(value: number, unit: DistanceUnit): number {
  return round(value * KM_PER[unit], 3)
}

/**
 * The unit a column's name carries: `Weight (lbs)`, `Weight(kg)`, `weight_kg`, `distance_miles`,
 * `Distance (meters)`; a name that is only a unit (`lbs`, `mi.`) counts too. The token as
 * written, for weightUnit() or distanceUnit() to read; undefined when the name holds none.
 */
export function unitInHeader(name: string): string | undefined {
  const text = name.trim().toLowerCase()
  const bracket = /\(([^()]+)\)\s*$/.exec(text)
  if (bracket?.[1]) return bracket[1].trim()
  const suffix = /_([a-z]+)$/.exec(text)
  if (suffix?.[1]) return suffix[1]
  if (weightUnit(text) || distanceUnit(text)) return text
  return undefined
}

/** A distance for reading: `5 km`, `3.862 km` (at most three decimals, no trailing zeros). */
export function formatKm(km: number): string {
  return `${round(km, 3)} km`
}
