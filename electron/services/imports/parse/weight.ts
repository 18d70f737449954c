// Body weights as exports write them: a unit in the column name (`Weight(lb)`, `weight_kg`) or in
// a unit column, converted to kilograms (Logbook's canonical unit) on the way in.

export type WeightUnit = 'kg' | 'lb'

/** The international avoirdupois pound, exactly. */
export const KG_PER_LB = 0.45359237

const UNIT_WORDS: Readonly<Record<string, WeightUnit>> = {
  kg: 'kg',
  kgs: 'kg',
  kilo: 'kg',
  kilos: 'kg',
  kilogram: 'kg',
  kilograms: 'kg',
  lb: 'lb',
  lbs: 'lb',
  pound: 'lb',
  pounds: 'lb',
}

/**
 * The unit a column name states (`Weight(lb)`, `Weight (kg)`, `weight_lbs`, `Fat mass (kg)`),
 * undefined when it names none.
 */
export function weightUnitInName(name: string): WeightUnit | undefined {
  for (const word of name.toLowerCase().split(/[^a-z]+/)) {
    const unit = UNIT_WORDS[word]
    if (unit) return unit
  }
  return undefined
}

/** A unit cell (`kg`, `lbs`, `Pounds`…); undefined when it is not a weight unit. */
export function parseWeightUnit(text: string): WeightUnit | undefined {
  return UNIT_WORDS[text.trim().toLowerCase().replace(/\.$/, '')]
}

/**
 * A weight in kilograms, kept to four decimals as the app stores typed-in weights
 * (shared/units.ts), so 165.4 lb is 75.0242 kg and shows as 165.4 lb again.
 */
export function toKilograms(value: number, unit: WeightUnit): number {
  const kg = unit === 'lb' ? value * KG_PER_LB : value
  return Math.round(kg * 10_000) / 10_000
}
