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

/** Only the people with this value of this attribute. */
export interface SegmentChoice {
  attribute: PersonAttribute
  value: string
}

interface FilterBarProps {
  range: DateRange
  /** Today in the reporting zone, YYYY-MM-DD: where the presets count back from. */
  today: string
  onRange(range: DateRange): void
  /** Absent on pages whose charts are not about people. */
  segment?: SegmentChoice | null
  /** The values each attribute takes, to pick from. */
  segmentValues?: Partial<Record<PersonAttribute, string[]>>
  onSegment?(segment: SegmentChoice | null): void
}

/** The page's date range (presets or two days) and segment: they apply to every chart on it. */
export function FilterBar({
  range,
  today,
  onRange,
  segment,
  segmentValues = {},
  onSegment,
}: FilterBarProps) {
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
        <>
          <label>
            Segment
            <select
              value={segment?.attribute ?? ''}
              onChange={(e) => {
                const attribute = e.target.value as PersonAttribute | ''
                const first = attribute ? segmentValues[attribute]?.[0] : undefined
                onSegment(attribute && first !== undefined ? { attribute, value: first } : null)
              }}
            >
              <option value="">Everyone</option>
              {PERSON_ATTRIBUTES.filter((a) => (segmentValues[a]?.length ?? 0) > 0).map((a) => (
                <option key={a} value={a}>
                  {ATTRIBUTE_LABELS[a]}
                </option>
              ))}
            </select>
          </label>
          {segment && (
            <label>
              {ATTRIBUTE_LABELS[segment.attribute]}
              <select
                value={segment.value}
                onChange={(e) => onSegment({ ...segment, value: e.target.value })}
              >
                {(segmentValues[segment.attribute] ?? []).map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            </label>
          )}
        </>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  )
}
