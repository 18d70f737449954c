import type { DateKey } from '../../../shared/time'
import { addDays, iso } from './clock'
import type { DemoContext } from './context'
import type { Library } from './fitness-library'

export interface Prescription {
  exercise: string
  sets: number
  /** null for timed work (cardio, planks). */
  reps: number | null
  volume: string
  alternative?: string
  bandMultiplier?: number
  /** Target seconds per set of timed work. */
  seconds?: number
}

interface ProgramDef {
  name: string
  type: string
  /** ISO weekdays the owner trains on while following it. */
  weekdays: readonly number[]
  days: readonly { day: string; items: readonly Prescription[] }[]
  /** First day of the program, in days after the start of the history. */
  startDay: number
}

export interface Program extends ProgramDef {
  id: number
  from: DateKey
  /** Last day followed (inclusive). */
  to: DateKey
}

const lift = (exercise: string, sets: number, reps: number, alternative?: string): Prescription =>
  alternative === undefined
    ? { exercise, sets, reps, volume: `${sets}x${reps}` }
    : { exercise, sets, reps, volume: `${sets}x${reps}`, alternative }
const band = (exercise: string, sets: number, reps: number, multiplier: number): Prescription => ({
  exercise,
  sets,
  reps,
  volume: `${sets}x${reps}`,
  bandMultiplier: multiplier,
})
const timed = (exercise: string, sets: number, seconds: number): Prescription => ({
  exercise,
  sets,
  reps: null,
  seconds,
  volume: seconds >= 300 ? `${Math.round(seconds / 60)} min` : `${sets}x${seconds}s`,
})

const PROGRAMS: readonly ProgramDef[] = [
  {
    name: 'Starting Strength',
    type: 'strength',
    weekdays: [1, 3, 5],
    startDay: 0,
    days: [
      {
        day: 'A',
        items: [
          lift('Back Squat', 3, 5, 'Goblet Squat'),
          lift('Bench Press', 3, 5, 'Dumbbell Bench Press'),
          lift('Deadlift', 1, 5),
          timed('Plank', 3, 45),
        ],
      },
      {
        day: 'B',
        items: [
          lift('Back Squat', 3, 5, 'Goblet Squat'),
          lift('Overhead Press', 3, 5, 'Dumbbell Shoulder Press'),
          lift('Power Clean', 5, 3),
          lift('Chin-up', 3, 8, 'Lat Pulldown'),
        ],
      },
    ],
  },
  {
    name: 'Upper/Lower Split',
    type: 'hypertrophy',
    weekdays: [1, 2, 4, 6],
    startDay: 210,
    days: [
      {
        day: 'Upper A',
        items: [
          lift('Bench Press', 4, 6, 'Dumbbell Bench Press'),
          lift('Barbell Row', 4, 8, 'Dumbbell Row'),
          lift('Dumbbell Shoulder Press', 3, 10),
          lift('Lat Pulldown', 3, 10, 'Pull-up'),
          lift('Dumbbell Curl', 3, 12),
          lift('Triceps Pushdown', 3, 12),
        ],
      },
      {
        day: 'Lower A',
        items: [
          lift('Back Squat', 4, 6, 'Front Squat'),
          lift('Romanian Deadlift', 3, 8),
          lift('Leg Press', 3, 10, 'Bulgarian Split Squat'),
          lift('Leg Curl', 3, 12),
          lift('Calf Raise', 4, 15),
          band('Banded Glute Bridge', 3, 15, 1),
        ],
      },
      {
        day: 'Upper B',
        items: [
          lift('Overhead Press', 4, 6),
          lift('Incline Bench Press', 3, 8, 'Dumbbell Bench Press'),
          lift('Seated Cable Row', 3, 10),
          lift('Pull-up', 3, 8, 'Lat Pulldown'),
          lift('Lateral Raise', 3, 15),
          band('Band Pull-Apart', 3, 20, 1),
        ],
      },
      {
        day: 'Lower B',
        items: [
          lift('Deadlift', 3, 5),
          lift('Front Squat', 3, 6, 'Goblet Squat'),
          lift('Bulgarian Split Squat', 3, 10),
          lift('Leg Extension', 3, 12),
          lift('Hanging Leg Raise', 3, 12),
          timed('Rowing Machine', 1, 900),
        ],
      },
    ],
  },
  {
    name: 'Push Pull Legs',
    type: 'hypertrophy',
    weekdays: [1, 2, 4, 5],
    startDay: 480,
    days: [
      {
        day: 'Push',
        items: [
          lift('Bench Press', 4, 5, 'Dumbbell Bench Press'),
          lift('Overhead Press', 3, 8),
          lift('Dumbbell Bench Press', 3, 10),
          lift('Cable Fly', 3, 12),
          lift('Lateral Raise', 3, 15),
          lift('Triceps Pushdown', 3, 12),
        ],
      },
      {
        day: 'Pull',
        items: [
          lift('Deadlift', 3, 5),
          lift('Barbell Row', 4, 8, 'Seated Cable Row'),
          lift('Pull-up', 4, 8, 'Lat Pulldown'),
          lift('Face Pull', 3, 15),
          lift('Hammer Curl', 3, 12),
          band('Band Pull-Apart', 2, 20, 2),
        ],
      },
      {
        day: 'Legs',
        items: [
          lift('Back Squat', 4, 5, 'Leg Press'),
          lift('Romanian Deadlift', 3, 8),
          lift('Walking Lunge', 3, 12),
          lift('Leg Curl', 3, 12),
          lift('Calf Raise', 4, 15),
          band('Banded Lateral Walk', 2, 20, 1),
          timed('Stationary Bike', 1, 1200),
        ],
      },
    ],
  },
]

/** The programs the owner followed one after another, the last one still active. */
export function writePrograms(
  ctx: DemoContext,
  owner: { id: number },
  library: Library,
  historyStart: DateKey,
): Program[] {
  const programs: Program[] = []
  PROGRAMS.forEach((def, index) => {
    const next = PROGRAMS[index + 1]
    const from = addDays(historyStart, def.startDay)
    const to = next ? addDays(historyStart, next.startDay - 1) : ctx.today
    // The first program is set up on the owner's first day; later ones a couple of days ahead.
    const createdMs =
      index === 0
        ? ctx.clock.at(from, 10, ctx.rng.int(0, 59))
        : ctx.clock.at(addDays(from, -2), 20, ctx.rng.int(0, 59))
    const updatedMs = next ? ctx.clock.at(to, 21, ctx.rng.int(0, 59)) : createdMs
    const id = ctx.writer.insert('fitness_programs', {
      program_name: def.name,
      program_type: def.type,
      frequency: def.weekdays.length,
      created_at: iso(createdMs),
      updated_at: iso(Math.min(updatedMs, ctx.nowMs)),
      user_id: owner.id,
      status: next ? 'completed' : 'active',
    })
    for (const { day, items } of def.days) {
      for (const item of items) {
        const exerciseId = library.exerciseIds.get(item.exercise)
        if (exerciseId === undefined) throw new Error(`Unknown exercise ${item.exercise}`)
        ctx.writer.insert('fitness_program_exercises', {
          program_id: id,
          exercise_id: exerciseId,
          workout_day: day,
          recommended_sets: item.sets,
          recommended_reps: item.reps,
          recommended_volume: item.volume,
          band_weight_multiplier: item.bandMultiplier ?? null,
          alternative_exercise_id:
            item.alternative === undefined
              ? null
              : (library.exerciseIds.get(item.alternative) ?? null),
          created_at: iso(createdMs),
        })
      }
    }
    programs.push({ ...def, id, from, to })
  })
  return programs
}
