import type BetterSqlite3 from 'better-sqlite3'
import type { ReportCell } from '../../../../shared/reports'
import { isoToDateKey, type DateKey } from '../../../../shared/time'
import {
  Mean,
  addDays,
  compareLabel,
  daysBetween,
  defineReport,
  epley,
  iso,
  localDayOf,
  periodStart,
  ratio,
  round,
  rowWith,
  segmentCell,
  upsert,
  type People,
} from './common'
import { MEASURES, e1rmOf, personName, personNames, readMeasurements } from './fitness-data'

// Body reports: weight and its 7-day average, measurement series and trends, energy balance.

const WEIGHT = MEASURES.findIndex((m) => m.column === 'weight')
const HEIGHT = MEASURES.findIndex((m) => m.column === 'height')
const BODY_FAT = MEASURES.findIndex((m) => m.column === 'body_fat_percentage')

/** Sorts rows built as [sort keys…, row]: a day key, then labels. */
function sortRows(rows: { day: DateKey; labels: string[]; row: ReportCell[] }[]) {
  rows.sort((a, b) => {
    if (a.day !== b.day) return a.day - b.day
    for (let i = 0; i < a.labels.length; i += 1) {
      const c = compareLabel(a.labels[i] ?? '', b.labels[i] ?? '')
      if (c !== 0) return c
    }
    return 0
  })
  return rows.map((r) => r.row)
}

/** Each person's daily mean of one measure (several weigh-ins on a day count as their mean). */
function dailyMeans(
  sqlite: BetterSqlite3.Database,
  people: People,
  measure: number,
  fromDate: string | null,
  toDate: string | null,
) {
  const sums = new Map<string, Map<DateKey, { sum: number; n: number }>>()
  const owners = new Map<string, { userId: number | null; segment: string }>()
  for (const row of readMeasurements(sqlite, fromDate, toDate)) {
    const value = row.values[measure]
    if (value === null || value === undefined) continue
    const segment = people.ofKey(row.userId)
    if (segment === null) continue
    const key = JSON.stringify([segment, row.userId])
    owners.set(key, { userId: row.userId, segment })
    const day = upsert(
      upsert(sums, key, () => new Map()),
      row.day,
      () => ({ sum: 0, n: 0 }),
    )
    day.sum += value
    day.n += 1
  }
  return [...sums.entries()].map(([key, days]) => ({
    ...(owners.get(key) as { userId: number | null; segment: string }),
    days: new Map([...days].map(([day, { sum, n }]) => [day, sum / n])),
  }))
}

export const fitnessBodyWeight = defineReport(
  {
    name: 'fitness_body_weight',
    title: 'Body weight and 7-day average',
    description:
      'Body weight (kg) per day with its 7-day moving average: the mean of the daily weigh-ins from that day and the six before.',
    module: 'fitness',
    columns: ['date', 'person', 'weight_kg', 'weight_7d_avg_kg', 'weigh_in_days_7d'],
    accepts: ['range', 'segment', 'filters'],
  },
  ({ sqlite, s, people }) => {
    const names = personNames(sqlite)
    // The window of the first day shown reaches six days back.
    const readFrom = s.from === null ? null : iso(addDays(s.from, -6))
    const rows: { day: DateKey; labels: string[]; row: ReportCell[] }[] = []
    for (const person of dailyMeans(sqlite, people, WEIGHT, readFrom, s.toDate)) {
      const days = [...person.days.keys()].sort((a, b) => a - b)
      const first = s.from ?? days[0]
      const last = s.to ?? days.at(-1)
      if (first === undefined || last === undefined) continue
      const name = personName(names, person.userId)
      for (let day = first; day <= last; day = addDays(day, 1)) {
        let sum = 0
        let n = 0
        for (let back = 0; back < 7; back += 1) {
          const value = person.days.get(addDays(day, -back))
          if (value === undefined) continue
          sum += value
          n += 1
        }
        if (n === 0) continue
        const today = person.days.get(day)
        rows.push({
          day,
          labels: [person.segment, name ?? ''],
          row: rowWith(
            [iso(day), name, today === undefined ? null : round(today, 2), round(sum / n, 2), n],
            segmentCell(people, person.segment),
          ),
        })
      }
    }
    return { rows: sortRows(rows) }
  },
)

