import { Check, RotateCcw, Trash2 } from 'lucide-react'
import { useEffect, useState } from 'react'
import { elapsedMinutes, formatDuration, type WorkoutDraft } from './workout-draft'
import { dayLabel } from './workout-format'

interface Props {
  draft: WorkoutDraft
  saving: boolean
  canFinish: boolean
  /** The field the last Finish complained about, if it is one of the bar's. */
  invalid: 'date' | 'durationMinutes' | undefined
  onDate(date: string): void
  onDuration(minutes: string | null): void
  onDiscard(): void
  onFinish(): void
}

const MOD = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl'

function useNow(intervalMs: number) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}

/** What the workout is, its day, the running clock and its duration, and the two ways out. */
export function WorkoutBar({ draft, saving, canFinish, invalid, ...on }: Props) {
  const now = useNow(1000)
  const elapsedSeconds = Math.max(0, (now - draft.startedAt) / 1000)
  const following = draft.durationMinutes === null
  return (
    <div className="workout-bar" role="group" aria-label="Workout">
      <div className="workout-title">
        <h2>{draft.program ? draft.program.name : 'Blank workout'}</h2>
        {draft.program && <span className="muted">{dayLabel(draft.program.day)}</span>}
      </div>
      <label className="bar-field">
        <span>Date</span>
        <input
          type="date"
          value={draft.date}
          required
          aria-invalid={invalid === 'date' || undefined}
          onChange={(e) => e.target.value && on.onDate(e.target.value)}
        />
      </label>
      <div className="bar-field">
        <span id="workout-clock-label">Elapsed</span>
        <output className="clock num" aria-labelledby="workout-clock-label">
          {formatDuration(elapsedSeconds)}
        </output>
      </div>
      <label className="bar-field">
        <span>Duration</span>
        <span className="with-unit">
          <input
            className="number minutes"
            type="text"
            inputMode="numeric"
            aria-invalid={invalid === 'durationMinutes' || undefined}
            value={
              following
                ? String(elapsedMinutes(draft.startedAt, now))
                : (draft.durationMinutes ?? '')
            }
            onChange={(e) => on.onDuration(e.target.value)}
          />
          <span className="unit">min</span>
        </span>
      </label>
      {!following && (
        <button
          type="button"
          className="icon-button"
          onClick={() => on.onDuration(null)}
          title="Follow the timer again"
          aria-label="Follow the timer again"
        >
          <RotateCcw size={16} aria-hidden />
        </button>
      )}
      <span className="spacer" />
      <button type="button" className="danger" onClick={on.onDiscard} title="Discard (Esc)">
        <Trash2 size={16} aria-hidden /> Discard <kbd>Esc</kbd>
      </button>
      <button
        type="button"
        className="primary"
        onClick={on.onFinish}
        disabled={saving || !canFinish}
        title={`Finish and save (${MOD}+Enter)`}
      >
        <Check size={16} aria-hidden /> {saving ? 'Saving…' : 'Finish'} <kbd>{MOD}+Enter</kbd>
      </button>
    </div>
  )
}
