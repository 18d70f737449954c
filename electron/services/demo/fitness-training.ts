import { dateKeyToIso, isoWeekday, type DateKey } from '../../../shared/time'
import { MINUTE_MS, addDays, dayRange, daysBetween, iso } from './clock'
import type { DemoContext } from './context'
import type { Library } from './fitness-library'
import type { Program } from './fitness-programs'
import { performSet, type SetLog, type TrainingDay } from './fitness-sets'

const NOTES = [
  'Felt strong today',
  'Short on sleep',
  'Gym was busy',
  'Great pump',
  'Lower back a bit tight',
  'New music playlist helped',
  'Kept rest periods short',
]

/** 1–4 weeks away from training a year: holidays, a cold. */
function breaks(ctx: DemoContext, historyStart: DateKey): Set<DateKey> {
  const off = new Set<DateKey>()
  for (let i = 0; i < 4; i += 1) {
    const start = addDays(historyStart, ctx.rng.int(40, 700))
    for (const key of dayRange(start, addDays(start, ctx.rng.int(6, 13)))) off.add(key)
  }
  return off
}

interface Workout {
  program: Program
  day: string
  key: DateKey
  startMs: number
  endMs: number
  notes: string | null
  sets: readonly (SetLog & { at: number })[]
}

/** A finished workout: its row, one log row per set, and the event of logging it. */
function saveWorkout(
  ctx: DemoContext,
  owner: { id: number; userId: string },
  library: Library,
  w: Workout,
) {
  const workoutId = ctx.writer.insert('fitness_workouts', {
    user_id: owner.id,
    program_id: w.program.id,
    workout_date: dateKeyToIso(w.key),
    workout_notes: w.notes,
    total_duration_minutes: Math.round((w.endMs - w.startMs) / MINUTE_MS),
    created_at: iso(w.endMs),
  })
  let volume = 0
  for (const set of w.sets) {
    const exerciseId = library.exerciseIds.get(set.exercise)
    if (exerciseId === undefined) throw new Error(`Unknown exercise ${set.exercise}`)
    ctx.writer.insert('fitness_exercise_logs', {
      workout_id: workoutId,
      exercise_id: exerciseId,
      sets: 1,
      reps: set.reps,
      weight: set.weight,
      duration_seconds: set.durationSeconds,
      notes: set.notes,
      created_at: iso(set.at),
    })
    volume += set.reps * (set.weight ?? 0)
  }
  ctx.events.add({
    userId: owner.userId,
    name: 'workout_logged',
    ts: w.endMs,
    source: 'mobile',
    pageUrl: '/fitness/workouts',
    properties: {
      workout_id: workoutId,
      program: w.program.name,
      workout_day: w.day,
      sets: w.sets.length,
      volume_kg: Math.round(volume),
    },
  })
}

/**
 * The owner's workouts: the program's weekdays with some skipped, one row per set, loads
 * growing with training age, deloads every eighth week of a program and day-to-day noise.
 */
export function writeTraining(
  ctx: DemoContext,
  owner: { id: number; userId: string },
  library: Library,
  programs: readonly Program[],
  historyStart: DateKey,
) {
  const { rng, clock } = ctx
  const off = breaks(ctx, historyStart)
  let lastWorkout: DateKey | null = null
  for (const program of programs) {
    let rotation = 0
    for (const key of dayRange(program.from, program.to)) {
      const weekday = isoWeekday(key)
      if (!program.weekdays.includes(weekday) || off.has(key) || rng.chance(0.1)) continue
      const template = program.days[rotation % program.days.length]
      if (!template) continue
      const longBreak = lastWorkout !== null && daysBetween(lastWorkout, key) > 9
      const day: TrainingDay = {
        index: daysBetween(historyStart, key),
        readiness: rng.normal(1, 0.03) * (longBreak ? 0.94 : 1),
        deload: Math.floor(daysBetween(program.from, key) / 7) % 8 === 7,
      }
      const startMs =
        weekday >= 6 ? clock.at(key, 10, rng.int(0, 50)) : clock.at(key, 17, rng.int(20, 120))
      let t = startMs + rng.int(6, 12) * MINUTE_MS
      const sets: (SetLog & { at: number })[] = []
      let swapped: string | null = null
      for (const item of template.items) {
        const swap = item.alternative !== undefined && rng.chance(0.05)
        const exercise = swap && item.alternative !== undefined ? item.alternative : item.exercise
        if (swap) swapped = `Swapped ${item.exercise} for ${exercise}`
        for (let set = 0; set < item.sets; set += 1) {
          const log = performSet(ctx, library, exercise, item, set, day)
          t += log.minutes * MINUTE_MS * rng.float(0.85, 1.2)
          sets.push({ ...log, at: Math.round(t) })
        }
      }
      const endMs = Math.round(t + rng.int(2, 6) * MINUTE_MS)
      if (endMs > ctx.nowMs) return
      rotation += 1
      lastWorkout = key
      const notes = day.deload
        ? 'Deload week'
        : (swapped ?? (rng.chance(0.15) ? rng.pick(NOTES) : null))
      saveWorkout(ctx, owner, library, {
        program,
        day: template.day,
        key,
        startMs,
        endMs,
        notes,
        sets,
      })
    }
  }
}