export const fitnessMeasurementAverages = defineReport(
  {
    name: 'fitness_measurement_averages',
    title: 'Body measurements over time',
    description:
      'Average of each body measurement per month (or week, day): weight (kg), body fat (%), and circumferences and height (cm).',
    module: 'fitness',
    columns: ['period', 'person', 'readings', ...MEASURES.map((m) => m.name)],
    accepts: ['range', 'interval', 'segment', 'filters'],
    intervals: ['month', 'week', 'day'],
  },
  ({ sqlite, s, people }) => {
    const names = personNames(sqlite)
    const cells = new Map<
      string,
      { period: DateKey; userId: number | null; segment: string; n: number; means: Mean[] }
    >()
    for (const row of readMeasurements(sqlite, s.fromDate, s.toDate)) {
      const segment = people.ofKey(row.userId)
      if (segment === null) continue
      const period = periodStart(row.day, s.interval)
      const cell = upsert(cells, JSON.stringify([period, segment, row.userId]), () => ({
        period,
        userId: row.userId,
        segment,
        n: 0,
        means: MEASURES.map(() => new Mean()),
      }))
      cell.n += 1
      row.values.forEach((v, i) => cell.means[i]?.add(v))
    }
    const rows = [...cells.values()].map((c) => {
      const name = personName(names, c.userId)
      return {
        day: c.period,
        labels: [c.segment, name ?? ''],
        row: rowWith(
          [iso(c.period), name, c.n, ...c.means.map((m) => m.value(1))],
          segmentCell(people, c.segment),
        ),
      }
    })
    return { rows: sortRows(rows) }
  },
)

/** Least-squares slope of value over days, per week; null with fewer than two distinct days. */
function slopePerWeek(points: readonly [day: number, value: number][]): number | null {
  const n = points.length
  if (n < 2) return null
  let sx = 0
  let sy = 0
  for (const [x, y] of points) {
    sx += x
    sy += y
  }
  const mx = sx / n
  const my = sy / n
  let sxx = 0
  let sxy = 0
  for (const [x, y] of points) {
    sxx += (x - mx) * (x - mx)
    sxy += (x - mx) * (y - my)
  }
  return sxx === 0 ? null : (sxy / sxx) * 7
}

export const fitnessMeasurementTrends = defineReport(
  {
    name: 'fitness_measurement_trends',
    title: 'Measurement trends',
    description:
      'Per body measurement: first and last reading in the range, the change between them, and the trend per week (least-squares slope over every reading).',
    module: 'fitness',
    columns: [
      'person',
      'measure',
      'unit',
      'readings',
      'first_date',
      'first_value',
      'last_date',
      'last_value',
      'change',
      'trend_per_week',
    ],
    accepts: ['range', 'segment', 'filters'],
  },
  ({ sqlite, s, people }) => {
    const names = personNames(sqlite)
    const series = new Map<
      string,
      { userId: number | null; segment: string; points: [DateKey, number][][] }
    >()
    for (const row of readMeasurements(sqlite, s.fromDate, s.toDate)) {
      const segment = people.ofKey(row.userId)
      if (segment === null) continue
      const person = upsert(series, JSON.stringify([segment, row.userId]), () => ({
        userId: row.userId,
        segment,
        points: MEASURES.map(() => []),
      }))
      row.values.forEach((v, i) => {
        if (v !== null) person.points[i]?.push([row.day, v])
      })
    }
    const persons = [...series.values()].sort(
      (a, b) =>
        compareLabel(personName(names, a.userId) ?? '', personName(names, b.userId) ?? '') ||
        compareLabel(a.segment, b.segment),
    )
    const rows: ReportCell[][] = []
    for (const person of persons) {
      MEASURES.forEach((measure, i) => {
        const points = person.points[i] ?? []
        const first = points[0]
        const last = points.at(-1)
        if (first === undefined || last === undefined) return
        const slope = slopePerWeek(points.map(([day, v]) => [daysBetween(first[0], day), v]))
        rows.push(
          rowWith(
            [
              personName(names, person.userId),
              measure.column,
              measure.unit,
              points.length,
              iso(first[0]),
              round(first[1], 2),
              iso(last[0]),
              round(last[1], 2),
              round(last[1] - first[1], 2),
              slope === null ? null : round(slope, 3),
            ],
            segmentCell(people, person.segment),
          ),
        )
      })
    }
    return { rows }
  },
)

