import type BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { logWorkout } from '../../electron/services/fitness/log'
import type { ReportParams } from '../../shared/reports'
import { openFresh } from '../helpers/db'
import {
  addPerson,
  daysFrom,
  expectDemoRows,
  expectNoRows,
  insertRow,
  mondayOf,
  monthOf,
  objects,
  openDemo,
  plusDays,
  r,
  runReport,
  sumBy,
  type Row,
} from '../helpers/module-data'
import { useSuiteTempDir } from '../helpers/tmp'

const ZONE = 'Europe/London'
const NOW = Date.parse('2025-04-30T12:00:00Z')
const tempDir = useSuiteTempDir()

const run = (sqlite: BetterSqlite3.Database, name: string, params: ReportParams = {}) =>
  objects(runReport(sqlite, name, params, { zone: ZONE, now: NOW }))

/** A small deterministic generator, so the data has variety but every run is the same. */
function lcg(seed: number) {
  let x = seed
  return (lo: number, hi: number) => {
    x = (x * 1103515245 + 12345) % 2 ** 31
    return lo + (x % (hi - lo + 1))
  }
}

interface LogRow {
  workoutId: number
  userId: number
  date: string
  exercise: string
  bodyPart: string | null
  sets: number
  reps: number
  weight: number | null
}

function readLogs(sqlite: BetterSqlite3.Database): LogRow[] {
  return sqlite
    .prepare(
      `SELECT w.id AS workoutId, w.user_id AS userId, w.workout_date AS date,
         e.exercise_name AS exercise, e.body_part AS bodyPart, l.sets, l.reps, l.weight
       FROM fitness_exercise_logs l
       JOIN fitness_workouts w ON w.id = l.workout_id
       JOIN fitness_exercises e ON e.id = l.exercise_id`,
    )
    .all() as LogRow[]
}

const volume = (l: LogRow) => l.sets * l.reps * (l.weight ?? 0)

describe('fitness reports on an empty database', () => {
  it('return no rows, with or without a range or segment', async () => {
    const handle = await openFresh(tempDir(), 'empty.db')
    expectNoRows(handle.sqlite, 'fitness')
    await handle.close()
  })
})

