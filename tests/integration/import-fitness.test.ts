import { beforeEach, describe, expect, it } from 'vitest'
import { defaultSettings } from '../../shared/settings'
import { readCsv } from '../../electron/services/csv/read'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { candidatesFor } from '../../electron/services/imports/detect'
import { undoImport } from '../../electron/services/imports/registry'
import { TEST_ZONE, importFile, rows, useImportFixtures, countsOf } from '../helpers/imports'

const fixtures = useImportFixtures('fitness')
const { file, run } = fixtures
let handle: DatabaseHandle
beforeEach(() => {
  handle = fixtures.db()
})

const TABLES = ['fitness_workouts', 'fitness_exercise_logs', 'fitness_exercises', 'users'] as const

function counts() {
  return Object.fromEntries(
    TABLES.map((t) => [t, handle.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get()]),
  )
}

/** Every set as [date, exercise, reps, kg, seconds, notes], in the order written. */
function sets() {
  return rows<{
    date: string
    exercise: string
    reps: number
    weight: number | null
    seconds: number | null
    notes: string | null
  }>(
    handle,
    `SELECT w.workout_date AS date, e.exercise_name AS exercise, l.reps, l.weight,
            l.duration_seconds AS seconds, l.notes
     FROM fitness_exercise_logs l
     JOIN fitness_workouts w ON w.id = l.workout_id
     JOIN fitness_exercises e ON e.id = l.exercise_id
     ORDER BY l.id`,
  ).map((s) => [s.date, s.exercise, s.reps, s.weight, s.seconds, s.notes])
}

/** Every workout as [date, notes, minutes], in the order made. */
function workouts() {
  return rows<{ date: string; notes: string | null; minutes: number | null }>(
    handle,
    `SELECT workout_date AS date, workout_notes AS notes, total_duration_minutes AS minutes
     FROM fitness_workouts ORDER BY id`,
  ).map((w) => [w.date, w.notes, w.minutes])
}

function exerciseTypes() {
  return Object.fromEntries(
    rows<{ name: string; type: string }>(
      handle,
      'SELECT exercise_name AS name, exercise_type AS type FROM fitness_exercises',
    ).map((e) => [e.name, e.type]),
  )
}

async function headerOf(path: string) {
  let header: string[] = []
  await readCsv(path, { onHeader: (h) => (header = h), onRow: () => {}, onError: () => {} })
  return header
}

