import { z } from 'zod'
import { method } from './define'

export interface TemplateExercise {
  exerciseId: number
  name: string
  /** strength, bodyweight, band, cardio, mobility (fitness_exercises.exercise_type). */
  exerciseType: string
  recommendedSets: number | null
  recommendedReps: number | null
  /** Free text such as "3×8–12" or "20 min". */
  recommendedVolume: string | null
}

export interface TemplateDay {
  /** fitness_program_exercises.workout_day; null where the program leaves it open. */
  day: string | null
  exercises: TemplateExercise[]
}

export interface WorkoutTemplate {
  programId: number
  name: string
  programType: string
  status: string
  /** In the order the program lists them. */
  days: TemplateDay[]
}

export interface PerformedSet {
  reps: number
  /** kg (canonical), or null for unloaded and timed work. */
  weight: number | null
  durationSeconds: number | null
  notes: string | null
}

export interface PreviousPerformance {
  exerciseId: number
  workoutId: number
  /** YYYY-MM-DD of that workout. */
  date: string
  sets: PerformedSet[]
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const isRealDate = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}
const date = (label: string) =>
  z
    .string({ message: `${label} must be a date written YYYY-MM-DD` })
    .regex(DATE, `${label} must be a date written YYYY-MM-DD`)
    .refine(isRealDate, `${label} is not a real calendar date`)

const id = (label: string) =>
  z
    .number({ message: `${label} must be a record id (a whole number)` })
    .int(`${label} must be a record id (a whole number)`)
    .positive(`${label} must be a record id (a whole number)`)

const wholeNumber = (label: string, max: number) =>
  z
    .number({ message: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(0, `${label} cannot be negative`)
    .max(max, `${label} must be at most ${max}`)

/** Optional text: trimmed, and left out when empty. */
const note = (label: string, max: number) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .max(max, `${label} is too long (at most ${max} characters)`)
    .transform((text) => (text === '' ? undefined : text))
    .optional()

const noInput = z.object({}).strict()

const previousInput = z
  .object({
    exerciseIds: z
      .array(id('Exercise'), { message: 'exerciseIds must be a list of exercise ids' })
      .max(200, 'Ask for at most 200 exercises at a time'),
    /** Only workouts strictly before this day count; by default every workout does. */
    before: date('before').optional(),
  })
  .strict()

const setInput = z
  .object({
    exerciseId: id('Exercise'),
    reps: wholeNumber('Reps', 10_000),
    /** kg, canonical; the renderer converts from the person's unit. */
    weight: z
      .number({ message: 'Weight must be a number of kg' })
      .min(0, 'Weight cannot be negative')
      .max(2000, 'Weight must be at most 2000 kg')
      .nullable()
      .optional(),
    durationSeconds: wholeNumber('Duration', 86_400).nullable().optional(),
    notes: note('Set notes', 1000),
  })
  .strict()

const logInput = z
  .object({
    date: date('Date'),
    programId: id('Program').nullable().optional(),
    notes: note('Notes', 10_000),
    durationMinutes: wholeNumber('Duration', 1440).nullable().optional(),
    sets: z
      .array(setInput, { message: 'sets must be a list of sets' })
      .min(1, 'Log at least one set')
      .max(1000, 'A workout holds at most 1000 sets'),
  })
  .strict()

export type LogWorkoutInput = z.input<typeof logInput>
/** What the handler receives: validated, notes trimmed, empty notes left out. */
export type LoggedWorkout = z.output<typeof logInput>

export const fitnessMethods = {
  /** Every program with its workout days and each day's exercises, for starting a workout. */
  'fitness.workoutTemplates': method<typeof noInput, WorkoutTemplate[]>(noInput),
  /** Per exercise with any history: its sets in the latest earlier workout. */
  'fitness.previousPerformance': method<typeof previousInput, PreviousPerformance[]>(previousInput),
  /** Saves a workout and all its sets at once, with one `workout_logged` event. */
  'fitness.logWorkout': method<typeof logInput, { workoutId: number }>(logInput),
}