describe('training reports', () => {
  let handle: DatabaseHandle
  let sqlite: BetterSqlite3.Database
  let owner = 0
  let other = 0
  const ex: Record<string, number> = {}

  beforeAll(async () => {
    handle = await openFresh(tempDir(), 'training.db')
    sqlite = handle.sqlite
    const exercise = (name: string, type: string, bodyPart: string | null) => {
      ex[name] = insertRow(sqlite, 'fitness_exercises', {
        exercise_name: name,
        exercise_type: type,
        body_part: bodyPart,
      })
    }
    exercise('Back Squat', 'strength', 'legs')
    exercise('Bench Press', 'strength', 'chest')
    exercise('Pull-up', 'bodyweight', 'back')
    exercise('Plank', 'bodyweight', 'core')
    exercise('Curl', 'strength', null)
    const program = insertRow(sqlite, 'fitness_programs', {
      program_name: 'Five by five',
      program_type: 'strength',
      frequency: 3,
    })
    const rnd = lcg(11)
    // The owner's workouts, through the app's own write path: every other day, with a week off
    // (24–30 March) after the tenth.
    for (let i = 0; i < 24; i += 1) {
      const date = plusDays('2025-03-03', i * 2 + (i >= 10 ? 10 : 0))
      const sets: {
        exerciseId: number
        reps: number
        weight?: number | null
        durationSeconds?: number
      }[] = []
      for (let k = 0; k < 3; k += 1) {
        sets.push({
          exerciseId: ex['Back Squat']!,
          reps: k === 2 ? rnd(3, 5) : 5,
          weight: 80 + i * 2.5,
        })
      }
      for (let k = 0; k < 3; k += 1) {
        sets.push({ exerciseId: ex['Bench Press']!, reps: rnd(1, 8), weight: 50 + rnd(0, 8) * 2.5 })
      }
      sets.push({ exerciseId: ex['Pull-up']!, reps: rnd(5, 10), weight: null })
      sets.push({ exerciseId: ex.Plank!, reps: 0, durationSeconds: 60 })
      if (i % 2 === 0) sets.push({ exerciseId: ex.Curl!, reps: i % 4 === 0 ? 20 : 10, weight: 15 })
      logWorkout(
        sqlite,
        { date, programId: i % 3 === 0 ? program : null, sets },
        { adapter: 'ipc', timeZone: ZONE, now: NOW },
      )
    }
    owner = sqlite.prepare(`SELECT id FROM users WHERE user_id = 'me'`).pluck().get() as number
    // Another person's workouts, written as an import would: several sets on one log row.
    other = addPerson(sqlite, 'P2', { region: 'EU' })
    for (let i = 0; i < 6; i += 1) {
      const workout = insertRow(sqlite, 'fitness_workouts', {
        user_id: other,
        workout_date: plusDays('2025-03-04', i * 3),
        total_duration_minutes: 40 + i,
      })
      insertRow(sqlite, 'fitness_exercise_logs', {
        workout_id: workout,
        exercise_id: ex['Back Squat']!,
        sets: 3,
        reps: 8,
        weight: 60 + i,
      })
      insertRow(sqlite, 'fitness_exercise_logs', {
        workout_id: workout,
        exercise_id: ex['Pull-up']!,
        sets: 4,
        reps: 6,
        weight: null,
      })
    }
  })
  afterAll(async () => {
    await handle.close()
  })

  it('volume per week is sets × reps × weight summed per ISO week, with empty weeks as zero', () => {
    const logs = readLogs(sqlite)
    const weeks = new Map<
      string,
      { workouts: Set<number>; sets: number; reps: number; volume: number }
    >()
    for (const l of logs) {
      const w = mondayOf(l.date)
      const t = weeks.get(w) ?? { workouts: new Set<number>(), sets: 0, reps: 0, volume: 0 }
      t.workouts.add(l.workoutId)
      t.sets += l.sets
      t.reps += l.sets * l.reps
      t.volume += volume(l)
      weeks.set(w, t)
    }
    const rows = run(sqlite, 'fitness_volume')
    const first = mondayOf(logs.map((l) => l.date).sort()[0]!)
    const last = mondayOf(
      logs
        .map((l) => l.date)
        .sort()
        .at(-1)!,
    )
    const expected: Row[] = []
    for (let w = first; w <= last; w = plusDays(w, 7)) {
      const t = weeks.get(w)
      expected.push({
        period: w,
        workouts: t?.workouts.size ?? 0,
        sets: t?.sets ?? 0,
        reps: t?.reps ?? 0,
        volume_kg: r(t?.volume ?? 0, 1),
        avg_volume_per_workout_kg: t ? r(t.volume / t.workouts.size, 1) : null,
      })
    }
    expect(rows).toEqual(expected)
    expect(rows.find((row) => row.period === '2025-03-24')).toMatchObject({
      workouts: 0,
      volume_kg: 0,
    })
    // A range reaching past today stops at this week.
    const ahead = run(sqlite, 'fitness_volume', { from: '2025-04-21', to: '2025-12-31' })
    expect(ahead.map((row) => row.period)).toEqual(['2025-04-21', '2025-04-28'])
  })

  it('volume by month and by day follow the interval; the range keeps its days only', () => {
    const logs = readLogs(sqlite).filter((l) => l.date >= '2025-03-12' && l.date <= '2025-04-09')
    const months = sumBy(logs, (l) => monthOf(l.date), volume)
    const monthly = run(sqlite, 'fitness_volume', {
      from: '2025-03-12',
      to: '2025-04-09',
      interval: 'month',
    })
    expect(monthly.map((row) => [row.period, row.volume_kg])).toEqual(
      [...months].sort().map(([m, v]) => [m, r(v, 1)]),
    )
    const daily = run(sqlite, 'fitness_volume', {
      from: '2025-03-12',
      to: '2025-03-18',
      interval: 'day',
    })
    expect(daily.map((row) => row.period)).toEqual(
      Array.from({ length: 7 }, (_, i) => plusDays('2025-03-12', i)),
    )
    const days = sumBy(logs, (l) => l.date, volume)
    for (const row of daily) expect(row.volume_kg).toBe(r(days.get(String(row.period)) ?? 0, 1))
  })

  it('volume per workout adds up each workout’s sets', () => {
    const logs = readLogs(sqlite)
    const rows = run(sqlite, 'fitness_workout_volume')
    const workouts = sqlite
      .prepare(`SELECT id, workout_date FROM fitness_workouts ORDER BY workout_date, id`)
      .all() as { id: number; workout_date: string }[]
    expect(rows.map((row) => row.workout_id)).toEqual(workouts.map((w) => w.id))
    for (const row of rows) {
      const mine = logs.filter((l) => l.workoutId === row.workout_id)
      expect(row).toMatchObject({
        sets: mine.reduce((a, l) => a + l.sets, 0),
        reps: mine.reduce((a, l) => a + l.sets * l.reps, 0),
        volume_kg: r(
          mine.reduce((a, l) => a + volume(l), 0),
          1,
        ),
        exercises: new Set(mine.map((l) => l.exercise)).size,
      })
    }
    expect(rows[0]).toMatchObject({ person: 'Me', date: '2025-03-03', program: 'Five by five' })
    expect(rows.find((row) => row.person === 'P2')).toMatchObject({ duration_min: 40 })
  })

  it('weekly volume per body part, with its share of the week', () => {
    const logs = readLogs(sqlite)
    const cells = sumBy(logs, (l) => `${mondayOf(l.date)}|${l.bodyPart ?? '(none)'}`, volume)
    const sets = sumBy(
      logs,
      (l) => `${mondayOf(l.date)}|${l.bodyPart ?? '(none)'}`,
      (l) => l.sets,
    )
    const weekTotal = sumBy(logs, (l) => mondayOf(l.date), volume)
    const rows = run(sqlite, 'fitness_volume_by_body_part')
    expect(rows).toHaveLength(cells.size)
    for (const row of rows) {
      const key = `${row.period}|${row.body_part}`
      expect(row.volume_kg).toBe(r(cells.get(key)!, 1))
      expect(row.sets).toBe(sets.get(key))
      const total = weekTotal.get(String(row.period))!
      expect(row.pct_of_volume).toBe(total === 0 ? null : r((100 * cells.get(key)!) / total, 1))
    }
    // Pull-ups and planks carry no load: sets count, volume does not.
    expect(rows.find((row) => row.body_part === 'core')).toMatchObject({ volume_kg: 0 })
    expect(rows.some((row) => row.body_part === '(none)')).toBe(true)
  })

  it('best estimated 1RM per exercise and week is Epley over sets of 1–12 reps', () => {
    const epley = (w: number, reps: number) => (reps === 1 ? w : w * (1 + reps / 30))
    const logs = readLogs(sqlite).filter((l) => l.userId === owner && (l.weight ?? 0) > 0)
    const best = new Map<string, number>()
    for (const l of logs) {
      if (l.reps < 1 || l.reps > 12) continue
      const key = `${mondayOf(l.date)}|${l.exercise}`
      best.set(key, Math.max(best.get(key) ?? 0, epley(l.weight!, l.reps)))
    }
    const rows = run(sqlite, 'fitness_e1rm').filter((row) => row.person === 'Me')
    for (const row of rows) {
      const key = `${row.period}|${row.exercise}`
      expect(row.best_e1rm_kg, key).toBe(best.has(key) ? r(best.get(key)!, 1) : null)
    }
    expect(rows.filter((row) => row.best_e1rm_kg !== null)).toHaveLength(best.size)
    // The curl weeks with only 20-rep sets have a top weight but no estimate.
    const curlOnly20 = rows.find((row) => row.exercise === 'Curl' && row.best_e1rm_kg === null)
    expect(curlOnly20).toMatchObject({ top_weight_kg: 15, best_e1rm_weight_kg: null })
    // Week of 3 March (four workouts): squats up to 87.5 kg × 5 → best 87.5 × (1 + 5/30).
    expect(
      rows.find((row) => row.period === '2025-03-03' && row.exercise === 'Back Squat'),
    ).toMatchObject({
      top_weight_kg: 87.5,
      best_e1rm_kg: r(87.5 * (1 + 5 / 30), 1),
      best_e1rm_weight_kg: 87.5,
      best_e1rm_reps: 5,
      sets: 12,
    })
  })

  it('segment splits the series per attribute value; filters keep only matching people', () => {
    const logs = readLogs(sqlite)
    const segmented = runReport(
      sqlite,
      'fitness_volume',
      { segment: 'region' },
      { zone: ZONE, now: NOW },
    )
    expect(segmented.columns.slice(0, 3)).toEqual(['period', 'segment', 'workouts'])
    const rows = objects(segmented)
    const bySegment = (segment: string) => rows.filter((row) => row.segment === segment)
    expect(bySegment('EU').length).toBe(bySegment('(none)').length)
    const eu = bySegment('EU').reduce((a, row) => a + Number(row.volume_kg), 0)
    expect(r(eu, 1)).toBe(
      r(
        logs.filter((l) => l.userId === other).reduce((a, l) => a + volume(l), 0),
        1,
      ),
    )

    const filtered = run(sqlite, 'fitness_volume', { filters: { region: ['EU'] } })
    const expected = sumBy(
      logs.filter((l) => l.userId === other),
      (l) => mondayOf(l.date),
      volume,
    )
    for (const row of filtered)
      expect(row.volume_kg).toBe(r(expected.get(String(row.period)) ?? 0, 1))
    expect(filtered.reduce((a, row) => a + Number(row.workouts), 0)).toBe(6)
    expect(run(sqlite, 'fitness_workout_volume', { filters: { region: ['nowhere'] } })).toEqual([])
  })
})

