import { LogbookError } from '../../../../shared/errors'
import { RowCells } from '../cells'
import { detectByColumns } from '../columns'
import type { FieldSpec, PresetDefinition, PresetMatch, SqlValue } from '../types'
import { cellMoment, roundTo, type LocalMoment } from './body-common'

// MyFitnessPal's nutrition summary: one row per meal per day. Logbook keeps one fitness_nutrition
// row per day (the owner's), so a day's first meal inserts the day and each later meal adds its
// totals to it (an update, which undo reverses). Every meal has its own natural key (date | meal
// | time), so importing the file again, or a later export that overlaps, adds nothing twice.

export interface MealRecord {
  moment: LocalMoment
  meal: string
  /** The meal's time as written ('' when the file has no time). */
  time: string
  calories: number | null
  fat: number | null
  carbs: number | null
  protein: number | null
  note: string | null
}

const MAX_CALORIES = 20_000
const MAX_GRAMS = 2_000

const fields: readonly FieldSpec[] = [
  { key: 'date', label: 'Nutrition date', type: 'date', aliases: ['Date'], required: true },
  {
    key: 'meal',
    label: 'Meal (part of the natural key)',
    type: 'text',
    aliases: ['Meal'],
    required: true,
  },
  { key: 'time', label: 'Meal time (part of the natural key)', type: 'text', aliases: ['Time'] },
  {
    key: 'calories',
    label: 'Calories (summed per day)',
    type: 'number',
    aliases: ['Calories', 'Calories (kcal)'],
    required: true,
  },
  { key: 'fat', label: 'Fat, g (summed per day)', type: 'number', aliases: ['Fat (g)', 'Fat'] },
  {
    key: 'carbs',
    label: 'Carbs, g (summed per day)',
    type: 'number',
    aliases: ['Carbohydrates (g)', 'Carbohydrates', 'Carbs (g)'],
  },
  {
    key: 'protein',
    label: 'Protein, g (summed per day)',
    type: 'number',
    aliases: ['Protein (g)', 'Protein'],
  },
  { key: 'note', label: 'Notes (meal: note)', type: 'text', aliases: ['Note', 'Notes'] },
]

const plus = (a: number | null, b: number | null, decimals: number) =>
  a === null && b === null ? null : roundTo((a ?? 0) + (b ?? 0), decimals)

interface DayRow {
  calories: number | null
  protein_grams: number | null
  carbs_grams: number | null
  fat_grams: number | null
  notes: string | null
}

function mealNote(record: MealRecord) {
  return record.note === null ? null : `${record.meal}: ${record.note}`
}

export const myFitnessPalPreset: PresetDefinition<MealRecord> = {
  name: 'myfitnesspal',
  label: 'MyFitnessPal nutrition',
  description:
    'A MyFitnessPal nutrition summary (Date, Meal, Calories, Fat (g), Carbohydrates (g), Protein (g)…, Note): one nutrition day per date with its meals summed; vitamins, minerals and the fat breakdown are not kept.',
  targets: ['fitness_nutrition', 'users'],
  fields,
  detect(header): PresetMatch | null {
    const match = detectByColumns(
      header,
      ['Date', 'Meal', 'Calories'],
      [
        'Fat (g)',
        'Carbohydrates (g)',
        'Protein (g)',
        'Sodium (mg)',
        'Cholesterol',
        'Fiber',
        'Sugar',
      ],
      'MyFitnessPal nutrition',
    )
    return match && { score: 0.7 + 0.3 * match.score, reason: match.reason }
  },
  bind(columns, header, options) {
    return {
      parse(row, line) {
        const cells = new RowCells(columns, header, row, line, { delimiter: options.delimiter })
        const moment = cellMoment(cells, 'date', null, options.timeZone)
        const meal = cells.text('meal', { required: true, max: 100 })
        const time = cells.text('time', { max: 20 }) ?? ''
        const calories = cells.number('calories', { min: 0, max: MAX_CALORIES })
        const fat = cells.number('fat', { min: 0, max: MAX_GRAMS })
        const carbs = cells.number('carbs', { min: 0, max: MAX_GRAMS })
        const protein = cells.number('protein', { min: 0, max: MAX_GRAMS })
        const note = cells.text('note', { max: 2000 })
        if (moment === null || meal === null || cells.problems.length > 0) {
          return { kind: 'reject', problems: cells.problems }
        }
        return {
          kind: 'record',
          record: { moment, meal, time, calories, fat, carbs, protein, note },
        }
      },
      write(record, tx) {
        const day = record.moment.day
        const mealKey = {
          scope: 'mfp:meal',
          key: `${day}|${record.meal.toLowerCase()}|${record.time}`,
        }
        if (tx.findKey(mealKey) !== undefined) return 'duplicate'
        const dayKey = { scope: 'mfp:day', key: day }
        const dayId = tx.findKey(dayKey)
        if (dayId === undefined) {
          const values: Record<string, SqlValue> = {
            user_id: tx.owner().id,
            nutrition_date: day,
            calories: record.calories === null ? null : Math.round(record.calories),
            protein_grams: record.protein,
            carbs_grams: record.carbs,
            fat_grams: record.fat,
            notes: mealNote(record),
          }
          const rowId = tx.insert('fitness_nutrition', values, dayKey)
          tx.claimKey(mealKey, 'fitness_nutrition', rowId)
          return 'inserted'
        }
        const current = tx.sqlite
          .prepare(
            `SELECT calories, protein_grams, carbs_grams, fat_grams, notes
             FROM fitness_nutrition WHERE id = ?`,
          )
          .get(dayId) as DayRow | undefined
        if (!current) {
          throw new LogbookError(
            'conflict',
            `The nutrition day ${day} an earlier import made has been deleted since; undo that import to import this day again`,
          )
        }
        const calories = plus(current.calories, record.calories, 0)
        const note = mealNote(record)
        tx.update('fitness_nutrition', dayId, {
          calories,
          protein_grams: plus(current.protein_grams, record.protein, 4),
          carbs_grams: plus(current.carbs_grams, record.carbs, 4),
          fat_grams: plus(current.fat_grams, record.fat, 4),
          notes: note === null ? current.notes : current.notes ? `${current.notes}; ${note}` : note,
        })
        tx.claimKey(mealKey, 'fitness_nutrition', dayId)
        return 'inserted'
      },
    }
  },
}