describe('Strong', () => {
  it('reads the classic export: tags, a rest timer, notes with quotes and a CRLF line break', async () => {
    const summary = await run('strong-classic.csv')
    expect(summary.preset).toBe('strong')
    expect(summary.delimiter).toBe('comma')
    expect(countsOf(summary)).toEqual({
      rows: 9,
      inserted: 6,
      duplicates: 0,
      skipped: 1,
      rejected: 2,
    })
    // Line 8 holds a note that runs onto line 9, so the two bad rows are on lines 10 and 11.
    expect(summary.rejects).toEqual([
      { line: 10, column: 'Reps', value: 'ten', reason: '"ten" is not a number' },
      {
        line: 11,
        column: 'Date',
        value: '2024-02-30 10:00:00',
        reason: '"2024-02-30 10:00:00" is not a real calendar day',
      },
    ])
    expect(sets()).toEqual([
      ['2024-03-04', 'Bench Press (Barbell)', 10, 40, null, 'warm-up'],
      ['2024-03-04', 'Bench Press (Barbell)', 8, 60, null, 'RPE 8; Felt "heavy" today'],
      ['2024-03-04', 'Bench Press (Barbell)', 6, 62.5, null, 'RPE 9.5'],
      ['2024-03-04', 'Pull Up', 12, null, null, null],
      ['2024-03-04', 'Plank', 0, null, 60, null],
      ['2024-03-06', 'Running (Treadmill)', 0, null, 1800, '5 km; Easy pace\nkept HR low'],
    ])
    expect(workouts()).toEqual([
      ['2024-03-04', 'Push Day\nSlept badly', null],
      ['2024-03-06', 'Morning Run', null],
    ])
    expect(exerciseTypes()).toEqual({
      'Bench Press (Barbell)': 'strength',
      'Pull Up': 'bodyweight',
      Plank: 'bodyweight',
      'Running (Treadmill)': 'cardio',
    })
    // Every row is one set, owned by the app's owner, as the app logs workouts itself.
    const owner = handle.sqlite.prepare(`SELECT id FROM users WHERE user_id = 'me'`).pluck().get()
    expect(rows(handle, 'SELECT DISTINCT sets FROM fitness_exercise_logs')).toEqual([{ sets: 1 }])
    expect(rows(handle, 'SELECT DISTINCT user_id FROM fitness_workouts')).toEqual([
      { user_id: owner },
    ])
  })

  it('reads the free-text duration into minutes, dropping one over a day', async () => {
    const summary = await run('strong-duration.csv')
    expect(summary.preset).toBe('strong')
    expect(countsOf(summary)).toEqual({
      rows: 8,
      inserted: 7,
      duplicates: 0,
      skipped: 0,
      rejected: 1,
    })
    expect(summary.rejects).toEqual([
      {
        line: 8,
        column: 'Duration',
        value: 'an hour',
        reason: '"an hour" is not a duration (expected e.g. 1h 20min, 45m or 1:20:00)',
      },
    ])
    expect(workouts()).toEqual([
      ['2024-05-10', 'Upper A', 80],
      ['2024-05-12', 'Legs\nKnees fine', 56],
      ['2024-05-14', 'Arms', 38],
      ['2024-05-16', 'Forgot to stop', null],
      // 6:30:00 PM on a 12-hour clock
      ['2024-05-20', 'Evening', 45],
    ])
    expect(sets()).toEqual([
      ['2024-05-10', 'Overhead Press (Barbell)', 8, 40, null, null],
      ['2024-05-10', 'Overhead Press (Barbell)', 6, 42.5, null, 'RPE 8.5'],
      ['2024-05-12', 'Squat (Barbell)', 5, 100, null, null],
      ['2024-05-12', 'Squat (Barbell)', 3, 100, null, 'failure'],
      ['2024-05-14', 'Bicep Curl (Dumbbell)', 12, 12.5, null, null],
      ['2024-05-16', 'Deadlift (Barbell)', 3, 140, null, null],
      ['2024-05-20', 'Bench Press (Barbell)', 5, 60, null, null],
    ])
  })

  it('reads the semicolon export with a unit per row: lbs and miles converted', async () => {
    const summary = await run('strong-units-semicolon.csv')
    expect(summary.preset).toBe('strong')
    expect(summary.delimiter).toBe('semicolon')
    expect(countsOf(summary)).toEqual({
      rows: 6,
      inserted: 5,
      duplicates: 0,
      skipped: 0,
      rejected: 1,
    })
    expect(summary.rejects).toEqual([
      {
        line: 6,
        column: 'Weight Unit',
        value: '',
        reason: 'is empty, but the row has a weight of 50: the unit (kg or lbs) is needed',
      },
    ])
    expect(workouts()).toEqual([['2023-11-02', 'Full Body', 65]])
    expect(sets()).toEqual([
      // 135 lb × 0.45359237 = 61.23497 kg
      ['2023-11-02', 'Deadlift (Barbell)', 5, 61.235, null, null],
      ['2023-11-02', 'Deadlift (Barbell)', 5, 60, null, null],
      // 2.4 mi × 1.609344 = 3.8624 km
      ['2023-11-02', 'Cycling (Indoor)', 0, null, 2100, '3.862 km'],
      // `22,5`: a decimal comma, unambiguous in a semicolon file
      ['2023-11-02', 'Goblet Squat', 10, 22.5, null, null],
      ['2023-11-02', 'Push Up', 15, null, null, null],
    ])
    expect(exerciseTypes()['Cycling (Indoor)']).toBe('cardio')
  })

  it('reads the current export: note rows go to the sets, rest timers are skipped', async () => {
    const summary = await run('strong-current-kg.csv')
    expect(summary.preset).toBe('strong')
    expect(countsOf(summary)).toEqual({
      rows: 9,
      inserted: 5,
      duplicates: 0,
      // two note rows and a rest timer
      skipped: 3,
      rejected: 1,
    })
    expect(summary.rejects).toEqual([
      { line: 11, column: 'Weight (kg)', value: '-5', reason: 'is below 0' },
    ])
    expect(workouts()).toEqual([
      ['2025-01-06', 'Push\nFirst session of the year', 62],
      ['2025-01-08', 'Cardio', 25],
    ])
    expect(sets()).toEqual([
      // the note row before the sets lands on the exercise's next set
      ['2025-01-06', 'Bench Press (Barbell)', 10, 40, null, 'warm-up; Grip one finger wider'],
      ['2025-01-06', 'Bench Press (Barbell)', 5, 80, null, 'RPE 8; Paused\n"competition" style'],
      ['2025-01-06', 'Bench Press (Barbell)', 8, 60, null, 'drop set'],
      // the note row after the last set is added to that set at the end
      ['2025-01-06', 'Triceps Pushdown (Cable)', 12, 25, null, 'Rope attachment'],
      ['2025-01-08', 'Rowing (Machine)', 0, null, 1500, '5 km'],
    ])
  })

  it('reads the current export in pounds and miles', async () => {
    const summary = await run('strong-current-lbs.csv')
    expect(summary.preset).toBe('strong')
    expect(countsOf(summary)).toMatchObject({ rows: 3, inserted: 3, rejected: 0 })
    expect(workouts()).toEqual([['2025-02-03', 'Lower', 45]])
    expect(sets()).toEqual([
      // 225 lb = 102.05828 kg, 185.5 lb = 84.14138 kg, 3.1 mi = 4.98897 km
      ['2025-02-03', 'Squat (Barbell)', 5, 102.0583, null, null],
      ['2025-02-03', 'Squat (Barbell)', 8, 84.1414, null, null],
      ['2025-02-03', 'Running (Outdoor)', 0, null, 1680, '4.989 km'],
    ])
  })

  it('reads German headers, German duration units and decimal commas', async () => {
    const summary = await run('strong-german.csv')
    expect(summary.preset).toBe('strong')
    expect(summary.presetReason).toMatch(/German/)
    expect(countsOf(summary)).toMatchObject({ rows: 4, inserted: 4, rejected: 0, skipped: 0 })
    expect(workouts()).toEqual([['2024-09-15', 'Oberkörper', 70]])
    expect(sets()).toEqual([
      ['2024-09-15', 'Bankdrücken (Langhantel)', 8, 62.5, null, null],
      ['2024-09-15', 'Bankdrücken (Langhantel)', 7, 62.5, null, 'RPE 8.5; Letzte Wdh. schwer'],
      ['2024-09-15', 'Klimmzüge', 5, null, null, 'warm-up'],
      ['2024-09-15', 'Überzüge (Kurzhantel)', 10, 12.5, null, null],
    ])
  })

  it('finds an existing exercise whose name starts with a capital umlaut', async () => {
    const made = handle.sqlite
      .prepare(`INSERT INTO fitness_exercises (exercise_name, exercise_type) VALUES (?, ?)`)
      .run('Überzüge (Kurzhantel)', 'strength').lastInsertRowid
    const summary = await run('strong-german.csv')
    expect(summary.rejected).toBe(0)
    expect(summary.inserted).toBe(4)
    const used = rows(
      handle,
      `SELECT DISTINCT exercise_id AS id FROM fitness_exercise_logs l
       JOIN fitness_exercises e ON e.id = l.exercise_id WHERE e.exercise_name LIKE '%Kurzhantel%'`,
    )
    expect(used).toEqual([{ id: Number(made) }])
  })

  it('reads the oldest export, whose weight and distance columns are named lbs and mi.', async () => {
    const summary = await run('strong-oldest.csv')
    expect(summary.preset).toBe('strong')
    expect(countsOf(summary)).toEqual({
      rows: 6,
      inserted: 4,
      duplicates: 0,
      skipped: 1,
      rejected: 1,
    })
    expect(summary.rejects).toEqual([
      {
        line: 7,
        column: 'Set Order',
        value: 'X',
        reason: 'is not a set number or a Strong tag (W, D, F, Note, Rest Timer)',
      },
    ])
    expect(workouts()).toEqual([
      ['2019-01-20', 'Indoor Bike', null],
      ['2019-01-22', 'Upper', null],
    ])
    expect(sets()).toEqual([
      ['2019-01-20', 'Cycling (Indoor)', 0, null, 2100, '3.862 km'],
      // 95 lb = 43.09128 kg
      ['2019-01-22', 'Bench Press (Barbell)', 10, 43.0913, null, 'warm-up'],
      ['2019-01-22', 'Bench Press (Barbell)', 8, 61.235, null, null],
      ['2019-01-22', 'Bench Press (Barbell)', 5, 61.235, null, 'failure'],
    ])
  })

  it('reads a unit-less export as pounds and miles when told to', async () => {
    const summary = await run('strong-classic.csv', 'strong-imperial')
    expect(summary.preset).toBe('strong-imperial')
    expect(summary.inserted).toBe(6)
    const loaded = sets().map(([, exercise, , kg, , notes]) => [exercise, kg, notes])
    expect(loaded).toEqual([
      // 40 lb = 18.14369 kg, 60 lb = 27.21554 kg, 62.5 lb = 28.34952 kg
      ['Bench Press (Barbell)', 18.1437, 'warm-up'],
      ['Bench Press (Barbell)', 27.2155, 'RPE 8; Felt "heavy" today'],
      ['Bench Press (Barbell)', 28.3495, 'RPE 9.5'],
      ['Pull Up', null, null],
      ['Plank', null, null],
      // 5 mi = 8.04672 km
      ['Running (Treadmill)', null, '8.047 km; Easy pace\nkept HR low'],
    ])
  })

  it('adds only the new sets from a later export that overlaps the first', async () => {
    const first = await run('strong-current-kg.csv')
    expect(first.inserted).toBe(5)
    const later = await run('strong-current-kg-later.csv')
    expect(countsOf(later)).toEqual({
      rows: 11,
      // the refused rowing set (now right) and the two sets of the new workout
      inserted: 3,
      duplicates: 5,
      skipped: 3,
      rejected: 0,
    })
    expect(workouts()).toEqual([
      ['2025-01-06', 'Push\nFirst session of the year', 62],
      ['2025-01-08', 'Cardio', 25],
      ['2025-01-10', 'Pull', 40],
    ])
    expect(sets()).toEqual([
      ['2025-01-06', 'Bench Press (Barbell)', 10, 40, null, 'warm-up; Grip one finger wider'],
      ['2025-01-06', 'Bench Press (Barbell)', 5, 80, null, 'RPE 8; Paused\n"competition" style'],
      ['2025-01-06', 'Bench Press (Barbell)', 8, 60, null, 'drop set'],
      // not added a second time by the later file's note row
      ['2025-01-06', 'Triceps Pushdown (Cable)', 12, 25, null, 'Rope attachment'],
      ['2025-01-08', 'Rowing (Machine)', 0, null, 1500, '5 km'],
      ['2025-01-08', 'Rowing (Machine)', 0, null, 300, '1 km'],
      ['2025-01-10', 'Lat Pulldown (Cable)', 10, 55, null, null],
      ['2025-01-10', 'Lat Pulldown (Cable)', 9, 55, null, null],
    ])
  })

  it('refuses a new set whose workout was deleted since, naming the workout', async () => {
    await run('strong-current-kg.csv')
    handle.sqlite.prepare(`DELETE FROM fitness_workouts WHERE workout_date = '2025-01-08'`).run()
    const later = await run('strong-current-kg-later.csv')
    expect(later.inserted).toBe(2)
    expect(later.rejects).toEqual([
      {
        line: 11,
        column: '',
        value: '',
        reason:
          'The workout 2025-01-08 07:15:00 (Cardio) was deleted after an earlier import; undo that import to import it again',
      },
    ])
  })

  it('uses an exercise already in Logbook whatever its capitals', async () => {
    handle.sqlite
      .prepare(`INSERT INTO fitness_exercises (exercise_name, exercise_type) VALUES (?, ?)`)
      .run('bench press (barbell)', 'strength')
    await run('strong-classic.csv')
    const bench = rows(
      handle,
      `SELECT exercise_name AS name FROM fitness_exercises WHERE exercise_name LIKE 'bench%'`,
    )
    expect(bench).toEqual([{ name: 'bench press (barbell)' }])
    expect(sets().filter(([, name]) => name === 'bench press (barbell)')).toHaveLength(3)
  })
})

