import type {
  LogWorkoutInput,
  TemplateDay,
  TemplateExercise,
  WorkoutTemplate,
} from '../../../../shared/contract/fitness'
import type { Settings } from '../../../../shared/settings'
import { toCanonicalUnit } from '../../../../shared/units'

/** Reps and a load, or a time (cardio, mobility, holds like a plank). */
export type ExerciseMode = 'load' | 'timed'
export type SetField = 'reps' | 'weight' | 'duration' | 'notes'

/** What the person typed, kept as text until Finish so half-typed values are not lost. */
export interface DraftSet {
  id: string
  reps: string
  weight: string
  duration: string
  notes: string
}

export interface DraftExercise {
  id: string
  exerciseId: number
  name: string
  exerciseType: string
  mode: ExerciseMode
  /** What the program prescribes, when started from a program day. */
  target: { sets: number | null; reps: number | null; volume: string | null } | null
  sets: DraftSet[]
}

export interface WorkoutDraft {
  /** Epoch ms: the timer runs from here. */
  startedAt: number
  /** The database the workout was started in; its ids mean nothing in another file. */
  databasePath: string
  /** YYYY-MM-DD. */
  date: string
  program: { id: number; name: string; day: string | null } | null
  notes: string
  /** Minutes typed by the person; null while the duration follows the timer. */
  durationMinutes: string | null
  exercises: DraftExercise[]
}

export interface ExerciseChoice {
  exerciseId: number
  name: string
  exerciseType: string
}

let counter = 0
// Unique across page loads too: a draft restored after a reload keeps its ids.
const pageLoad = Date.now().toString(36)
const newId = (prefix: string) => `${prefix}${pageLoad}-${(counter += 1)}`

const emptySet = (): DraftSet => ({ id: newId('s'), reps: '', weight: '', duration: '', notes: '' })

const TIMED_TYPES = new Set(['cardio', 'mobility'])
const TIMED_VOLUME = /\d\s*(s|sec|secs|seconds?|min|mins|minutes?)\b/i

/** Timed for cardio and mobility, and for a prescription in seconds or minutes (a plank). */
export function modeFor(exerciseType: string, target?: Partial<TemplateExercise>): ExerciseMode {
  if (TIMED_TYPES.has(exerciseType)) return 'timed'
  if (target && target.recommendedReps == null && TIMED_VOLUME.test(target.recommendedVolume ?? ''))
    return 'timed'
  return 'load'
}

export function newExercise(choice: ExerciseChoice, template?: TemplateExercise): DraftExercise {
  return {
    id: newId('e'),
    exerciseId: choice.exerciseId,
    name: choice.name,
    exerciseType: choice.exerciseType,
    mode: modeFor(choice.exerciseType, template),
    target: template
      ? {
          sets: template.recommendedSets,
          reps: template.recommendedReps,
          volume: template.recommendedVolume,
        }
      : null,
    sets: [emptySet()],
  }
}

export function newDraft(options: {
  now: number
  date: string
  databasePath: string
  program?: WorkoutTemplate
  day?: TemplateDay
}): WorkoutDraft {
  const { program, day } = options
  return {
    startedAt: options.now,
    databasePath: options.databasePath,
    date: options.date,
    program: program ? { id: program.programId, name: program.name, day: day?.day ?? null } : null,
    notes: '',
    durationMinutes: null,
    exercises: (day?.exercises ?? []).map((e) => newExercise(e, e)),
  }
}

/** The set after `previous`, pre-filled with its values so an unchanged set is one key press. */
export function nextSet(previous: DraftSet | undefined): DraftSet {
  const set = emptySet()
  if (!previous) return set
  return { ...set, reps: previous.reps, weight: previous.weight, duration: previous.duration }
}

const isBlank = (set: DraftSet) =>
  [set.reps, set.weight, set.duration, set.notes].every((v) => v.trim() === '')

