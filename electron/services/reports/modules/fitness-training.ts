import type { ReportCell } from '../../../../shared/reports'
import type { DateKey } from '../../../../shared/time'
import {
  NONE,
  compareLabel,
  dateInRange,
  defineReport,
  iso,
  pct,
  periodStart,
  ratio,
  round,
  rowWith,
  segmentCell,
  seriesPeriods,
  upsert,
} from './common'
import {
  e1rmOf,
  isLoaded,
  personName,
  personNames,
  readSets,
  volumeOf,
  type SetRow,
} from './fitness-data'

// Training reports: volume (sets × reps × weight, kg), estimated one-rep maxes and records.

const PEOPLE = ['range', 'segment', 'filters'] as const

export const fitnessWorkoutVolume = defineReport(
  {
    name: 'fitness_workout_volume',
    title: 'Volume per workout',
    description:
      'Each workout with its sets, reps and volume (sets × reps × weight, kg; body-weight and timed sets add no volume).',
    module: 'fitness',
    columns: [
      'date',
      'person',
      'workout_id',
      'program',
      'exercises',
      'sets',
      'reps',
      'volume_kg',
      'duration_min',
    ],
    accepts: [...PEOPLE],
  },
  ({ sqlite, s, people }) => {
    const names = personNames(sqlite)
    const workouts = sqlite
      .prepare(
        `SELECT w.id, w.user_id, w.workout_date, p.program_name, w.total_duration_minutes
         FROM fitness_workouts w LEFT JOIN fitness_programs p ON p.id = w.program_id
         WHERE ${dateInRange('w.workout_date')}
         ORDER BY w.workout_date, w.id`,
      )
      .raw()
      .all({ fromDate: s.fromDate, toDate: s.toDate }) as [
      number,
      number | null,
      string,
      string | null,
      number | null,
    ][]
    const totals = new Map<
      number,
      { exercises: Set<number>; sets: number; reps: number; volume: number }
    >()
    for (const row of readSets(sqlite, s)) {
      const t = upsert(totals, row.workoutId, () => ({
        exercises: new Set<number>(),
        sets: 0,
        reps: 0,
        volume: 0,
      }))
      t.exercises.add(row.exerciseId)
      t.sets += row.sets
      t.reps += row.sets * row.reps
      t.volume += volumeOf(row)
    }
    const rows: ReportCell[][] = []
    for (const [id, userId, date, program, minutes] of workouts) {
      const segment = people.ofKey(userId)
      if (segment === null) continue
      const t = totals.get(id)
      rows.push(
        rowWith(
          [
            date,
            personName(names, userId),
            id,
            program,
            t?.exercises.size ?? 0,
            t?.sets ?? 0,
            t?.reps ?? 0,
            round(t?.volume ?? 0, 1),
            minutes,
          ],
          segmentCell(people, segment),
        ),
      )
    }
    return { rows }
  },
)

interface VolumeTotals {
  workouts: Set<number>
  sets: number
  reps: number
  volume: number
}

export const fitnessVolume = defineReport(
  {
    name: 'fitness_volume',
    title: 'Training volume over time',
    description:
      'Workouts, sets, reps and volume (sets × reps × weight, kg) per week (or day, month); periods without training show zeros.',
    module: 'fitness',
    columns: ['period', 'workouts', 'sets', 'reps', 'volume_kg', 'avg_volume_per_workout_kg'],
    accepts: ['range', 'interval', 'segment', 'filters'],
    intervals: ['week', 'day', 'month'],
  },
  ({ sqlite, s, people }) => {
    const bySegment = new Map<string, Map<DateKey, VolumeTotals>>()
    const days: DateKey[] = []
    for (const row of readSets(sqlite, s)) {
      const segment = people.ofKey(row.userId)
      if (segment === null) continue
      days.push(row.day)
      const t = upsert(
        upsert(bySegment, segment, () => new Map()),
        periodStart(row.day, s.interval),
        () => ({
          workouts: new Set<number>(),
          sets: 0,
          reps: 0,
          volume: 0,
        }),
      )
      t.workouts.add(row.workoutId)
      t.sets += row.sets
      t.reps += row.sets * row.reps
      t.volume += volumeOf(row)
    }
    const periods = seriesPeriods(s, days)
    const rows: ReportCell[][] = []
    for (const period of periods) {
      for (const segment of [...bySegment.keys()].sort(compareLabel)) {
        const t = bySegment.get(segment)?.get(period)
        const workouts = t?.workouts.size ?? 0
        rows.push(
          rowWith(
            [
              iso(period),
              workouts,
              t?.sets ?? 0,
              t?.reps ?? 0,
              round(t?.volume ?? 0, 1),
              ratio(t?.volume ?? 0, workouts, 1),
            ],
            segmentCell(people, segment),
          ),
        )
      }
    }
    return { rows }
  },
)