describe('Hevy', () => {
  it('reads the kg export: set types, supersets, exercise notes once, a repeated exercise', async () => {
    const summary = await run('hevy-kg.csv')
    expect(summary.preset).toBe('hevy')
    expect(countsOf(summary)).toEqual({
      rows: 9,
      inserted: 8,
      duplicates: 0,
      skipped: 0,
      rejected: 1,
    })
    expect(summary.rejects).toEqual([
      { line: 10, column: 'weight_kg', value: 'abc', reason: '"abc" is not a number' },
    ])
    expect(workouts()).toEqual([
      // 16:50 to 18:05
      ['2026-04-08', 'Push A\nFelt fresh', 75],
      ['2026-04-02', 'Legs', 55],
    ])
    expect(sets()).toEqual([
      ['2026-04-08', 'Bench Press (Barbell)', 10, 40, null, 'warm-up; Elbows tucked'],
      ['2026-04-08', 'Bench Press (Barbell)', 6, 80, null, 'RPE 8'],
      ['2026-04-08', 'Bench Press (Barbell)', 4, 80, null, 'failure; RPE 10'],
      ['2026-04-08', 'Lateral Raise (Dumbbell)', 15, 10, null, 'superset 1'],
      ['2026-04-08', 'Triceps Rope Pushdown', 12, 20, null, 'drop set; superset 1'],
      ['2026-04-08', 'Running', 0, null, 900, '2.5 km'],
      // the same exercise again later in the workout (set_index back at 0): a set of its own
      ['2026-04-08', 'Bench Press (Barbell)', 12, 60, null, null],
      ['2026-04-02', 'Leg Press (Machine)', 10, 160.5, null, null],
    ])
  })

  it('reads the lbs export, float dust included', async () => {
    const summary = await run('hevy-lbs.csv')
    expect(summary.preset).toBe('hevy')
    expect(countsOf(summary)).toMatchObject({ rows: 3, inserted: 3, rejected: 0 })
    expect(workouts()).toEqual([['2025-12-01', 'Pull Day', 48]])
    expect(sets()).toEqual([
      ['2025-12-01', 'Deadlift (Barbell)', 5, 102.0583, null, 'RPE 7.5'],
      // 88.18 lb (how Hevy prints 40 kg) = 39.99778 kg: 40.00 kg, or 88.18 lb, on screen
      ['2025-12-01', 'Deadlift (Barbell)', 14, 39.9978, null, null],
      // 1.5 mi = 2.414 km
      ['2025-12-01', 'Walking', 0, null, 1200, '2.414 km'],
    ])
  })
})