describe('personal records', () => {
  it('are the best e1RM, heaviest set and most reps, each on the day first reached', async () => {
    const handle = await openFresh(tempDir(), 'records.db')
    const { sqlite } = handle
    const squat = insertRow(sqlite, 'fitness_exercises', {
      exercise_name: 'Back Squat',
      exercise_type: 'strength',
      body_part: 'legs',
    })
    const band = insertRow(sqlite, 'fitness_exercises', {
      exercise_name: 'Band Pull-Apart',
      exercise_type: 'band',
      body_part: 'shoulders',
    })
    const plank = insertRow(sqlite, 'fitness_exercises', {
      exercise_name: 'Plank',
      exercise_type: 'timed',
    })
    const log = (
      date: string,
      sets: { exerciseId: number; reps: number; weight?: number | null }[],
    ) => logWorkout(sqlite, { date, sets }, { adapter: 'cli', timeZone: ZONE, now: NOW })
    log('2025-01-06', [{ exerciseId: squat, reps: 5, weight: 100 }])
    log('2025-01-08', [
      { exerciseId: squat, reps: 1, weight: 110 },
      { exerciseId: band, reps: 20, weight: 10 },
      { exerciseId: plank, reps: 0, weight: null },
    ])
    log('2025-01-10', [
      { exerciseId: squat, reps: 5, weight: 100 }, // ties the best e1RM: the first day stays
      { exerciseId: squat, reps: 12, weight: 60 },
      { exerciseId: squat, reps: 15, weight: 40 }, // most reps; too many for an estimate
    ])
    log('2025-01-13', [{ exerciseId: squat, reps: 15, weight: 50 }]) // same reps, heavier

    const rows = objects(
      runReport(sqlite, 'fitness_personal_records', {}, { zone: ZONE, now: NOW }),
    )
    expect(rows).toEqual([
      {
        person: 'Me',
        exercise: 'Back Squat',
        body_part: 'legs',
        sets: 6,
        best_e1rm_kg: r(100 * (1 + 5 / 30), 1),
        best_e1rm_weight_kg: 100,
        best_e1rm_reps: 5,
        best_e1rm_date: '2025-01-06',
        heaviest_kg: 110,
        heaviest_reps: 1,
        heaviest_date: '2025-01-08',
        most_reps: 15,
        most_reps_weight_kg: 50,
        most_reps_date: '2025-01-13',
      },
      {
        person: 'Me',
        exercise: 'Band Pull-Apart',
        body_part: 'shoulders',
        sets: 1,
        best_e1rm_kg: null,
        best_e1rm_weight_kg: null,
        best_e1rm_reps: null,
        best_e1rm_date: null,
        heaviest_kg: 10,
        heaviest_reps: 20,
        heaviest_date: '2025-01-08',
        most_reps: 20,
        most_reps_weight_kg: 10,
        most_reps_date: '2025-01-08',
      },
    ])
    // Within a range, records are the range's bests.
    const january8 = objects(
      runReport(
        sqlite,
        'fitness_personal_records',
        { from: '2025-01-07', to: '2025-01-09' },
        { zone: ZONE, now: NOW },
      ),
    )
    expect(january8.find((row) => row.exercise === 'Back Squat')).toMatchObject({
      best_e1rm_kg: 110,
      best_e1rm_date: '2025-01-08',
      most_reps: 1,
    })
    await handle.close()
  })
})