export const fitnessVolumeByBodyPart = defineReport(
  {
    name: 'fitness_volume_by_body_part',
    title: 'Weekly volume per body part',
    description:
      'Sets, reps and volume (kg) per body part and week (or day, month), with each body part’s share of that period’s volume.',
    module: 'fitness',
    columns: ['period', 'body_part', 'sets', 'reps', 'volume_kg', 'pct_of_volume'],
    accepts: ['range', 'interval', 'segment', 'filters'],
    intervals: ['week', 'month', 'day'],
  },
  ({ sqlite, s, people }) => {
    type Cell = { sets: number; reps: number; volume: number }
    // period → segment → body part
    const cells = new Map<DateKey, Map<string, Map<string, Cell>>>()
    for (const row of readSets(sqlite, s)) {
      const segment = people.ofKey(row.userId)
      if (segment === null) continue
      const bySegment = upsert(cells, periodStart(row.day, s.interval), () => new Map())
      const cell = upsert(
        upsert(bySegment, segment, () => new Map()),
        row.bodyPart ?? NONE,
        () => ({
          sets: 0,
          reps: 0,
          volume: 0,
        }),
      )
      cell.sets += row.sets
      cell.reps += row.sets * row.reps
      cell.volume += volumeOf(row)
    }
    const rows: ReportCell[][] = []
    for (const period of [...cells.keys()].sort((a, b) => a - b)) {
      const bySegment = cells.get(period) ?? new Map<string, Map<string, Cell>>()
      for (const segment of [...bySegment.keys()].sort(compareLabel)) {
        const parts = bySegment.get(segment) ?? new Map<string, Cell>()
        let total = 0
        for (const cell of parts.values()) total += cell.volume
        for (const part of [...parts.keys()].sort(compareLabel)) {
          const cell = parts.get(part) as Cell
          rows.push(
            rowWith(
              [
                iso(period),
                part,
                cell.sets,
                cell.reps,
                round(cell.volume, 1),
                pct(cell.volume, total),
              ],
              segmentCell(people, segment),
            ),
          )
        }
      }
    }
    return { rows }
  },
)

/** The better of two sets for a best e1RM: higher e1RM, then the earlier. */
interface Best {
  e1rm: number
  weight: number
  reps: number
  day: DateKey
}

export const fitnessE1rm = defineReport(
  {
    name: 'fitness_e1rm',
    title: 'Estimated one-rep max over time',
    description:
      'Best estimated one-rep max (Epley: weight × (1 + reps/30), from sets of 1–12 reps; a single counts as itself) per exercise and week (or day, month), with the set it came from.',
    module: 'fitness',
    columns: [
      'period',
      'person',
      'exercise',
      'sets',
      'top_weight_kg',
      'best_e1rm_kg',
      'best_e1rm_weight_kg',
      'best_e1rm_reps',
    ],
    accepts: ['range', 'interval', 'segment', 'filters'],
    intervals: ['week', 'month', 'day'],
  },
  ({ sqlite, s, people }) => {
    const names = personNames(sqlite)
    type Cell = {
      segment: string
      userId: number | null
      exercise: string
      sets: number
      top: number
      best: Best | null
    }
    const cells = new Map<string, Cell>()
    for (const row of readSets(sqlite, s)) {
      if (!isLoaded(row)) continue
      const segment = people.ofKey(row.userId)
      if (segment === null) continue
      const weight = row.weight as number
      const period = periodStart(row.day, s.interval)
      const key = JSON.stringify([period, segment, row.userId, row.exerciseId])
      const cell = upsert(cells, key, () => ({
        segment,
        userId: row.userId,
        exercise: row.exercise,
        sets: 0,
        top: 0,
        best: null as Best | null,
      }))
      cell.sets += row.sets
      cell.top = Math.max(cell.top, weight)
      const e1rm = e1rmOf(row)
      if (e1rm !== null && (cell.best === null || e1rm > cell.best.e1rm)) {
        cell.best = { e1rm, weight, reps: row.reps, day: row.day }
      }
    }
    const rows = [...cells.entries()].map(([key, c]) => {
      const period = (JSON.parse(key) as [number])[0]
      return {
        sort: [period, c.segment, personName(names, c.userId) ?? '', c.exercise] as const,
        row: rowWith(
          [
            iso(period),
            personName(names, c.userId),
            c.exercise,
            c.sets,
            round(c.top, 2),
            c.best === null ? null : round(c.best.e1rm, 1),
            c.best === null ? null : round(c.best.weight, 2),
            c.best?.reps ?? null,
          ],
          segmentCell(people, c.segment),
        ),
      }
    })
    rows.sort(
      (a, b) =>
        a.sort[0] - b.sort[0] ||
        compareLabel(a.sort[1], b.sort[1]) ||
        compareLabel(a.sort[2], b.sort[2]) ||
        compareLabel(a.sort[3], b.sort[3]),
    )
    return { rows: rows.map((r) => r.row) }
  },
)