describe('FitNotes', () => {
  it('reads the lbs export: one workout per day, commas inside exercise names', async () => {
    const summary = await run('fitnotes-lbs.csv')
    expect(summary.preset).toBe('fitnotes')
    expect(countsOf(summary)).toEqual({
      rows: 5,
      inserted: 5,
      duplicates: 0,
      skipped: 0,
      rejected: 0,
    })
    expect(workouts()).toEqual([
      ['2022-09-14', null, null],
      ['2022-09-15', null, null],
    ])
    expect(sets()).toEqual([
      // the same weight and reps twice: two sets, told apart by their place in the day
      ['2022-09-14', 'Flat Barbell Bench Press', 10, 61.235, null, null],
      ['2022-09-14', 'Flat Barbell Bench Press', 8, 61.235, null, null],
      // 25 lb = 11.33981 kg
      ['2022-09-14', 'Curl, Hammer (Dumbbell)', 12, 11.3398, null, null],
      ['2022-09-14', 'Treadmill', 0, null, 1800, '4.828 km'],
      ['2022-09-15', 'Plank', 0, null, 90, null],
    ])
    expect(exerciseTypes()).toMatchObject({ Treadmill: 'cardio', Plank: 'bodyweight' })
  })

  it('reads the kgs export', async () => {
    const summary = await run('fitnotes-kgs.csv')
    expect(summary.preset).toBe('fitnotes')
    expect(sets()).toEqual([
      ['2021-01-11', 'Deadlift', 5, 120, null, null],
      ['2021-01-11', 'Deadlift', 3, 130, null, null],
    ])
  })

  it('reads the export with unit columns, refusing rows whose unit is missing or unknown', async () => {
    const summary = await run('fitnotes-unit-column.csv')
    expect(summary.preset).toBe('fitnotes')
    expect(countsOf(summary)).toEqual({
      rows: 6,
      inserted: 4,
      duplicates: 0,
      skipped: 0,
      rejected: 2,
    })
    expect(summary.rejects).toEqual([
      {
        line: 5,
        column: 'Distance Unit',
        value: '',
        reason: 'is empty, but the row has a distance of 1.5: the unit (km, m, mi or ft) is needed',
      },
      {
        line: 7,
        column: 'Weight Unit',
        value: 'stone',
        reason: 'is not a weight unit (kg or lbs)',
      },
    ])
    expect(sets()).toEqual([
      ['2024-06-01', 'Squat, High Bar', 5, 100, null, 'Belt, no wraps'],
      ['2024-06-01', 'Squat, High Bar', 3, 102.0583, null, null],
      ['2024-06-01', 'Rowing Machine', 0, null, 510, '2 km'],
      ['2024-06-02', 'Plank', 0, null, 90, 'Held "hollow" position'],
    ])
  })
})

