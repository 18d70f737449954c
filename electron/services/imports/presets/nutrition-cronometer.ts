import { RowCells } from '../cells'
import { detectByColumns, headerSet } from '../columns'
import type { FieldSpec, PresetDefinition, PresetMatch } from '../types'
import { cellMoment, roundTo, type LocalMoment } from './body-common'

// Cronometer's daily summary: one row per day → one fitness_nutrition row (the owner's), keyed by
// its date. Water is written in grams; Logbook keeps fluid ounces (1 US fl oz of water = 29.5735 g).

export const GRAMS_PER_FLUID_OUNCE = 29.5735

export interface NutritionDayRecord {
  moment: LocalMoment
  calories: number | null
  protein: number | null
  carbs: number | null
  fat: number | null
  waterOunces: number | null
}

const MAX_CALORIES = 20_000
const MAX_GRAMS = 2_000
/** 1,000 oz (the nutrition form's limit) in grams. */
const MAX_WATER_GRAMS = 29_573.5

const fields: readonly FieldSpec[] = [
  { key: 'date', label: 'Nutrition date', type: 'date', aliases: ['Date'], required: true },
  {
    key: 'energy',
    label: 'Calories (kcal, rounded)',
    type: 'number',
    aliases: ['Energy (kcal)'],
    required: true,
  },
  { key: 'protein', label: 'Protein, g', type: 'number', aliases: ['Protein (g)'] },
  { key: 'carbs', label: 'Carbs, g', type: 'number', aliases: ['Carbs (g)'] },
  { key: 'fat', label: 'Fat, g', type: 'number', aliases: ['Fat (g)'] },
  { key: 'water', label: 'Water (oz; grams converted)', type: 'number', aliases: ['Water (g)'] },
]

export const cronometerPreset: PresetDefinition<NutritionDayRecord> = {
  name: 'cronometer',
  label: 'Cronometer daily nutrition',
  description:
    'A Cronometer daily summary (Date, Energy (kcal), Water (g), Carbs (g), Fat (g), Protein (g)…, Completed): one nutrition day per row, water converted from grams to ounces; micronutrients are not kept, and a day with nothing logged is skipped.',
  targets: ['fitness_nutrition', 'users'],
  fields,
  detect(header): PresetMatch | null {
    // The servings export (one row per food) has the same columns and a food name: not a day.
    const names = headerSet(header)
    if (names.has('food name') || names.has('meal') || names.has('group')) return null
    const match = detectByColumns(
      header,
      ['Date', 'Energy (kcal)'],
      [
        'Protein (g)',
        'Carbs (g)',
        'Fat (g)',
        'Water (g)',
        'Alcohol (g)',
        'Caffeine (mg)',
        'Completed',
      ],
      'Cronometer daily nutrition',
    )
    return match && { score: 0.7 + 0.3 * match.score, reason: match.reason }
  },
  bind(columns, header, options) {
    return {
      parse(row, line) {
        const cells = new RowCells(columns, header, row, line, { delimiter: options.delimiter })
        const moment = cellMoment(cells, 'date', null, options.timeZone)
        const calories = cells.number('energy', { min: 0, max: MAX_CALORIES })
        const protein = cells.number('protein', { min: 0, max: MAX_GRAMS })
        const carbs = cells.number('carbs', { min: 0, max: MAX_GRAMS })
        const fat = cells.number('fat', { min: 0, max: MAX_GRAMS })
        const water = cells.number('water', { min: 0, max: MAX_WATER_GRAMS })
        if (moment === null || cells.problems.length > 0) {
          return { kind: 'reject', problems: cells.problems }
        }
        if ([calories, protein, carbs, fat, water].every((v) => v === null || v === 0)) {
          return { kind: 'skip', reason: 'nothing was logged this day' }
        }
        return {
          kind: 'record',
          record: {
            moment,
            calories,
            protein,
            carbs,
            fat,
            waterOunces: water === null ? null : roundTo(water / GRAMS_PER_FLUID_OUNCE, 4),
          },
        }
      },
      write(record, tx) {
        const key = { scope: 'cronometer:day', key: record.moment.day }
        if (tx.findKey(key) !== undefined) return 'duplicate'
        tx.insert(
          'fitness_nutrition',
          {
            user_id: tx.owner().id,
            nutrition_date: record.moment.day,
            calories: record.calories === null ? null : Math.round(record.calories),
            protein_grams: record.protein,
            carbs_grams: record.carbs,
            fat_grams: record.fat,
            water_ounces: record.waterOunces,
          },
          key,
        )
        return 'inserted'
      },
    }
  },
}