interface Records {
  segment: string
  userId: number | null
  exercise: string
  bodyPart: string | null
  sets: number
  e1rm: Best | null
  heaviest: { weight: number; reps: number; day: DateKey } | null
  mostReps: { reps: number; weight: number | null; day: DateKey } | null
}

/** Folds one set into an exercise's records; sets arrive oldest first, so ties keep the first. */
function addToRecords(r: Records, row: SetRow) {
  r.sets += row.sets
  if (row.reps >= 1) {
    const w = row.weight ?? 0
    const m = r.mostReps
    if (m === null || row.reps > m.reps || (row.reps === m.reps && w > (m.weight ?? 0))) {
      r.mostReps = { reps: row.reps, weight: row.weight, day: row.day }
    }
  }
  if (!isLoaded(row)) return
  const weight = row.weight as number
  const h = r.heaviest
  if (h === null || weight > h.weight || (weight === h.weight && row.reps > h.reps)) {
    r.heaviest = { weight, reps: row.reps, day: row.day }
  }
  const e1rm = e1rmOf(row)
  if (e1rm !== null && (r.e1rm === null || e1rm > r.e1rm.e1rm)) {
    r.e1rm = { e1rm, weight, reps: row.reps, day: row.day }
  }
}

export const fitnessPersonalRecords = defineReport(
  {
    name: 'fitness_personal_records',
    title: 'Personal records',
    description:
      'Per exercise: best estimated one-rep max, heaviest weight and most reps in one set, each with the day it was first set (within the range).',
    module: 'fitness',
    columns: [
      'person',
      'exercise',
      'body_part',
      'sets',
      'best_e1rm_kg',
      'best_e1rm_weight_kg',
      'best_e1rm_reps',
      'best_e1rm_date',
      'heaviest_kg',
      'heaviest_reps',
      'heaviest_date',
      'most_reps',
      'most_reps_weight_kg',
      'most_reps_date',
    ],
    accepts: [...PEOPLE],
  },
  ({ sqlite, s, people }) => {
    const names = personNames(sqlite)
    const records = new Map<string, Records>()
    for (const row of readSets(sqlite, s)) {
      const segment = people.ofKey(row.userId)
      if (segment === null) continue
      const r = upsert(records, JSON.stringify([segment, row.userId, row.exerciseId]), () => ({
        segment,
        userId: row.userId,
        exercise: row.exercise,
        bodyPart: row.bodyPart,
        sets: 0,
        e1rm: null,
        heaviest: null,
        mostReps: null,
      }))
      addToRecords(r, row)
    }
    const list = [...records.values()].filter((r) => r.mostReps !== null || r.heaviest !== null)
    list.sort(
      (a, b) =>
        compareLabel(personName(names, a.userId) ?? '', personName(names, b.userId) ?? '') ||
        compareLabel(a.segment, b.segment) ||
        compareLabel(a.exercise, b.exercise),
    )
    const rows = list.map((r) =>
      rowWith(
        [
          personName(names, r.userId),
          r.exercise,
          r.bodyPart,
          r.sets,
          r.e1rm === null ? null : round(r.e1rm.e1rm, 1),
          r.e1rm === null ? null : round(r.e1rm.weight, 2),
          r.e1rm?.reps ?? null,
          r.e1rm === null ? null : iso(r.e1rm.day),
          r.heaviest === null ? null : round(r.heaviest.weight, 2),
          r.heaviest?.reps ?? null,
          r.heaviest === null ? null : iso(r.heaviest.day),
          r.mostReps?.reps ?? null,
          r.mostReps?.weight == null ? null : round(r.mostReps.weight, 2),
          r.mostReps === null ? null : iso(r.mostReps.day),
        ],
        segmentCell(people, r.segment),
      ),
    )
    return { rows }
  },
)
