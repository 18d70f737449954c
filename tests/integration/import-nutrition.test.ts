import { beforeEach, describe, expect, it } from 'vitest'
import { readCsv } from '../../electron/services/csv/read'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { candidatesFor } from '../../electron/services/imports/detect'
import { rows, useImportFixtures, countsOf } from '../helpers/imports'

const fixtures = useImportFixtures('nutrition')
const { file, run } = fixtures
let handle: DatabaseHandle
beforeEach(() => {
  handle = fixtures.db()
})

interface Day {
  date: string
  calories: number | null
  protein: number | null
  carbs: number | null
  fat: number | null
  water: number | null
  notes: string | null
}

/** Every nutrition day, in the order made. */
function days(): Day[] {
  return rows<Day>(
    handle,
    `SELECT nutrition_date AS date, calories, protein_grams AS protein, carbs_grams AS carbs,
            fat_grams AS fat, water_ounces AS water, notes
     FROM fitness_nutrition ORDER BY id`,
  )
}

const count = (table: string) =>
  handle.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number

async function headerOf(path: string) {
  let header: string[] = []
  await readCsv(path, { onHeader: (h) => (header = h), onRow: () => {}, onError: () => {} })
  return header
}

describe('MyFitnessPal nutrition summary', () => {
  it('sums the meals of each day into one nutrition day', async () => {
    const summary = await run('mfp-nutrition.csv')
    expect(summary.preset).toBe('myfitnesspal')
    expect(countsOf(summary)).toEqual({
      rows: 8,
      inserted: 6,
      duplicates: 0,
      skipped: 0,
      rejected: 2,
    })
    // 1 March: 410 + 650 + 720 + 180 kcal; fat 12.5 + 22.3 + 30.1 + 8.0; carbs 55.2 + 70.4 +
    // 65.0 + 20.5; protein 20.1 + 35.6 + 48.2 + 4.3. 2 March: 380 + 905 kcal, fat 10.0 + 35.6,
    // carbs 50.0 + 98.7, protein 22.0 + 52.4.
    expect(days()).toEqual([
      {
        date: '2025-03-01',
        calories: 1960,
        protein: 108.2,
        carbs: 211.1,
        fat: 72.9,
        water: null,
        notes: 'Lunch: Office canteen; Snacks: Almonds, apple',
      },
      {
        date: '2025-03-02',
        calories: 1285,
        protein: 74.4,
        carbs: 148.7,
        fat: 45.6,
        water: null,
        notes: null,
      },
    ])
    const owner = rows<{ id: number; user_id: string }>(handle, 'SELECT id, user_id FROM users')
    expect(owner).toEqual([{ id: expect.any(Number), user_id: 'me' }])
    expect(rows(handle, 'SELECT DISTINCT user_id FROM fitness_nutrition')).toEqual([
      { user_id: owner[0]!.id },
    ])
  })

  it('names the line, column, value and reason of each rejected meal', async () => {
    const summary = await run('mfp-nutrition.csv')
    expect(summary.rejects).toEqual([
      { line: 8, column: 'Calories', value: '-50', reason: 'is below 0' },
      {
        line: 9,
        column: 'Date',
        value: '2025-13-01',
        reason: '"2025-13-01" is not a real calendar day',
      },
    ])
  })

  it('adds nothing on a second import: every meal has its own key', async () => {
    const first = await run('mfp-nutrition.csv')
    const before = days()
    const again = await run('mfp-nutrition.csv')
    expect(countsOf(again)).toEqual({ ...countsOf(first), inserted: 0, duplicates: 6 })
    expect(days()).toEqual(before)
    expect(count('fitness_nutrition')).toBe(2)
  })

  it('adds only the new meals of a later export to their days', async () => {
    await run('mfp-nutrition.csv')
    const later = await run('mfp-nutrition-later.csv')
    expect(countsOf(later)).toEqual({
      rows: 4,
      inserted: 2,
      duplicates: 2,
      skipped: 0,
      rejected: 0,
    })
    // 2 March gains its 21:30 snack (150 kcal, fat 6.5, carbs 18.0, protein 5.1); 3 March is new.
    expect(days().slice(1)).toEqual([
      {
        date: '2025-03-02',
        calories: 1435,
        protein: 79.5,
        carbs: 166.7,
        fat: 52.1,
        water: null,
        notes: null,
      },
      {
        date: '2025-03-03',
        calories: 420,
        protein: 25,
        carbs: 48.5,
        fat: 14,
        water: null,
        notes: null,
      },
    ])
    expect(count('fitness_nutrition')).toBe(3)
    // The day row is the first import's; the later import changed it (undo puts it back).
    const changed = rows<{ import_id: number; before_json: string | null }>(
      handle,
      `SELECT import_id, before_json FROM import_rows WHERE table_name = 'fitness_nutrition'
       AND before_json IS NOT NULL AND import_id = ?`,
      later.importId,
    )
    expect(changed.map((c) => JSON.parse(c.before_json!) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ calories: 1285, protein_grams: 74.4 }),
    ])
  })

  it('reads the export without a Time column, rounding calories to whole kcal', async () => {
    const summary = await run('mfp-nutrition-notime.csv')
    expect(summary.preset).toBe('myfitnesspal')
    expect(countsOf(summary)).toMatchObject({ inserted: 2, rejected: 0 })
    // 300 + 612.6 = 912.6 → 913 kcal; fat 9.5 + 20.25; carbs 40.25 + 70.5; protein 15.5 + 41.75.
    expect(days()).toEqual([
      {
        date: '2025-04-01',
        calories: 913,
        protein: 57.25,
        carbs: 110.75,
        fat: 29.75,
        water: null,
        notes: 'Dinner: Leftover curry',
      },
    ])
    expect(await run('mfp-nutrition-notime.csv')).toMatchObject({ inserted: 0, duplicates: 2 })
  })
})