describe('body reports', () => {
  let handle: DatabaseHandle
  let sqlite: BetterSqlite3.Database
  let owner = 0
  let other = 0

  beforeAll(async () => {
    handle = await openFresh(tempDir(), 'body.db')
    sqlite = handle.sqlite
    owner = addPerson(sqlite, 'me', { name: 'Me', tdee: 2500 })
    other = addPerson(sqlite, 'P2', {
      name: 'Pat',
      gender: 'female',
      date_of_birth: '1990-06-15',
      region: 'EU',
    })
    // The owner weighs in on scattered days, twice on 10 March; waist shrinks 0.5 cm a week.
    const weighIns: [string, number][] = [
      ['2025-03-01', 90],
      ['2025-03-04', 89.6],
      ['2025-03-10', 89.4],
      ['2025-03-10', 89.0],
      ['2025-03-20', 88.5],
      ['2025-04-02', 88.1],
    ]
    for (const [date, weight] of weighIns) {
      insertRow(sqlite, 'fitness_measurements', {
        user_id: owner,
        measurement_date: date,
        weight,
        waist: r(95 - (0.5 * daysFrom('2025-03-01', date)) / 7, 4),
        height: 180,
      })
    }
    insertRow(sqlite, 'fitness_measurements', {
      user_id: other,
      measurement_date: '2025-02-01',
      weight: 60,
      height: 165,
      body_fat_percentage: 28,
    })
    insertRow(sqlite, 'fitness_measurements', {
      user_id: other,
      measurement_date: '2025-03-15',
      weight: 59,
      body_fat_percentage: 27,
    })
  })
  afterAll(async () => {
    await handle.close()
  })

  it('7-day moving average: the mean of the daily weigh-ins of the day and the six before', () => {
    const daily = new Map<string, number[]>()
    for (const row of sqlite
      .prepare(
        `SELECT measurement_date AS d, weight AS w FROM fitness_measurements WHERE user_id = ?`,
      )
      .all(owner) as { d: string; w: number }[]) {
      daily.set(row.d, [...(daily.get(row.d) ?? []), row.w])
    }
    const dayMean = (d: string) => {
      const v = daily.get(d)
      return v ? v.reduce((a, b) => a + b, 0) / v.length : undefined
    }
    const expected: Row[] = []
    for (let d = '2025-03-01'; d <= '2025-04-02'; d = plusDays(d, 1)) {
      const window = Array.from({ length: 7 }, (_, i) => dayMean(plusDays(d, -i))).filter(
        (v): v is number => v !== undefined,
      )
      if (window.length === 0) continue
      const today = dayMean(d)
      expected.push({
        date: d,
        person: 'Me',
        weight_kg: today === undefined ? null : r(today, 2),
        weight_7d_avg_kg: r(window.reduce((a, b) => a + b, 0) / window.length, 2),
        weigh_in_days_7d: window.length,
      })
    }
    const rows = run(sqlite, 'fitness_body_weight', { filters: { region: ['(none)'] } })
    expect(rows).toEqual(expected)
    expect(rows.find((row) => row.date === '2025-03-10')).toMatchObject({
      weight_kg: 89.2,
      weight_7d_avg_kg: r((89.6 + 89.2) / 2, 2),
    })
    // A range starts its windows with the weigh-ins just before it.
    const ranged = run(sqlite, 'fitness_body_weight', { from: '2025-03-05', to: '2025-03-08' })
    expect(ranged.filter((row) => row.person === 'Me').map((row) => row.weight_7d_avg_kg)).toEqual([
      89.8, 89.8, 89.8, 89.6,
    ])
  })

  it('measurements average per month; trends give first, last, change and slope per week', () => {
    const monthly = run(sqlite, 'fitness_measurement_averages').filter((row) => row.person === 'Me')
    expect(monthly.map((row) => [row.period, row.readings, row.weight_kg])).toEqual([
      ['2025-03-01', 5, r((90 + 89.6 + 89.4 + 89.0 + 88.5) / 5, 1)],
      ['2025-04-01', 1, 88.1],
    ])
    const trends = run(sqlite, 'fitness_measurement_trends').filter((row) => row.person === 'Me')
    const waist = trends.find((row) => row.measure === 'waist')!
    expect(waist).toMatchObject({
      unit: 'cm',
      readings: 6,
      first_date: '2025-03-01',
      first_value: 95,
      last_date: '2025-04-02',
      change: r((-0.5 * 32) / 7, 2),
      trend_per_week: -0.5,
    })
    expect(trends.find((row) => row.measure === 'weight')).toMatchObject({
      first_value: 90,
      last_value: 88.1,
    })
    expect(trends.map((row) => row.measure)).toEqual(['weight', 'waist', 'height'])
  })

  it('energy balance: calories minus the profile TDEE, else a Mifflin-St Jeor estimate', () => {
    const add = (userId: number, date: string, calories: number | null) =>
      insertRow(sqlite, 'fitness_nutrition', { user_id: userId, nutrition_date: date, calories })
    add(owner, '2025-03-10', 1200) // lunch
    add(owner, '2025-03-10', 1000) // dinner: the day is 2200
    add(owner, '2025-03-11', 2900)
    add(owner, '2025-03-12', null) // no calories: not a logged day
    add(other, '2025-03-10', 1800)
    // Pat trained 6 times in the 28 days up to 10 March (1.5 a week): lightly active, 1.375.
    for (let i = 0; i < 6; i += 1) {
      insertRow(sqlite, 'fitness_workouts', {
        user_id: other,
        workout_date: plusDays('2025-02-12', i * 4),
      })
    }
    insertRow(sqlite, 'fitness_workouts', { user_id: other, workout_date: '2025-02-01' }) // too early

    const rows = run(sqlite, 'fitness_energy_balance', { from: '2025-03-10', to: '2025-03-12' })
    // Pat on 10 March: 34 years old, 60 kg (latest weigh-in), 165 cm.
    const patTdee = Math.round((10 * 60 + 6.25 * 165 - 5 * 34 - 161) * 1.375)
    expect(rows).toEqual([
      {
        period: '2025-03-10',
        person: 'Me',
        days_logged: 1,
        calories_kcal: 2200,
        tdee_kcal: 2500,
        balance_kcal: -300,
        avg_daily_balance_kcal: -300,
        est_weight_change_kg: r(-300 / 7700, 2),
        tdee_source: 'profile',
      },
      {
        period: '2025-03-10',
        person: 'Pat',
        days_logged: 1,
        calories_kcal: 1800,
        tdee_kcal: patTdee,
        balance_kcal: 1800 - patTdee,
        avg_daily_balance_kcal: 1800 - patTdee,
        est_weight_change_kg: r((1800 - patTdee) / 7700, 2),
        tdee_source: 'estimated',
      },
      {
        period: '2025-03-11',
        person: 'Me',
        days_logged: 1,
        calories_kcal: 2900,
        tdee_kcal: 2500,
        balance_kcal: 400,
        avg_daily_balance_kcal: 400,
        est_weight_change_kg: r(400 / 7700, 2),
        tdee_source: 'profile',
      },
    ])
    const weekly = run(sqlite, 'fitness_energy_balance', { interval: 'week', segment: 'region' })
    expect(weekly.find((row) => row.person === 'Me')).toMatchObject({
      period: '2025-03-10',
      segment: '(none)',
      days_logged: 2,
      calories_kcal: 5100,
      tdee_kcal: 5000,
      balance_kcal: 100,
      avg_daily_balance_kcal: 50,
    })
    expect(weekly.find((row) => row.person === 'Pat')).toMatchObject({ segment: 'EU' })
  })

  it('goal progress from start to target, measured from the logs as of the range’s end', () => {
    const goal = (
      userId: number,
      type: string,
      target: unknown,
      created: string,
      deadline: string | null,
      status = 'active',
    ) =>
      insertRow(sqlite, 'fitness_goals', {
        user_id: userId,
        goal_type: type,
        goal_target: JSON.stringify(target),
        goal_deadline: deadline,
        goal_status: status,
        created_at: created,
      })
    const loss = goal(
      owner,
      'weight_loss',
      { target_weight_kg: 86 },
      '2025-03-03T20:00:00Z',
      '2025-05-01',
    )
    const fat = goal(
      other,
      'body_fat',
      { target_percentage: 25 },
      '2025-02-02T08:00:00Z',
      null,
      'paused',
    )
    const row = goal(owner, 'endurance', { distance_m: 5000 }, '2025-03-05T08:00:00Z', '2025-06-01')
    const bench = insertRow(sqlite, 'fitness_exercises', {
      exercise_name: 'Bench Press',
      exercise_type: 'strength',
    })
    for (const [date, weight] of [
      ['2025-03-01', 80],
      ['2025-03-08', 85],
      ['2025-03-15', 90],
    ] as const) {
      const w = insertRow(sqlite, 'fitness_workouts', { user_id: owner, workout_date: date })
      insertRow(sqlite, 'fitness_exercise_logs', {
        workout_id: w,
        exercise_id: bench,
        sets: 1,
        reps: 3,
        weight,
      })
    }
    const lift = goal(
      owner,
      'strength',
      { exercise: 'bench press', weight_kg: 100, reps: 3 },
      '2025-03-02T10:00:00Z',
      '2025-06-30',
    )
    const weeks = goal(
      owner,
      'consistency',
      { workouts_per_week: 1, weeks: 4 },
      '2025-03-01T10:00:00Z',
      null,
    )

    const asOf = '2025-03-16'
    const rows = run(sqlite, 'fitness_goal_progress', { to: asOf })
    const byId = new Map(rows.map((row) => [row.goal_id, row]))
    // Weight: 90 kg on or before 3 March (the latest weigh-in then), 89 kg on 16 March (the
    // last reading by then, the second on 10 March).
    expect(byId.get(loss)).toMatchObject({
      person: 'Me',
      measure: 'body_weight_kg',
      start_value: 90,
      current_value: 89,
      target_value: 86,
      pct_done: 25,
      set_on: '2025-03-03',
      deadline: '2025-05-01',
      pct_time_elapsed: r((100 * 13) / 59, 1),
      days_left: 46,
    })
    expect(byId.get(fat)).toMatchObject({
      measure: 'body_fat_pct',
      start_value: 28,
      current_value: 27,
      target_value: 25,
      pct_done: r(100 / 3, 1),
      pct_time_elapsed: null,
      days_left: null,
    })
    const e = (w: number) => w * (1 + 3 / 30)
    expect(byId.get(lift)).toMatchObject({
      measure: 'e1rm_kg (bench press)',
      start_value: r(e(80), 1),
      current_value: r(e(90), 1),
      target_value: r(e(100), 1),
      pct_done: r((100 * (e(90) - e(80))) / (e(100) - e(80)), 1),
    })
    // Weeks from the one it was set in (from 24 Feb) with at least one workout: the bench
    // sessions on Saturdays 1, 8 and 15 March fall in three weeks.
    expect(byId.get(weeks)).toMatchObject({
      start_value: 0,
      current_value: 3,
      target_value: 4,
      pct_done: 75,
    })
    expect(byId.get(row)).toMatchObject({ measure: null, current_value: null, pct_done: null })
    const result = runReport(
      sqlite,
      'fitness_goal_progress',
      { to: asOf },
      { zone: ZONE, now: NOW },
    )
    expect(result.notes.join(' ')).toMatch(/endurance/)
    // A goal set after the range's end is not listed yet.
    expect(
      run(sqlite, 'fitness_goal_progress', { to: '2025-03-01' }).map((g) => g.goal_id),
    ).toEqual([fat, weeks])
  })
})

describe('fitness reports on the demo database', () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await openDemo(tempDir())
  }, 120_000)
  afterAll(async () => {
    await handle.close()
  })

  it('every fitness report returns rows without throwing', () => {
    expectDemoRows(handle.sqlite, 'fitness')
  })
})
