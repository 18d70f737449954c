import { dateKeyToIso, isoWeekday, type DateKey } from '../../../shared/time'
import { addDays, dayRange, daysBetween, iso } from './clock'
import type { DemoContext } from './context'
import type { Owner } from './owner'
import { round1 } from './random'

/** Share of the history elapsed on a day, 0…1. */
const elapsed = (day: number) => Math.min(1, day / 730)

/** Body weight trend (kg) without the day-to-day noise: slow loss with a summer dip. */
export const weightTrend = (day: number) =>
  88.5 - 6.5 * Math.pow(elapsed(day), 0.8) + 0.6 * Math.sin(4 * Math.PI * elapsed(day))

/** Roughly weekly check-ins on Sunday morning (sometimes Saturday, sometimes forgotten). */
export function writeMeasurements(ctx: DemoContext, owner: Owner, historyStart: DateKey) {
  const { rng, clock } = ctx
  for (const sunday of dayRange(historyStart, ctx.today)) {
    if (isoWeekday(sunday) !== 7 || rng.chance(0.08)) continue
    const key = rng.chance(0.12) ? addDays(sunday, -1) : sunday
    const ms = clock.at(key, 7, rng.int(15, 75))
    if (ms < owner.createdMs || ms > ctx.nowMs) continue
    const day = daysBetween(historyStart, key)
    const f = elapsed(day)
    const noise = (sd: number) => rng.normal(0, sd)
    ctx.writer.insert('fitness_measurements', {
      user_id: owner.id,
      measurement_date: dateKeyToIso(key),
      height: round1(178 + noise(0.15)),
      chest: round1(101 + 2 * f + noise(0.6)),
      bicep: round1(35 + 1.6 * f + noise(0.3)),
      tricep: round1(29.5 + 1 * f + noise(0.3)),
      thighs: round1(58.5 + 0.6 * f + noise(0.5)),
      calves: round1(38 + 0.4 * f + noise(0.3)),
      waist: round1(95 - 7 * f + noise(0.6)),
      neck: round1(39.5 - 0.8 * f + noise(0.3)),
      weight: round1(weightTrend(day) + noise(0.45)),
      body_fat_percentage: round1(22.5 - 5.5 * f + noise(0.4)),
      created_at: iso(ms),
    })
    ctx.events.add({
      userId: owner.userId,
      name: 'measurement_logged',
      ts: ms,
      source: 'mobile',
      pageUrl: '/fitness/measurements',
    })
  }
}

const MEAL_NOTES = [
  'Dinner out with friends',
  'Travel day, ate at the airport',
  'Meal prep Sunday',
  'Birthday cake',
  'Skipped breakfast',
  'High-carb day before legs',
]

/** Most days logged, calories around TDEE (a little under on weekdays, over at weekends). */
export function writeNutrition(ctx: DemoContext, owner: Owner, historyStart: DateKey) {
  const { rng, clock } = ctx
  for (const key of dayRange(historyStart, ctx.today)) {
    if (rng.chance(0.14)) continue
    const ms = clock.at(key, 21, rng.int(0, 90))
    if (ms > ctx.nowMs) continue
    const weekend = isoWeekday(key) >= 6
    const calories =
      Math.round((owner.tdee - 230 + (weekend ? 350 : 0) + rng.normal(0, 230)) / 10) * 10
    const protein = round1(weightTrend(daysBetween(historyStart, key)) * rng.normal(2, 0.15))
    const fat = round1((calories * rng.normal(0.3, 0.03)) / 9)
    const carbs = round1(Math.max(40, (calories - 4 * protein - 9 * fat) / 4))
    ctx.writer.insert('fitness_nutrition', {
      user_id: owner.id,
      nutrition_date: dateKeyToIso(key),
      calories,
      protein_grams: protein,
      carbs_grams: carbs,
      fat_grams: fat,
      water_ounces: round1(Math.min(150, Math.max(40, rng.normal(90, 16)))),
      notes: rng.chance(0.06) ? rng.pick(MEAL_NOTES) : null,
      created_at: iso(ms),
    })
    ctx.events.add({
      userId: owner.userId,
      name: 'nutrition_logged',
      ts: ms,
      source: 'mobile',
      pageUrl: '/fitness/nutrition',
    })
  }
}

type GoalStatus = 'active' | 'achieved' | 'abandoned' | 'paused'

const GOALS: readonly {
  type: string
  target: Record<string, unknown>
  /** Days after the start of the history it was set, and its deadline. */
  setOn: number
  deadlineOn: number
  status: GoalStatus
  /** Days after it was set that its status last changed. */
  changedAfter: number
}[] = [
  {
    type: 'strength',
    target: { exercise: 'Back Squat', weight_kg: 100, reps: 5 },
    setOn: 3,
    deadlineOn: 400,
    status: 'achieved',
    changedAfter: 330,
  },
  {
    type: 'weight_loss',
    target: { target_weight_kg: 82, start_weight_kg: 88.5, rate_kg_per_week: 0.1 },
    setOn: 5,
    deadlineOn: 760,
    status: 'active',
    changedAfter: 200,
  },
  {
    type: 'consistency',
    target: { workouts_per_week: 4, weeks: 12 },
    setOn: 215,
    deadlineOn: 300,
    status: 'achieved',
    changedAfter: 86,
  },
  {
    type: 'endurance',
    target: { exercise: 'Rowing Machine', distance_m: 5000, time_minutes: 20 },
    setOn: 260,
    deadlineOn: 420,
    status: 'abandoned',
    changedAfter: 95,
  },
  {
    type: 'strength',
    target: { exercise: 'Bench Press', weight_kg: 100, reps: 1 },
    setOn: 485,
    deadlineOn: 900,
    status: 'active',
    changedAfter: 0,
  },
  {
    type: 'body_fat',
    target: { target_percentage: 15 },
    setOn: 500,
    deadlineOn: 850,
    status: 'paused',
    changedAfter: 120,
  },
]

export function writeGoals(ctx: DemoContext, owner: Owner, historyStart: DateKey) {
  const { rng, clock } = ctx
  for (const goal of GOALS) {
    const createdMs = clock.at(addDays(historyStart, goal.setOn), 20, rng.int(0, 59))
    if (createdMs > ctx.nowMs) continue
    const updatedMs = Math.min(
      ctx.nowMs,
      clock.at(addDays(historyStart, goal.setOn + goal.changedAfter), 20, rng.int(0, 59)),
    )
    ctx.writer.insert('fitness_goals', {
      user_id: owner.id,
      goal_type: goal.type,
      goal_target: JSON.stringify(goal.target),
      goal_deadline: dateKeyToIso(addDays(historyStart, goal.deadlineOn)),
      goal_status: goal.status,
      created_at: iso(createdMs),
      updated_at: iso(Math.max(createdMs, updatedMs)),
    })
    ctx.events.add({
      userId: owner.userId,
      name: 'goal_set',
      ts: createdMs,
      source: 'desktop',
      pageUrl: '/fitness/goals',
      properties: { goal_type: goal.type },
    })
  }
}