describe('Cronometer daily summary', () => {
  it('reads one day per row, water grams to ounces, and skips a day with nothing logged', async () => {
    const summary = await run('cronometer-daily.csv')
    expect(summary.preset).toBe('cronometer')
    expect(countsOf(summary)).toEqual({
      rows: 4,
      inserted: 2,
      duplicates: 0,
      skipped: 1,
      rejected: 1,
    })
    // 2365.88 g ÷ 29.5735 g/oz = 80 oz; 1774.41 g = 60 oz. 2105.4 kcal → 2105.
    expect(days()).toEqual([
      {
        date: '2025-03-01',
        calories: 2105,
        protein: 140.25,
        carbs: 230.12,
        fat: 80.5,
        water: 80,
        notes: null,
      },
      {
        date: '2025-03-02',
        calories: 1850,
        protein: 120,
        carbs: 190.5,
        fat: 70,
        water: 60,
        notes: null,
      },
    ])
    expect(summary.rejects).toEqual([
      { line: 5, column: 'Water (g)', value: 'lots', reason: '"lots" is not a number' },
    ])
  })

  it('adds nothing twice, and only the new day of a later export', async () => {
    const first = await run('cronometer-daily.csv')
    const again = await run('cronometer-daily.csv')
    expect(countsOf(again)).toEqual({ ...countsOf(first), inserted: 0, duplicates: 2 })
    expect(count('fitness_nutrition')).toBe(2)
    const later = await run('cronometer-daily-later.csv')
    expect(countsOf(later)).toEqual({
      rows: 2,
      inserted: 1,
      duplicates: 1,
      skipped: 0,
      rejected: 0,
    })
    // 2957.35 g = 100 oz.
    expect(days()[2]).toEqual({
      date: '2025-03-05',
      calories: 2241,
      protein: 150.5,
      carbs: 250.75,
      fat: 85.25,
      water: 100,
      notes: null,
    })
    expect(count('fitness_nutrition')).toBe(3)
  })
})

describe('auto detection', () => {
  it.each([
    ['mfp-nutrition.csv', 'myfitnesspal'],
    ['mfp-nutrition-later.csv', 'myfitnesspal'],
    ['mfp-nutrition-notime.csv', 'myfitnesspal'],
    ['cronometer-daily.csv', 'cronometer'],
    ['cronometer-daily-later.csv', 'cronometer'],
  ])('picks %s as %s, clearly ahead of any other preset', async (name, preset) => {
    const candidates = candidatesFor(await headerOf(file(name)), name)
    expect(candidates[0]?.name).toBe(preset)
    const runnerUp = candidates[1]?.score ?? 0
    expect(candidates[0]!.score - runnerUp).toBeGreaterThanOrEqual(0.2)
  })

  it('does not take a Cronometer servings export (one row per food) for a daily summary', () => {
    const servings = ['Day', 'Time', 'Group', 'Food Name', 'Amount', 'Energy (kcal)', 'Protein (g)']
    expect(candidatesFor(servings, 'servings.csv').map((c) => c.name)).not.toContain('cronometer')
    const withDate = ['Date', 'Food Name', 'Energy (kcal)', 'Carbs (g)']
    expect(candidatesFor(withDate, 'servings.csv').map((c) => c.name)).not.toContain('cronometer')
  })
})
