import type { Quantity } from './entities'
import type { Settings } from './settings'

// Records are stored in canonical units (kg, cm); people see and type their own (Settings).
const KG_PER_LB = 0.45359237
const CM_PER_IN = 2.54

type UnitSettings = Pick<Settings, 'weightUnit'>

export function unitOf(quantity: Quantity, settings: UnitSettings): string {
  if (quantity === 'weight') return settings.weightUnit
  return settings.weightUnit === 'lb' ? 'in' : 'cm'
}

function factor(quantity: Quantity, settings: UnitSettings) {
  if (quantity === 'weight') return settings.weightUnit === 'lb' ? KG_PER_LB : 1
  return settings.weightUnit === 'lb' ? CM_PER_IN : 1
}

/** Canonical → the person's unit, rounded to what a person would write. */
export function toDisplayUnit(value: number, quantity: Quantity, settings: UnitSettings): number {
  return Math.round((value / factor(quantity, settings)) * 100) / 100
}

/** The person's unit → canonical, keeping enough precision that a round trip shows the same. */
export function toCanonicalUnit(value: number, quantity: Quantity, settings: UnitSettings): number {
  return Math.round(value * factor(quantity, settings) * 10000) / 10000
}