// ---- energy balance --------------------------------------------------------------------------

/** kcal in a kilogram of body weight, the usual rule of thumb for turning a balance into kg. */
export const KCAL_PER_KG = 7700

interface Profile {
  tdee: number | null
  gender: string | null
  birth: DateKey | null
}

/** Mifflin-St Jeor's sex term: +5 for men, −161 for women, their midpoint (−78) otherwise. */
export function sexTerm(gender: string | null): number {
  const g = (gender ?? '').trim().toLowerCase()
  if (g === 'm' || g === 'male' || g === 'man') return 5
  if (g === 'f' || g === 'female' || g === 'woman') return -161
  return -78
}

/** Activity factor from workouts logged in the 28 days up to the day (per week on average). */
export function activityFactor(workoutsIn28Days: number): number {
  const perWeek = workoutsIn28Days / 4
  if (perWeek < 1) return 1.2
  if (perWeek < 3) return 1.375
  if (perWeek < 6) return 1.55
  return 1.725
}

export function ageOn(birth: DateKey, day: DateKey): number {
  const years = Math.floor(day / 10000) - Math.floor(birth / 10000)
  return day % 10000 < birth % 10000 ? years - 1 : years
}

/** Mifflin-St Jeor resting energy × activity factor, kcal per day. */
export function estimateTdee(
  weightKg: number,
  heightCm: number,
  age: number,
  gender: string | null,
  workoutsIn28Days: number,
): number {
  const bmr = 10 * weightKg + 6.25 * heightCm - 5 * age + sexTerm(gender)
  return bmr * activityFactor(workoutsIn28Days)
}

/** The latest value on or before `day`, else the first after it. */
function valueAround(points: readonly [DateKey, number][], day: DateKey): number | null {
  let found: number | null = null
  for (const [d, v] of points) {
    if (d <= day) found = v
    else return found ?? v
  }
  return found
}

/** Works out each person's TDEE per day: their profile's, else an estimate, else null. */
function tdeeSource(sqlite: BetterSqlite3.Database) {
  const profiles = new Map<number, Profile>()
  for (const [id, tdee, gender, birth] of sqlite
    .prepare(`SELECT id, tdee, gender, date_of_birth FROM users`)
    .raw()
    .all() as [number, number | null, string | null, string | null][]) {
    profiles.set(id, { tdee, gender, birth: birth === null ? null : isoToDateKey(birth) })
  }
  const body = new Map<number, { weight: [DateKey, number][]; height: [DateKey, number][] }>()
  const workouts = new Map<number, DateKey[]>()
  let loaded = false
  const load = () => {
    loaded = true
    for (const row of readMeasurements(sqlite, null, null)) {
      if (row.userId === null) continue
      const b = upsert(body, row.userId, () => ({ weight: [], height: [] }))
      const w = row.values[WEIGHT]
      const h = row.values[HEIGHT]
      if (w !== null && w !== undefined) b.weight.push([row.day, w])
      if (h !== null && h !== undefined) b.height.push([row.day, h])
    }
    for (const [userId, date] of sqlite
      .prepare(
        `SELECT user_id, workout_date FROM fitness_workouts WHERE user_id IS NOT NULL
         ORDER BY workout_date`,
      )
      .raw()
      .all() as [number, string][]) {
      upsert(workouts, userId, () => []).push(isoToDateKey(date))
    }
  }
  return (userId: number | null, day: DateKey): { tdee: number; source: string } | null => {
    if (userId === null) return null
    const profile = profiles.get(userId)
    if (profile === undefined) return null
    if (profile.tdee !== null) return { tdee: profile.tdee, source: 'profile' }
    if (profile.birth === null) return null
    if (!loaded) load()
    const b = body.get(userId)
    const weight = b === undefined ? null : valueAround(b.weight, day)
    const height = b === undefined ? null : valueAround(b.height, day)
    if (weight === null || height === null) return null
    const since = addDays(day, -27)
    const recent = (workouts.get(userId) ?? []).filter((d) => d >= since && d <= day).length
    return {
      tdee: estimateTdee(weight, height, ageOn(profile.birth, day), profile.gender, recent),
      source: 'estimated',
    }
  }
}