/** A whole number typed by a person; null when it is not one. */
export function parseWhole(text: string): number | null {
  const trimmed = text.trim()
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null
}

/** A decimal, with a point or a comma; null when it is not one. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim().replace(',', '.')
  return /^\d+(\.\d+)?$|^\.\d+$/.test(trimmed) ? Number(trimmed) : null
}

/** Seconds from "90", "1:30" or "1:02:03"; null when it is none of those. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const match = /^(?:(\d+):)?(\d{1,3}):([0-5]\d)$/.exec(trimmed)
  if (!match) return null
  const [, hours, minutes, seconds] = match
  return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds)
}

/** Seconds as m:ss, or h:mm:ss from an hour. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds))
  const hours = Math.floor(s / 3600)
  const minutes = Math.floor((s % 3600) / 60)
  const seconds = String(s % 60).padStart(2, '0')
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`
}

export const MAX_MINUTES = 1440

/** Whole minutes since the start, as the duration a finished workout gets by default. */
export function elapsedMinutes(startedAt: number, now: number): number {
  return Math.min(MAX_MINUTES, Math.max(0, Math.round((now - startedAt) / 60_000)))
}

/** Where a problem is: a set's field, or the workout as a whole. */
export interface DraftProblem {
  message: string
  exerciseId?: string
  setId?: string
  field?: SetField | 'durationMinutes' | 'date'
}

/** Which draft set each logged set came from, to show the service's complaints in place. */
export type SetOrigin = { exerciseId: string; setId: string }

export type Conversion =
  { ok: true; input: LogWorkoutInput; origins: SetOrigin[] } | { ok: false; problem: DraftProblem }

const MAX_KG = 2000

function convertSet(
  exercise: DraftExercise,
  set: DraftSet,
  number: number,
  settings: Pick<Settings, 'weightUnit'>,
): LogWorkoutInput['sets'][number] | DraftProblem {
  const where = { exerciseId: exercise.id, setId: set.id }
  const label = `${exercise.name}, set ${number}`
  const notes = set.notes.trim() || undefined
  if (exercise.mode === 'timed') {
    const seconds = parseDuration(set.duration)
    if (seconds === null)
      return {
        ...where,
        field: 'duration',
        message: `${label}: enter the time as seconds or m:ss`,
      }
    // A hold counts as one rep; cardio has none (the demo data and imports do the same).
    const reps = exercise.exerciseType === 'cardio' ? 0 : 1
    return { exerciseId: exercise.exerciseId, reps, durationSeconds: seconds, notes }
  }
  const reps = parseWhole(set.reps)
  if (reps === null)
    return { ...where, field: 'reps', message: `${label}: enter the reps as a whole number` }
  if (set.weight.trim() === '') return { exerciseId: exercise.exerciseId, reps, notes }
  const shown = parseDecimal(set.weight)
  if (shown === null)
    return { ...where, field: 'weight', message: `${label}: the weight must be a number` }
  const weight = toCanonicalUnit(shown, 'weight', settings)
  if (weight > MAX_KG)
    return { ...where, field: 'weight', message: `${label}: that weight is more than 2000 kg` }
  return { exerciseId: exercise.exerciseId, reps, weight, notes }
}

/**
 * The draft as `fitness.logWorkout` takes it: weights converted from the person's unit to kg,
 * blank set rows left out. The first problem found is returned instead, with where it is.
 */
