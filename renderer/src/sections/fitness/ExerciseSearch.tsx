import { Search } from 'lucide-react'
import { useEffect, useState, type KeyboardEvent, type Ref } from 'react'
import { Link } from 'react-router'
import { humanize } from '../../records/format'
import type { ExerciseChoice } from './workout-draft'

interface Props {
  inputRef: Ref<HTMLInputElement>
  search(text: string): Promise<ExerciseChoice[]>
  onPick(choice: ExerciseChoice): void
}

const LIST_ID = 'exercise-options'

/** Type-ahead over the exercise library: arrows choose, Enter adds, Escape closes the list. */
export function ExerciseSearch({ inputRef, search, onPick }: Props) {
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [options, setOptions] = useState<ExerciseChoice[] | null>(null)
  /** The text the shown options answer; Enter on newer text searches first. */
  const [answered, setAnswered] = useState<string | null>(null)
  const [active, setActive] = useState(0)

  useEffect(() => {
    if (!open) return
    let cancelled = false
    const timer = setTimeout(() => {
      void search(text.trim()).then((found) => {
        if (cancelled) return
        setOptions(found)
        setAnswered(text.trim())
        setActive(0)
      })
    }, 120)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [text, open, search])

  const pick = (choice: ExerciseChoice | undefined) => {
    if (!choice) return
    onPick(choice)
    setText('')
    setOpen(false)
    setOptions(null)
    setAnswered(null)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = options?.length ?? 0
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      if (!open) setOpen(true)
      else if (count > 0) setActive((active + 1) % count)
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      if (count > 0) setActive((active - 1 + count) % count)
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault()
      if (open && answered === text.trim()) pick(options?.[active])
      else if (text.trim() !== '') void search(text.trim()).then((found) => pick(found[0]))
      else setOpen(true)
    } else if (event.key === 'Escape' && open) {
      // Closing the list is all Escape does here; it must not reach the page's discard prompt.
      event.stopPropagation()
      setOpen(false)
    }
  }

  const expanded = open && options !== null
  const activeOption = expanded ? options[active] : undefined
  return (
    <div className="exercise-search">
      <label htmlFor="exercise-search-input" className="exercise-search-label">
        <Search size={16} aria-hidden /> Add exercise
      </label>
      <div className="combobox">
        <input
          ref={inputRef}
          id="exercise-search-input"
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={LIST_ID}
          aria-activedescendant={
            activeOption ? `exercise-option-${activeOption.exerciseId}` : undefined
          }
          placeholder="Type a name, body part or movement…"
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            setOpen(true)
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <span className="muted shortcut-hint">
          <kbd>/</kbd> or <kbd>Alt</kbd>+<kbd>A</kbd>
        </span>
        {expanded && options.length === 0 && (
          <div className="combobox-list combobox-empty muted" role="status">
            No exercise matches “{text.trim()}”. Add it in{' '}
            <Link to="/fitness/fitness_exercises" onMouseDown={(e) => e.preventDefault()}>
              Exercises
            </Link>
            .
          </div>
        )}
        {expanded && options.length > 0 && (
          <ul id={LIST_ID} role="listbox" aria-label="Exercises" className="combobox-list">
            {options.map((option, index) => (
              <li
                key={option.exerciseId}
                id={`exercise-option-${option.exerciseId}`}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'active' : undefined}
                // Keeps focus in the input, so the list does not close before the click lands.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(option)}
              >
                <span>{option.name}</span>
                <span className="muted">{humanize(option.exerciseType)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}