describe('Fitbod', () => {
  it('reads the export: UTC times into local days, warm-ups, incline and multiplier', async () => {
    const summary = await run('fitbod.csv')
    expect(summary.preset).toBe('fitbod')
    expect(countsOf(summary)).toEqual({
      rows: 8,
      inserted: 7,
      duplicates: 0,
      skipped: 0,
      rejected: 1,
    })
    expect(summary.rejects).toEqual([
      { line: 9, column: 'isWarmup', value: 'maybe', reason: 'is not true or false' },
    ])
    // 2023-04-28 22:30 UTC is 00:30 on the 29th in Berlin (UTC+2 in April)
    expect(workouts()).toEqual([
      ['2023-04-28', null, null],
      ['2023-04-29', null, null],
    ])
    expect(sets()).toEqual([
      ['2023-04-28', 'Barbell Bench Press', 10, 40, null, 'warm-up'],
      ['2023-04-28', 'Barbell Bench Press', 8, 70, null, null],
      ['2023-04-28', 'Barbell Bench Press', 8, 70, null, 'Slow, controlled'],
      ['2023-04-28', 'Dumbbell Row', 12, 22.5, null, 'weight ×2'],
      ['2023-04-28', 'Running - Treadmill', 0, null, 600, '1.5 km; incline 2'],
      ['2023-04-28', 'Pull Up', 8, null, null, null],
      ['2023-04-29', 'Plank', 0, null, 45, null],
    ])
    expect(exerciseTypes()).toMatchObject({
      'Running - Treadmill': 'cardio',
      'Pull Up': 'bodyweight',
      'Dumbbell Row': 'strength',
    })
  })
})