export function toLogInput(
  draft: WorkoutDraft,
  settings: Pick<Settings, 'weightUnit'>,
  now: number,
): Conversion {
  const sets: LogWorkoutInput['sets'] = []
  const origins: SetOrigin[] = []
  for (const exercise of draft.exercises) {
    for (const [index, set] of exercise.sets.entries()) {
      if (isBlank(set)) continue
      const converted = convertSet(exercise, set, index + 1, settings)
      if ('message' in converted) return { ok: false, problem: converted }
      sets.push(converted)
      origins.push({ exerciseId: exercise.id, setId: set.id })
    }
  }
  if (sets.length === 0) {
    const first = draft.exercises[0]
    return {
      ok: false,
      problem: first
        ? {
            message: 'Log at least one set before finishing',
            exerciseId: first.id,
            setId: first.sets[0]?.id,
            field: first.mode === 'timed' ? 'duration' : 'reps',
          }
        : { message: 'Add an exercise and log at least one set before finishing' },
    }
  }
  let durationMinutes = elapsedMinutes(draft.startedAt, now)
  if (draft.durationMinutes !== null && draft.durationMinutes.trim() !== '') {
    const typed = parseWhole(draft.durationMinutes)
    if (typed === null || typed > MAX_MINUTES)
      return {
        ok: false,
        problem: {
          field: 'durationMinutes',
          message: `The duration must be whole minutes, at most ${MAX_MINUTES}`,
        },
      }
    durationMinutes = typed
  }
  const notes = draft.notes.trim()
  return {
    ok: true,
    origins,
    input: {
      date: draft.date,
      programId: draft.program?.id ?? null,
      durationMinutes,
      ...(notes ? { notes } : {}),
      sets,
    },
  }
}

const SERVICE_FIELDS: Record<string, SetField> = {
  reps: 'reps',
  weight: 'weight',
  durationSeconds: 'duration',
  notes: 'notes',
}

/** A complaint of the service about `sets.3.reps` placed on the set row it came from. */
export function locateServiceProblem(
  field: string | undefined,
  message: string,
  origins: readonly SetOrigin[],
): DraftProblem {
  const match = /^sets\.(\d+)(?:\.(\w+))?/.exec(field ?? '')
  const origin = match ? origins[Number(match[1])] : undefined
  if (!match || !origin) {
    if (field === 'durationMinutes' || field === 'date') return { field, message }
    return { message }
  }
  const setField = SERVICE_FIELDS[match[2] ?? '']
  return { ...origin, message, ...(setField ? { field: setField } : {}) }
}

/** Sets with anything typed in, across the draft. */
export function countLoggedSets(draft: WorkoutDraft): number {
  return draft.exercises.reduce((sum, e) => sum + e.sets.filter((s) => !isBlank(s)).length, 0)
}

const isText = (value: unknown): value is string => typeof value === 'string'
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

function isDraftSet(value: unknown): value is DraftSet {
  return (
    isRecord(value) &&
    isText(value.id) &&
    isText(value.reps) &&
    isText(value.weight) &&
    isText(value.duration) &&
    isText(value.notes)
  )
}

function isDraftExercise(value: unknown): value is DraftExercise {
  return (
    isRecord(value) &&
    isText(value.id) &&
    Number.isInteger(value.exerciseId) &&
    isText(value.name) &&
    isText(value.exerciseType) &&
    (value.mode === 'load' || value.mode === 'timed') &&
    (value.target === null || isRecord(value.target)) &&
    Array.isArray(value.sets) &&
    value.sets.every(isDraftSet)
  )
}

/**
 * A workout in progress read back from storage after a reload, or null when what was stored is
 * not one (another version's shape, or damaged): a bad draft is dropped, never half-restored.
 */
export function restoredDraft(value: unknown): WorkoutDraft | null {
  if (!isRecord(value)) return null
  const { program } = value
  const valid =
    typeof value.startedAt === 'number' &&
    Number.isFinite(value.startedAt) &&
    isText(value.databasePath) &&
    isText(value.date) &&
    /^\d{4}-\d{2}-\d{2}$/.test(value.date) &&
    isText(value.notes) &&
    (value.durationMinutes === null || isText(value.durationMinutes)) &&
    (program === null ||
      (isRecord(program) &&
        Number.isInteger(program.id) &&
        isText(program.name) &&
        (program.day === null || isText(program.day)))) &&
    Array.isArray(value.exercises) &&
    value.exercises.every(isDraftExercise)
  return valid ? (value as unknown as WorkoutDraft) : null
}
