import { X } from 'lucide-react'
import type { KeyboardEvent } from 'react'
import type { DraftSet, ExerciseMode, SetField } from './workout-draft'

export const setInputId = (setId: string, field: SetField) => `set-${setId}-${field}`

/** The first field a person types into in a set of this kind. */
export const firstField = (mode: ExerciseMode): SetField => (mode === 'timed' ? 'duration' : 'reps')

interface Props {
  set: DraftSet
  number: number
  mode: ExerciseMode
  exerciseName: string
  weightUnit: string
  /** Greyed suggestions: last time's values or the program's reps. */
  placeholder: { reps?: string; weight?: string; duration?: string }
  invalidField: SetField | undefined
  errorId: string | undefined
  onChange(field: SetField, value: string): void
  /** Enter: the next set, pre-filled from this one. */
  onNext(): void
  onRemove(): void
}

/** Up and down move between set rows like a spreadsheet, across exercises. */
function moveVertically(event: KeyboardEvent<HTMLInputElement>, step: 1 | -1) {
  const row = event.currentTarget.closest('tr')
  const rows = [...document.querySelectorAll<HTMLTableRowElement>('tr.set-row')]
  const target = rows[rows.indexOf(row as HTMLTableRowElement) + step]
  if (!target) return
  event.preventDefault()
  const field = event.currentTarget.dataset.field
  const input =
    target.querySelector<HTMLInputElement>(`input[data-field="${field}"]`) ??
    target.querySelector<HTMLInputElement>('input')
  input?.focus()
  input?.select()
}

export function SetRow(props: Props) {
  const { set, number, mode, exerciseName, placeholder, invalidField } = props
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (
      event.key === 'Enter' &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.nativeEvent.isComposing
    ) {
      event.preventDefault()
      props.onNext()
    } else if (event.key === 'ArrowDown' && !event.altKey) moveVertically(event, 1)
    else if (event.key === 'ArrowUp' && !event.altKey) moveVertically(event, -1)
  }
  const input = (field: SetField, label: string, options: { numeric?: boolean } = {}) => (
    <input
      id={setInputId(set.id, field)}
      data-field={field}
      type="text"
      inputMode={options.numeric ? 'decimal' : undefined}
      autoComplete="off"
      className={options.numeric ? 'number' : undefined}
      aria-label={`${exerciseName} set ${number} ${label}`}
      aria-invalid={invalidField === field || undefined}
      aria-describedby={invalidField === field ? props.errorId : undefined}
      placeholder={field === 'notes' ? '' : placeholder[field as 'reps' | 'weight' | 'duration']}
      value={set[field]}
      onChange={(e) => props.onChange(field, e.target.value)}
      onKeyDown={onKeyDown}
    />
  )
  return (
    <tr className="set-row">
      <th scope="row" className="num set-number">
        {number}
      </th>
      {mode === 'timed' ? (
        <td className="number-cell">{input('duration', 'time', { numeric: true })}</td>
      ) : (
        <>
          <td className="number-cell">{input('reps', 'reps', { numeric: true })}</td>
          <td className="number-cell">
            {input('weight', `weight (${props.weightUnit})`, { numeric: true })}
          </td>
        </>
      )}
      <td className="set-notes">{input('notes', 'notes')}</td>
      <td className="set-remove">
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove ${exerciseName} set ${number}`}
          title="Remove set"
          onClick={props.onRemove}
        >
          <X size={14} aria-hidden />
        </button>
      </td>
    </tr>
  )
}
