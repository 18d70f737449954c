import type { DemoContext } from './context'
import type { Library } from './fitness-library'
import type { Prescription } from './fitness-programs'
import { clamp } from './random'

/** Estimated one-rep max (kg) at the start, and the share it grows by over about two years. */
interface Progression {
  start: number
  gain: number
  /** Smallest weight increment on that equipment. */
  step: number
}

const LOADED: Record<string, Progression> = {
  'Back Squat': { start: 85, gain: 0.45, step: 2.5 },
  'Front Squat': { start: 65, gain: 0.4, step: 2.5 },
  'Bench Press': { start: 62, gain: 0.36, step: 2.5 },
  'Incline Bench Press': { start: 52, gain: 0.35, step: 2.5 },
  Deadlift: { start: 110, gain: 0.42, step: 2.5 },
  'Romanian Deadlift': { start: 85, gain: 0.38, step: 2.5 },
  'Overhead Press': { start: 42, gain: 0.33, step: 2.5 },
  'Barbell Row': { start: 60, gain: 0.38, step: 2.5 },
  'Power Clean': { start: 60, gain: 0.3, step: 2.5 },
  'Hip Thrust': { start: 90, gain: 0.5, step: 5 },
  'Dumbbell Bench Press': { start: 30, gain: 0.3, step: 2 },
  'Dumbbell Shoulder Press': { start: 22, gain: 0.3, step: 2 },
  'Dumbbell Row': { start: 34, gain: 0.3, step: 2 },
  'Dumbbell Curl': { start: 17, gain: 0.3, step: 2 },
  'Hammer Curl': { start: 19, gain: 0.3, step: 2 },
  'Lateral Raise': { start: 12, gain: 0.35, step: 2 },
  'Goblet Squat': { start: 36, gain: 0.3, step: 4 },
  'Walking Lunge': { start: 32, gain: 0.35, step: 2 },
  'Bulgarian Split Squat': { start: 32, gain: 0.35, step: 2 },
  'Kettlebell Swing': { start: 40, gain: 0.25, step: 4 },
  'Lat Pulldown': { start: 70, gain: 0.3, step: 5 },
  'Seated Cable Row': { start: 75, gain: 0.3, step: 5 },
  'Cable Fly': { start: 28, gain: 0.3, step: 2.5 },
  'Triceps Pushdown': { start: 38, gain: 0.3, step: 2.5 },
  'Face Pull': { start: 32, gain: 0.3, step: 2.5 },
  'Leg Press': { start: 190, gain: 0.4, step: 10 },
  'Leg Curl': { start: 55, gain: 0.3, step: 5 },
  'Leg Extension': { start: 65, gain: 0.3, step: 5 },
  'Calf Raise': { start: 150, gain: 0.3, step: 10 },
}
/** Reps possible in one fresh set, at the start and after two years. */
const BODYWEIGHT: Record<string, readonly [number, number]> = {
  'Pull-up': [6, 12],
  'Chin-up': [7, 13],
  'Push-up': [20, 35],
  'Hanging Leg Raise': [8, 15],
}
/** Seconds per set of timed work, at the start and after two years. */
const TIMED: Record<string, readonly [number, number]> = {
  Plank: [45, 100],
  'Rowing Machine': [900, 1200],
  'Stationary Bike': [1200, 1800],
  'Treadmill Run': [1200, 2100],
  'Hip Mobility Flow': [300, 600],
}
/** Index into the bands (lightest first) at the start and after two years. */
const BAND_LEVEL: Record<string, readonly [number, number]> = {
  'Band Pull-Apart': [1, 2],
  'Banded Glute Bridge': [2, 4],
  'Banded Squat': [2, 3],
  'Banded Lateral Walk': [1, 2],
}

/** Share of the two-year gain reached after `day` days of training: fast first, then slower. */
const progress = (day: number) => (1 - Math.exp(-day / 320)) / (1 - Math.exp(-730 / 320))
const lerp = (range: readonly [number, number], t: number) => range[0] + (range[1] - range[0]) * t
const roundTo = (x: number, step: number) => Math.max(step, Math.round(x / step) * step)

export interface SetLog {
  exercise: string
  reps: number
  weight: number | null
  durationSeconds: number | null
  notes: string | null
  /** Minutes the set and the rest after it take. */
  minutes: number
}

/** One training day as the body sees it. */
export interface TrainingDay {
  index: number
  readiness: number
  deload: boolean
}

/** One set of an exercise as the owner did it that day. */
export function performSet(
  ctx: DemoContext,
  library: Library,
  exercise: string,
  item: Prescription,
  set: number,
  day: TrainingDay,
): SetLog {
  const { rng } = ctx
  const t = progress(day.index)
  const kind = library.kinds.get(exercise)
  const timed = TIMED[exercise]
  if (timed || kind === 'cardio' || kind === 'mobility' || item.reps === null) {
    const seconds = Math.round(lerp(timed ?? [60, 90], t) * day.readiness * rng.float(0.92, 1.05))
    return {
      exercise,
      reps: kind === 'cardio' ? 0 : 1,
      weight: null,
      durationSeconds: seconds,
      notes: null,
      minutes: seconds / 60 + 1.5,
    }
  }
  const reps = item.reps
  if (kind === 'bodyweight') {
    const capacity = lerp(BODYWEIGHT[exercise] ?? [10, 15], t) * day.readiness - set * 0.8
    return {
      exercise,
      reps: clamp(Math.round(capacity + rng.normal(0, 0.7)), 1, reps + 2),
      weight: null,
      durationSeconds: null,
      notes: null,
      minutes: 2.5,
    }
  }
  if (kind === 'band') {
    const level = Math.round(lerp(BAND_LEVEL[exercise] ?? [1, 2], t))
    const band = library.bands[clamp(level, 0, library.bands.length - 1)]
    if (!band) throw new Error('No resistance bands')
    return {
      exercise,
      reps,
      weight: band.weight * (item.bandMultiplier ?? 1),
      durationSeconds: null,
      notes: `${band.color} band${(item.bandMultiplier ?? 1) > 1 ? ', doubled' : ''}`,
      minutes: 1.5,
    }
  }
  const p = LOADED[exercise] ?? { start: 30, gain: 0.3, step: 2.5 }
  const oneRepMax = p.start * (1 + p.gain * t) * day.readiness * (day.deload ? 0.85 : 1)
  // Working sets at about RPE 8: 90% of the weight the Epley formula allows for those reps.
  const weight = roundTo((oneRepMax * 0.9) / (1 + reps / 30), p.step)
  const lastSet = set === item.sets - 1
  const missed = !day.deload && lastSet && day.readiness < 0.96 && rng.chance(0.6)
  return {
    exercise,
    reps: missed ? Math.max(1, reps - rng.int(1, 2)) : reps,
    weight,
    durationSeconds: null,
    notes: missed ? 'Missed reps on the last set' : null,
    minutes: p.step >= 2.5 && reps <= 6 ? 3.5 : 2,
  }
}
