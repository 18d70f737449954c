import { useState } from 'react'
import { PERSON_ATTRIBUTES, type PersonAttribute } from '../../../shared/reports'
import {
  checkCustomRange,
  presetRange,
  RANGE_PRESETS,
  type DateRange,
  type RangePreset,
} from './date-range'

export const ATTRIBUTE_LABELS: Record<PersonAttribute, string> = {
  account: 'Account',
  plan_tier: 'Plan tier',
  region: 'Region',
  acquisition_channel: 'Acquisition channel',
  segment: 'Segment',
  device: 'Device',
  role: 'Role',
  preferred_location: 'Preferred location',
}

interface FilterBarProps {
  range: DateRange
  /** Today in the reporting zone, YYYY-MM-DD: where the presets count back from. */
  today: string
  onRange(range: DateRange): void
  /** Absent on pages whose charts are not about people. */
  segment?: PersonAttribute | null
  onSegment?(segment: PersonAttribute | null): void
}

/** The page's date range (presets or two days) and segment: they apply to every chart on it. */
export function FilterBar({ range, today, onRange, segment, onSegment }: FilterBarProps) {
  const [draft, setDraft] = useState({ from: range.from ?? '', to: range.to ?? '' })
  const problem = range.preset === 'custom' ? checkCustomRange(draft.from, draft.to) : null

  const pickPreset = (preset: RangePreset) => {
    if (preset === 'custom') {
      onRange({ ...range, preset })
      return
    }
    const next = presetRange(preset, today)
    setDraft({ from: next.from ?? '', to: next.to ?? '' })
    onRange(next)
  }
  const typeDay = (end: 'from' | 'to', day: string) => {
    const next = { ...draft, [end]: day }
    setDraft(next)
    if (checkCustomRange(next.from, next.to) === null) {
      onRange({ preset: 'custom', from: next.from || undefined, to: next.to || undefined })
    }
  }

  return (
    <div className="filter-bar" role="group" aria-label="Filters for every chart on this page">
      <label>
        Range
        <select value={range.preset} onChange={(e) => pickPreset(e.target.value as RangePreset)}>
          {RANGE_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input
          type="date"
          value={draft.from}
          max={draft.to || undefined}
          onChange={(e) => typeDay('from', e.target.value)}
          aria-invalid={problem !== null}
        />
      </label>
      <label>
        To
        <input
          type="date"
          value={draft.to}
          min={draft.from || undefined}
          onChange={(e) => typeDay('to', e.target.value)}
          aria-invalid={problem !== null}
        />
      </label>
      {onSegment && (
        <label>
          Group by
          <select
            value={segment ?? ''}
            onChange={(e) => onSegment((e.target.value || null) as PersonAttribute | null)}
          >
            <option value="">Nobody in particular</option>
            {PERSON_ATTRIBUTES.map((a) => (
              <option key={a} value={a}>
                {ATTRIBUTE_LABELS[a]}
              </option>
            ))}
          </select>
        </label>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  )
}