const VARIANTS: readonly [string, string, RegExp][] = [
  ['strong-classic.csv', 'strong', /^Strong export \(classic version\).*no units in the file/],
  ['strong-duration.csv', 'strong', /^Strong export \(version with a duration\)/],
  ['strong-units-semicolon.csv', 'strong', /^Strong export \(version with unit columns\)/],
  ['strong-current-kg.csv', 'strong', /^Strong export \(current version, units in the column/],
  ['strong-current-lbs.csv', 'strong', /“Exercise Name”, “Set Order”/],
  ['strong-german.csv', 'strong', /German headers\).*“Übungsname”, “Satzreihenfolge”/],
  ['strong-oldest.csv', 'strong', /^Strong export \(units in the column names\)/],
  ['hevy-kg.csv', 'hevy', /^Hevy export \(kg\): the header has “start_time”, “exercise_title”/],
  ['hevy-lbs.csv', 'hevy', /^Hevy export \(lbs\)/],
  ['fitnotes-lbs.csv', 'fitnotes', /^FitNotes export, Weight \(lbs\): .*“Category”/],
  ['fitnotes-kgs.csv', 'fitnotes', /^FitNotes export, Weight \(kgs\)/],
  ['fitnotes-unit-column.csv', 'fitnotes', /^FitNotes export: the header has “Date”, “Exercise”/],
  ['fitbod.csv', 'fitbod', /^Fitbod export: the header has “Date”, “Exercise”, “isWarmup”/],
]

