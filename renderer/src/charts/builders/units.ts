import type { ReportResult } from '../../../../shared/reports'
import type { Settings } from '../../../../shared/settings'
import { toDisplayUnit, unitOf } from '../../../../shared/units'

/** The suffixes a weight and a length column get in the person's units. */
export function unitSuffixes(settings: Pick<Settings, 'weightUnit'>) {
  return { weight: unitOf('weight', settings), bodyLength: unitOf('bodyLength', settings) }
}

/**
 * A report in the person's units: every `…_kg` column in kg or lb and every `…_cm` column in cm
 * or inches, renamed to match, so the chart, its table and its CSV all say what they show.
 */
export function inPersonUnits(
  result: ReportResult,
  settings: Pick<Settings, 'weightUnit'>,
): ReportResult {
  const units = unitSuffixes(settings)
  const quantityOf = (column: string) =>
    column.endsWith('_kg') ? 'weight' : column.endsWith('_cm') ? 'bodyLength' : null
  const quantities = result.columns.map(quantityOf)
  if (quantities.every((q) => q === null)) return result
  return {
    ...result,
    columns: result.columns.map((column, i) => {
      const quantity = quantities[i]
      return quantity ? `${column.slice(0, -3)}_${units[quantity]}` : column
    }),
    rows: result.rows.map((row) =>
      row.map((cell, i) => {
        const quantity = quantities[i]
        return quantity && typeof cell === 'number' ? toDisplayUnit(cell, quantity, settings) : cell
      }),
    ),
  }
}