export const fitnessEnergyBalance = defineReport(
  {
    name: 'fitness_energy_balance',
    title: 'Energy balance',
    description:
      'Calories eaten minus TDEE (the profile’s, else a Mifflin-St Jeor estimate) on each day with calories logged, per day (or week, month), with the weight change it implies (7700 kcal per kg).',
    module: 'fitness',
    columns: [
      'period',
      'person',
      'days_logged',
      'calories_kcal',
      'tdee_kcal',
      'balance_kcal',
      'avg_daily_balance_kcal',
      'est_weight_change_kg',
      'tdee_source',
    ],
    accepts: ['range', 'interval', 'segment', 'filters'],
    intervals: ['day', 'week', 'month'],
  },
  ({ sqlite, s, people }) => {
    const names = personNames(sqlite)
    const tdeeOf = tdeeSource(sqlite)
    // Calories per person and day: several entries on a day (meals) add up.
    const days = new Map<
      string,
      { userId: number | null; segment: string; day: DateKey; kcal: number }
    >()
    for (const [userId, date, calories] of sqlite
      .prepare(
        `SELECT user_id, nutrition_date, calories FROM fitness_nutrition
         WHERE calories IS NOT NULL
           AND (@fromDate IS NULL OR nutrition_date >= @fromDate)
           AND (@toDate IS NULL OR nutrition_date <= @toDate)
         ORDER BY nutrition_date, id`,
      )
      .raw()
      .all({ fromDate: s.fromDate, toDate: s.toDate }) as [number | null, string, number][]) {
      const segment = people.ofKey(userId)
      if (segment === null) continue
      const day = isoToDateKey(date)
      upsert(days, JSON.stringify([userId, day]), () => ({ userId, segment, day, kcal: 0 })).kcal +=
        calories
    }
    interface Cell {
      period: DateKey
      userId: number | null
      segment: string
      days: number
      kcal: number
      tdee: number
      known: number
      sources: Set<string>
    }
    const cells = new Map<string, Cell>()
    for (const d of days.values()) {
      const period = periodStart(d.day, s.interval)
      const cell = upsert(cells, JSON.stringify([period, d.segment, d.userId]), () => ({
        period,
        userId: d.userId,
        segment: d.segment,
        days: 0,
        kcal: 0,
        tdee: 0,
        known: 0,
        sources: new Set<string>(),
      }))
      cell.days += 1
      cell.kcal += d.kcal
      const tdee = tdeeOf(d.userId, d.day)
      if (tdee !== null) {
        cell.tdee += Math.round(tdee.tdee)
        cell.known += 1
        cell.sources.add(tdee.source)
      }
    }
    const notes: string[] = []
    const rows = [...cells.values()].map((c) => {
      const name = personName(names, c.userId)
      const complete = c.known === c.days
      if (!complete && c.known > 0) {
        notes.push(`${name ?? 'Someone'}: TDEE unknown on some days of ${iso(c.period)}.`)
      }
      const balance = complete ? c.kcal - c.tdee : null
      return {
        day: c.period,
        labels: [c.segment, name ?? ''],
        row: rowWith(
          [
            iso(c.period),
            name,
            c.days,
            c.kcal,
            complete ? c.tdee : null,
            balance,
            balance === null ? null : ratio(balance, c.days, 0),
            balance === null ? null : round(balance / KCAL_PER_KG, 2),
            complete ? [...c.sources].sort().join('+') : null,
          ],
          segmentCell(people, c.segment),
        ),
      }
    })
    if (rows.some((r) => r.row.at(-1) === null)) {
      notes.push(
        'Where tdee_kcal is empty, the person has no TDEE in their profile and no date of birth, height and weight to estimate one from.',
      )
    }
    return { rows: sortRows(rows), notes }
  },
)

