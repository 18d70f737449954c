import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import type {
  PreviousPerformance,
  TemplateDay,
  WorkoutTemplate,
} from '../../../../shared/contract/fitness'
import type { Settings } from '../../../../shared/settings'
import { api, CallError } from '../../client'
import { reportFailure } from '../../components/notify'
import {
  locateServiceProblem,
  newDraft,
  newExercise,
  nextSet,
  restoredDraft,
  toLogInput,
  type DraftExercise,
  type DraftProblem,
  type DraftSet,
  type ExerciseChoice,
  type WorkoutDraft,
} from './workout-draft'

type DraftPatch = Partial<Pick<WorkoutDraft, 'date' | 'notes' | 'durationMinutes'>>

interface WorkoutState {
  templates: WorkoutTemplate[] | null
  /** The workout in progress; kept here so leaving the page and coming back keeps it. */
  draft: WorkoutDraft | null
  /** Last time's sets by exercise id; null when the exercise has no earlier workout. */
  previous: Record<number, PreviousPerformance | null>
  /** The day `previous` was asked for (only workouts before it count). */
  previousFor: string | null
  saving: boolean
  problem: DraftProblem | null
  loadTemplates(): Promise<void>
  start(options: {
    date: string
    databasePath: string
    program?: WorkoutTemplate
    day?: TemplateDay
  }): void
  update(patch: DraftPatch): void
  /** Adds an exercise; returns it, for focusing its first set. */
  addExercise(choice: ExerciseChoice): DraftExercise | null
  removeExercise(exerciseId: string): void
  toggleMode(exerciseId: string): void
  updateSet(exerciseId: string, setId: string, patch: Partial<Omit<DraftSet, 'id'>>): void
  /** Adds a set after `afterSetId` pre-filled from it; returns the new set. */
  addSet(exerciseId: string, afterSetId?: string): DraftSet | null
  removeSet(exerciseId: string, setId: string): void
  loadPrevious(today: string): Promise<void>
  discard(): void
  /** Saves the draft; the new workout's id, or null when it was refused. */
  finish(settings: Settings): Promise<number | null>
}

const mapExercise = (
  draft: WorkoutDraft,
  exerciseId: string,
  change: (exercise: DraftExercise) => DraftExercise,
): WorkoutDraft => ({
  ...draft,
  exercises: draft.exercises.map((e) => (e.id === exerciseId ? change(e) : e)),
})

/** Where the workout in progress survives a reload or a crash of the window. */
export const WORKOUT_DRAFT_KEY = 'logbook.workout-draft'

export const useWorkoutStore = create<WorkoutState>()(
  persist(
    (set, get) => {
      const patchDraft = (change: (draft: WorkoutDraft) => WorkoutDraft) => {
        const { draft } = get()
        if (draft) set({ draft: change(draft), problem: null })
      }

      return {
        templates: null,
        draft: null,
        previous: {},
        previousFor: null,
        saving: false,
        problem: null,

        loadTemplates: async () => {
          try {
            set({ templates: await api['fitness.workoutTemplates']({}) })
          } catch (error) {
            reportFailure(error)
          }
        },

        start: (options) =>
          set({ draft: newDraft({ ...options, now: Date.now() }), previous: {}, problem: null }),

        update: (patch) => patchDraft((draft) => ({ ...draft, ...patch })),

        addExercise: (choice) => {
          const exercise = newExercise(choice)
          patchDraft((draft) => ({ ...draft, exercises: [...draft.exercises, exercise] }))
          return get().draft ? exercise : null
        },

        removeExercise: (exerciseId) =>
          patchDraft((draft) => ({
            ...draft,
            exercises: draft.exercises.filter((e) => e.id !== exerciseId),
          })),

        toggleMode: (exerciseId) =>
          patchDraft((draft) =>
            mapExercise(draft, exerciseId, (e) => ({
              ...e,
              mode: e.mode === 'load' ? 'timed' : 'load',
            })),
          ),

        updateSet: (exerciseId, setId, patch) =>
          patchDraft((draft) =>
            mapExercise(draft, exerciseId, (e) => ({
              ...e,
              sets: e.sets.map((s) => (s.id === setId ? { ...s, ...patch } : s)),
            })),
          ),

        addSet: (exerciseId, afterSetId) => {
          const exercise = get().draft?.exercises.find((e) => e.id === exerciseId)
          if (!exercise) return null
          const index = afterSetId
            ? exercise.sets.findIndex((s) => s.id === afterSetId)
            : exercise.sets.length - 1
          const added = nextSet(exercise.sets[index])
          patchDraft((draft) =>
            mapExercise(draft, exerciseId, (e) => ({
              ...e,
              sets: [...e.sets.slice(0, index + 1), added, ...e.sets.slice(index + 1)],
            })),
          )
          return added
        },

        removeSet: (exerciseId, setId) =>
          patchDraft((draft) =>
            mapExercise(draft, exerciseId, (e) => ({
              ...e,
              sets: e.sets.filter((s) => s.id !== setId),
            })),
          ),

        loadPrevious: async (today) => {
          const { draft, previous, previousFor } = get()
          if (!draft) return
          // A back-dated workout compares with what came before its day; today's with the latest.
          const before = draft.date < today ? draft.date : undefined
          const key = before ?? 'latest'
          const known = previousFor === key ? previous : {}
          const missing = [...new Set(draft.exercises.map((e) => e.exerciseId))].filter(
            (id) => !(id in known),
          )
          if (missing.length === 0) {
            if (previousFor !== key) set({ previous: known, previousFor: key })
            return
          }
          try {
            const found = await api['fitness.previousPerformance']({ exerciseIds: missing, before })
            const next = { ...(get().previousFor === key ? get().previous : {}) }
            for (const id of missing) next[id] = found.find((p) => p.exerciseId === id) ?? null
            set({ previous: next, previousFor: key })
          } catch (error) {
            reportFailure(error)
          }
        },

        discard: () => set({ draft: null, previous: {}, previousFor: null, problem: null }),

        finish: async (settings) => {
          const { draft, saving } = get()
          if (!draft || saving) return null
          const converted = toLogInput(draft, settings, Date.now())
          if (!converted.ok) {
            set({ problem: converted.problem })
            return null
          }
          set({ saving: true, problem: null })
          try {
            const { workoutId } = await api['fitness.logWorkout'](converted.input)
            set({ draft: null, previous: {}, previousFor: null })
            return workoutId
          } catch (error) {
            if (error instanceof CallError && error.info.code === 'invalid_input') {
              set({
                problem: locateServiceProblem(
                  error.info.field,
                  error.info.message,
                  converted.origins,
                ),
              })
            } else {
              reportFailure(error)
            }
            return null
          } finally {
            set({ saving: false })
          }
        },
      }
    },
    {
      name: WORKOUT_DRAFT_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      // Only the draft: templates and last time's sets are asked for again.
      partialize: (state) => ({ draft: state.draft }),
      merge: (stored, current) => ({
        ...current,
        draft: restoredDraft((stored as { draft?: unknown } | undefined)?.draft),
      }),
    },
  ),
)
