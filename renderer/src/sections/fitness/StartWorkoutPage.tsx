import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import { toast } from 'sonner'
import { dateKeyOf, dateKeyToIso } from '../../../../shared/time'
import { api } from '../../client'
import { useRecordsStore } from '../../records/records-store'
import { useAppStore } from '../../stores/app-store'
import { useSettingsStore } from '../../stores/settings-store'
import { DiscardDialog } from './DiscardDialog'
import { addSetButtonId, ExerciseCard } from './ExerciseCard'
import { ExerciseSearch } from './ExerciseSearch'
import { firstField, setInputId } from './SetRow'
import { TemplatePicker } from './TemplatePicker'
import { WorkoutBar } from './WorkoutBar'
import { countLoggedSets, type ExerciseChoice, type SetField } from './workout-draft'
import { useWorkoutStore } from './workout-store'
import './workout.css'

/** Today in the reporting time zone, as YYYY-MM-DD. */
const todayIn = (timeZone: string) => dateKeyToIso(dateKeyOf(Date.now(), timeZone))

/** Focus moves once React has drawn the element it goes to. */
function focusSoon(id: string, attempts = 5) {
  requestAnimationFrame(() => {
    const element = document.getElementById(id)
    if (!element) {
      if (attempts > 1) focusSoon(id, attempts - 1)
      return
    }
    element.focus()
    if (element instanceof HTMLInputElement) element.select()
  })
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable)

async function searchExercises(text: string): Promise<ExerciseChoice[]> {
  const page = await api['records.list']({
    entity: 'fitness_exercises',
    search: text || undefined,
    sort: 'exercise_name',
    direction: 'asc',
    limit: 8,
  })
  return page.rows.map((row) => ({
    exerciseId: Number(row.id),
    name: String(row.exercise_name),
    exerciseType: String(row.exercise_type ?? 'strength'),
  }))
}