// ---- goals -----------------------------------------------------------------------------------

type Target = Record<string, unknown>

const num = (t: Target, ...keys: string[]): number | null => {
  for (const key of keys) {
    const v = t[key]
    if (typeof v === 'number' && Number.isFinite(v)) return v
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
  }
  return null
}

const text = (t: Target, key: string): string | null => {
  const v = t[key]
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null
}

interface Progress {
  measure: string | null
  start: number | null
  current: number | null
  target: number | null
}

export const fitnessGoalProgress = defineReport(
  {
    name: 'fitness_goal_progress',
    title: 'Goal progress',
    description:
      'Each goal with where it started, where it stands on the range’s last day (else today), its target and the share done; body weight, body fat, strength (e1RM) and workouts-per-week goals are measured from the logs.',
    module: 'fitness',
    columns: [
      'goal_id',
      'person',
      'goal_type',
      'status',
      'measure',
      'start_value',
      'current_value',
      'target_value',
      'pct_done',
      'set_on',
      'deadline',
      'pct_time_elapsed',
      'days_left',
    ],
    accepts: ['range', 'segment', 'filters'],
  },
  ({ sqlite, s, people }) => {
    const names = personNames(sqlite)
    const asOf = s.to !== null && s.to < s.today ? s.to : s.today
    const goals = sqlite
      .prepare(
        `SELECT id, user_id, goal_type, goal_target, goal_deadline, goal_status, created_at
         FROM fitness_goals ORDER BY id`,
      )
      .raw()
      .all() as [number, number | null, string, string | null, string | null, string, string][]
    if (goals.length === 0) return { rows: [] }

    const measurements = readMeasurements(sqlite, null, iso(asOf))
    const seriesOf = (userId: number | null, index: number): [DateKey, number][] =>
      measurements
        .filter((m) => m.userId === userId && m.values[index] != null)
        .map((m) => [m.day, m.values[index] as number])
    const loaded = (
      sqlite
        .prepare(
          `SELECT w.user_id, w.workout_date, lower(e.exercise_name), l.reps, l.weight
           FROM fitness_exercise_logs l
           JOIN fitness_workouts w ON w.id = l.workout_id
           JOIN fitness_exercises e ON e.id = l.exercise_id
           WHERE l.weight > 0 AND l.reps >= 1 AND w.workout_date <= ?
           ORDER BY w.workout_date, l.id`,
        )
        .raw()
        .all(iso(asOf)) as [number | null, string, string, number, number][]
    )
      .map(([userId, date, exercise, reps, weight]) => ({
        userId,
        day: isoToDateKey(date),
        exercise,
        e1rm: e1rmOf({ reps, weight }),
      }))
      .filter((l): l is typeof l & { e1rm: number } => l.e1rm !== null)
    const workoutDays = (
      sqlite
        .prepare(`SELECT user_id, workout_date FROM fitness_workouts WHERE workout_date <= ?`)
        .raw()
        .all(iso(asOf)) as [number | null, string][]
    ).map(([userId, date]) => ({ userId, day: isoToDateKey(date) }))

    const bodyProgress = (
      userId: number | null,
      index: number,
      setOn: DateKey,
      start: number | null,
      target: number | null,
      measure: string,
    ): Progress => {
      const points = seriesOf(userId, index)
      const last = points.at(-1)
      return {
        measure,
        start: start ?? valueAround(points, setOn),
        current: last === undefined ? null : last[1],
        target,
      }
    }

    const notes: string[] = []
    const rows: ReportCell[][] = []
    for (const [id, userId, type, targetText, deadlineText, status, createdAt] of goals) {
      const segment = people.ofKey(userId)
      if (segment === null) continue
      const setOn = localDayOf(createdAt, s.zone)
      if (setOn === null || setOn > asOf) continue
      const deadline = deadlineText === null ? null : isoToDateKey(deadlineText)
      if (s.from !== null && deadline !== null && deadline < s.from) continue
      let target: Target = {}
      try {
        const parsed: unknown = targetText === null ? {} : JSON.parse(targetText)
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
          target = parsed as Target
        }
      } catch {
        target = {}
      }
      const kind = type.toLowerCase()
      const exercise = text(target, 'exercise')
      let p: Progress = { measure: null, start: null, current: null, target: null }
      const liftWeight = num(target, 'weight_kg', 'target_weight_kg')
      const bodyWeight = num(target, 'target_weight_kg', 'target_weight')
      const bodyFat = num(
        target,
        'target_percentage',
        'target_body_fat_percentage',
        'body_fat_percentage',
      )
      const perWeek = num(target, 'workouts_per_week')
      if (exercise !== null && liftWeight !== null) {
        const reps = Math.max(1, Math.round(num(target, 'reps') ?? 1))
        const lifts = loaded.filter(
          (l) => l.userId === userId && l.exercise === exercise.toLowerCase(),
        )
        const best = (list: typeof lifts) =>
          list.length === 0 ? null : Math.max(...list.map((l) => l.e1rm))
        const before = best(lifts.filter((l) => l.day <= setOn))
        const firstAfter = lifts.find((l) => l.day > setOn)?.day
        p = {
          measure: `e1rm_kg (${exercise})`,
          start:
            before ??
            (firstAfter === undefined ? null : best(lifts.filter((l) => l.day === firstAfter))),
          current: best(lifts),
          target: epley(liftWeight, reps),
        }
      } else if (exercise === null && bodyWeight !== null) {
        p = bodyProgress(
          userId,
          WEIGHT,
          setOn,
          num(target, 'start_weight_kg'),
          bodyWeight,
          'body_weight_kg',
        )
      } else if (exercise === null && liftWeight !== null && kind.includes('weight')) {
        p = bodyProgress(
          userId,
          WEIGHT,
          setOn,
          num(target, 'start_weight_kg'),
          liftWeight,
          'body_weight_kg',
        )
      } else if (bodyFat !== null) {
        p = bodyProgress(
          userId,
          BODY_FAT,
          setOn,
          num(target, 'start_percentage'),
          bodyFat,
          'body_fat_pct',
        )
      } else if (perWeek !== null) {
        const end = deadline !== null && deadline < asOf ? deadline : asOf
        const perWeekCount = new Map<DateKey, number>()
        for (const w of workoutDays) {
          if (w.userId !== userId || w.day < periodStart(setOn, 'week') || w.day > end) continue
          const week = periodStart(w.day, 'week')
          perWeekCount.set(week, (perWeekCount.get(week) ?? 0) + 1)
        }
        let met = 0
        for (const n of perWeekCount.values()) if (n >= perWeek) met += 1
        p = {
          measure: `weeks_with_${perWeek}_workouts`,
          start: 0,
          current: met,
          target: num(target, 'weeks'),
        }
      } else {
        notes.push(
          `Goal ${id} (${type}): its target is not something the logs measure, so it shows no progress.`,
        )
      }
      let done: number | null = null
      if (p.start !== null && p.current !== null && p.target !== null) {
        done =
          p.target === p.start
            ? p.current === p.target
              ? 100
              : null
            : Math.min(
                100,
                Math.max(0, round((100 * (p.current - p.start)) / (p.target - p.start), 1)),
              )
      }
      const span = deadline === null ? 0 : daysBetween(setOn, deadline)
      const open = status === 'active' || status === 'paused'
      rows.push(
        rowWith(
          [
            id,
            personName(names, userId),
            type,
            status,
            p.measure,
            p.start === null ? null : round(p.start, 1),
            p.current === null ? null : round(p.current, 1),
            p.target === null ? null : round(p.target, 1),
            done,
            iso(setOn),
            deadlineText,
            span <= 0
              ? null
              : Math.min(100, Math.max(0, round((100 * daysBetween(setOn, asOf)) / span, 1))),
            open && deadline !== null ? daysBetween(asOf, deadline) : null,
          ],
          segmentCell(people, segment),
        ),
      )
    }
    return { rows, notes }
  },
)
