import { History, Plus, Timer, Trash2, Weight } from 'lucide-react'
import type { PreviousPerformance } from '../../../../shared/contract/fitness'
import type { Settings } from '../../../../shared/settings'
import { humanize } from '../../records/format'
import { SetRow } from './SetRow'
import {
  formatDuration,
  type DraftExercise,
  type DraftProblem,
  type DraftSet,
  type SetField,
} from './workout-draft'
import { displayWeight, formatDay, formatPerformedSet } from './workout-format'

interface Props {
  exercise: DraftExercise
  /** undefined while loading; null when never done before. */
  previous: PreviousPerformance | null | undefined
  settings: Pick<Settings, 'weightUnit'>
  problem: DraftProblem | null
  onChangeSet(setId: string, field: SetField, value: string): void
  onAddSet(afterSetId?: string): void
  onRemoveSet(setId: string): void
  onToggleMode(): void
  onRemove(): void
}

export const addSetButtonId = (exerciseId: string) => `exercise-${exerciseId}-add-set`

/** Suggestions for set `index`: last time's same set (or its last), else the program's reps. */
function placeholderFor(
  exercise: DraftExercise,
  previous: PreviousPerformance | null | undefined,
  index: number,
  settings: Pick<Settings, 'weightUnit'>,
) {
  const before = previous?.sets[index] ?? previous?.sets.at(-1)
  return {
    reps:
      before && before.durationSeconds === null
        ? String(before.reps)
        : exercise.target?.reps?.toString(),
    weight: before?.weight != null ? displayWeight(before.weight, settings) : undefined,
    duration: before?.durationSeconds != null ? formatDuration(before.durationSeconds) : undefined,
  }
}

/** One exercise of the workout: its sets as a small table, last time's sets beside it. */
export function ExerciseCard(props: Props) {
  const { exercise, previous, settings, problem } = props
  const headingId = `exercise-${exercise.id}-name`
  const errorId = `exercise-${exercise.id}-error`
  const problemHere = problem?.exerciseId === exercise.id ? problem : null
  const target = exercise.target
  const goal = target?.volume ?? (target?.sets ? `${target.sets} sets` : null)
  const done = exercise.sets.filter((s: DraftSet) => s.reps || s.weight || s.duration).length

  return (
    <section className="card exercise-card" aria-labelledby={headingId}>
      <header className="exercise-head">
        <h3 id={headingId}>{exercise.name}</h3>
        <span className="muted">{humanize(exercise.exerciseType)}</span>
        {goal && (
          <span className="exercise-target" title="What the program prescribes">
            Target {goal}
            {target?.sets ? (
              <span className="num">
                {' '}
                · {done}/{target.sets}
              </span>
            ) : null}
          </span>
        )}
        <span className="spacer" />
        <button
          type="button"
          className="icon-button"
          onClick={props.onToggleMode}
          title={exercise.mode === 'timed' ? 'Log reps and weight instead' : 'Log time instead'}
          aria-label={`${exercise.name}: ${exercise.mode === 'timed' ? 'log reps and weight instead' : 'log time instead'}`}
        >
          {exercise.mode === 'timed' ? (
            <Weight size={16} aria-hidden />
          ) : (
            <Timer size={16} aria-hidden />
          )}
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={props.onRemove}
          title="Remove exercise"
          aria-label={`Remove ${exercise.name}`}
        >
          <Trash2 size={16} aria-hidden />
        </button>
      </header>
      <div className="exercise-body">
        <div className="exercise-sets">
          <table className="sets">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Set
                </th>
                {exercise.mode === 'timed' ? (
                  <th scope="col" className="num number-cell">
                    Time <span className="unit">s or m:ss</span>
                  </th>
                ) : (
                  <>
                    <th scope="col" className="num number-cell">
                      Reps
                    </th>
                    <th scope="col" className="num number-cell">
                      Weight <span className="unit">{settings.weightUnit}</span>
                    </th>
                  </>
                )}
                <th scope="col">Notes</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {exercise.sets.map((set, index) => (
                <SetRow
                  key={set.id}
                  set={set}
                  number={index + 1}
                  mode={exercise.mode}
                  exerciseName={exercise.name}
                  weightUnit={settings.weightUnit}
                  placeholder={placeholderFor(exercise, previous, index, settings)}
                  invalidField={
                    problemHere?.setId === set.id
                      ? (problemHere.field as SetField | undefined)
                      : undefined
                  }
                  errorId={errorId}
                  onChange={(field, value) => props.onChangeSet(set.id, field, value)}
                  onNext={() => props.onAddSet(set.id)}
                  onRemove={() => props.onRemoveSet(set.id)}
                />
              ))}
            </tbody>
          </table>
          {problemHere && (
            <p id={errorId} className="field-error" role="alert">
              {problemHere.message}
            </p>
          )}
          <button
            id={addSetButtonId(exercise.id)}
            type="button"
            className="add-set"
            onClick={() => props.onAddSet()}
          >
            <Plus size={14} aria-hidden /> Add set <kbd>Enter</kbd>
          </button>
        </div>
        <aside className="previous" aria-label={`${exercise.name} last time`}>
          <h4>
            <History size={14} aria-hidden /> Last time
          </h4>
          {previous === undefined ? (
            <p className="muted">Looking…</p>
          ) : previous === null ? (
            <p className="muted">First time logged</p>
          ) : (
            <>
              <p className="previous-date">{formatDay(previous.date)}</p>
              <ol className="previous-sets">
                {previous.sets.map((set, index) => (
                  <li key={index} className="num">
                    {formatPerformedSet(set, settings)}
                  </li>
                ))}
              </ol>
            </>
          )}
        </aside>
      </div>
    </section>
  )
}