/** Fitness → Start workout: pick a program day or start blank, log sets, finish. */
export function StartWorkoutPage() {
  const settings = useSettingsStore((s) => s.settings)
  const status = useAppStore((s) => s.status)
  const refreshCounts = useAppStore((s) => s.refreshCounts)
  const reloadList = useRecordsStore((s) => s.reload)
  const store = useWorkoutStore()
  const { draft, templates, previous, problem, saving, loadTemplates, loadPrevious } = store
  const navigate = useNavigate()
  const [asking, setAsking] = useState(false)
  const searchInput = useRef<HTMLInputElement>(null)

  const exerciseIds = draft?.exercises.map((e) => e.exerciseId).join(',')
  const wrongDatabase =
    draft !== null && status !== null && draft.databasePath !== status.databasePath

  useEffect(() => {
    void loadTemplates()
  }, [loadTemplates, status?.databasePath])
  useEffect(() => {
    if (settings && exerciseIds !== undefined && !wrongDatabase)
      void loadPrevious(todayIn(settings.timeZone))
  }, [settings, exerciseIds, draft?.date, loadPrevious, wrongDatabase])

  const finish = useCallback(async () => {
    if (!settings || !draft || wrongDatabase) return
    const sets = countLoggedSets(draft)
    const exercises = draft.exercises.filter((e) =>
      e.sets.some((s) => s.reps || s.weight || s.duration),
    ).length
    const workoutId = await useWorkoutStore.getState().finish(settings)
    if (workoutId === null) {
      // A refused Finish takes the person to the field to fix.
      const { problem } = useWorkoutStore.getState()
      if (problem?.setId && problem.field)
        focusSoon(setInputId(problem.setId, problem.field as SetField))
      return
    }
    toast.success(
      `Workout saved: ${sets} ${sets === 1 ? 'set' : 'sets'} of ${exercises} ${exercises === 1 ? 'exercise' : 'exercises'}`,
    )
    reloadList('fitness_workouts')
    reloadList('fitness_exercise_logs')
    void refreshCounts()
    void navigate('/fitness/fitness_workouts')
  }, [settings, draft, wrongDatabase, reloadList, refreshCounts, navigate])

  // A layout effect, so the shortcuts work from the moment the workout is on screen: a plain
  // effect runs after paint, and a Ctrl+Enter pressed in between was lost.
  useLayoutEffect(() => {
    if (!draft) return
    const onKey = (event: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault()
        void finish()
      } else if (event.key === 'Escape') {
        event.preventDefault()
        setAsking(true)
      } else if (
        (event.altKey && event.code === 'KeyA') ||
        (event.key === '/' && !isTyping(event.target) && !event.ctrlKey && !event.metaKey)
      ) {
        event.preventDefault()
        searchInput.current?.focus()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [draft, finish])

  if (!settings || !status)
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    )

  if (!draft) {
    return (
      <div className="workout">
        <TemplatePicker
          templates={templates}
          onStart={(program, day) => {
            store.start({
              date: todayIn(settings.timeZone),
              databasePath: status.databasePath,
              program,
              day,
            })
            const first = day?.exercises.length
              ? useWorkoutStore.getState().draft?.exercises[0]
              : undefined
            const set = first?.sets[0]
            focusSoon(
              first && set ? setInputId(set.id, firstField(first.mode)) : 'exercise-search-input',
            )
          }}
        />
      </div>
    )
  }

  const barProblem =
    problem?.field === 'date' || problem?.field === 'durationMinutes' ? problem.field : undefined
  return (
    <div className="workout">
      <WorkoutBar
        draft={draft}
        saving={saving}
        canFinish={!wrongDatabase}
        invalid={barProblem}
        onDate={(date) => store.update({ date })}
        onDuration={(minutes) => store.update({ durationMinutes: minutes })}
        onDiscard={() => setAsking(true)}
        onFinish={() => void finish()}
      />
      {wrongDatabase && (
        <p className="workout-alert" role="alert">
          This workout was started in another database. Switch back to it to finish, or discard it.
        </p>
      )}
      {problem && !problem.exerciseId && (
        <p className="workout-alert" role="alert">
          {problem.message}
        </p>
      )}
      <p className="workout-help muted">
        <kbd>Enter</kbd> next set (same values) · <kbd>↑</kbd>
        <kbd>↓</kbd> move between sets · <kbd>/</kbd> add exercise · <kbd>Esc</kbd> discard
      </p>
      {draft.exercises.length === 0 && (
        <p className="empty">
          No exercises yet. Add the first one below: type a few letters of its name.
        </p>
      )}
      {draft.exercises.map((exercise) => (
        <ExerciseCard
          key={exercise.id}
          exercise={exercise}
          previous={previous[exercise.exerciseId]}
          settings={settings}
          problem={problem}
          onChangeSet={(setId, field, value) =>
            store.updateSet(exercise.id, setId, { [field]: value })
          }
          onAddSet={(afterSetId) => {
            const added = store.addSet(exercise.id, afterSetId)
            if (added) focusSoon(setInputId(added.id, firstField(exercise.mode)))
          }}
          onRemoveSet={(setId) => {
            const index = exercise.sets.findIndex((s) => s.id === setId)
            const neighbour = exercise.sets[index + 1] ?? exercise.sets[index - 1]
            store.removeSet(exercise.id, setId)
            focusSoon(
              neighbour
                ? setInputId(neighbour.id, firstField(exercise.mode))
                : addSetButtonId(exercise.id),
            )
          }}
          onToggleMode={() => store.toggleMode(exercise.id)}
          onRemove={() => {
            store.removeExercise(exercise.id)
            focusSoon('exercise-search-input')
          }}
        />
      ))}
      <ExerciseSearch
        inputRef={searchInput}
        search={searchExercises}
        onPick={(choice) => {
          const added = store.addExercise(choice)
          const set = added?.sets[0]
          if (added && set) focusSoon(setInputId(set.id, firstField(added.mode)))
        }}
      />
      <label className="workout-notes">
        <span>Notes</span>
        <textarea
          rows={3}
          value={draft.notes}
          placeholder="How it went, what to change next time…"
          onChange={(e) => store.update({ notes: e.target.value })}
        />
      </label>
      {asking && (
        <DiscardDialog
          sets={countLoggedSets(draft)}
          onKeep={() => setAsking(false)}
          onDiscard={() => {
            setAsking(false)
            store.discard()
          }}
        />
      )}
    </div>
  )
}