const APPS: Record<string, readonly string[]> = {
  strong: ['strong', 'strong-imperial'],
  hevy: ['hevy'],
  fitnotes: ['fitnotes'],
  fitbod: ['fitbod'],
}
const WORKOUT_PRESETS = Object.values(APPS).flat()
/** Strong files that do not say their units: `strong-imperial` is offered beside `strong`. */
const UNITLESS = ['strong-classic.csv', 'strong-duration.csv', 'strong-german.csv']

describe('auto', () => {
  it.each(VARIANTS)('picks the right preset for %s', async (name, preset, reason) => {
    const summary = await importFile(handle, 'auto', file(name), { dryRun: true })
    expect(summary.preset).toBe(preset)
    expect(summary.presetReason).toMatch(reason)
    // A dry run writes nothing.
    expect(counts()).toEqual({
      fitness_workouts: 0,
      fitness_exercise_logs: 0,
      fitness_exercises: 0,
      users: 0,
    })
  })

  it.each(VARIANTS)('never offers another workout app for %s', async (name, preset) => {
    const candidates = candidatesFor(await headerOf(file(name)), name)
    const workoutCandidates = candidates.filter((c) => WORKOUT_PRESETS.includes(c.name))
    expect(workoutCandidates.map((c) => c.name)).toEqual(
      UNITLESS.includes(name) ? ['strong', 'strong-imperial'] : [preset],
    )
    // The file is exactly the export: every column is understood.
    expect(candidates[0]?.name).toBe(preset)
    expect(candidates[0]?.score).toBe(1)
  })
})

describe('importing the same file again', () => {
  it.each(VARIANTS.map(([name]) => name))('adds nothing from %s', async (name) => {
    const first = await run(name)
    expect(first.inserted).toBeGreaterThan(0)
    const before = counts()
    const setsBefore = sets()
    const second = await run(name)
    expect(countsOf(second)).toEqual({
      rows: first.rows,
      inserted: 0,
      duplicates: first.inserted,
      skipped: first.skipped,
      rejected: first.rejected,
    })
    expect(counts()).toEqual(before)
    expect(sets()).toEqual(setsBefore)
  })
})

describe('undo', () => {
  it('takes an import back whole, and the file can then be imported again', async () => {
    const first = await run('hevy-kg.csv')
    expect(first.importId).not.toBeNull()
    const undone = undoImport(handle.sqlite, first.importId!, defaultSettings(TEST_ZONE))
    // 8 sets, 2 workouts, 5 exercises (bench, lateral raise, pushdown, running, leg press), the owner
    expect(undone.removed).toBe(8 + 2 + 5 + 1)
    expect(counts()).toEqual({
      fitness_workouts: 0,
      fitness_exercise_logs: 0,
      fitness_exercises: 0,
      users: 0,
    })
    const again = await run('hevy-kg.csv')
    expect(again.inserted).toBe(8)
    expect(again.duplicates).toBe(0)
  })
})
