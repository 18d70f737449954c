import type { FormEvent } from 'react'
import type { StudioLocation } from '../../../../shared/contract/studio'
import type { FieldErrors, SeriesDraft, SeriesField } from './series-form'

interface FieldDef {
  name: SeriesField
  label: string
  type: 'text' | 'number' | 'date' | 'time' | 'select'
  help?: string
  required?: boolean
}

const fieldsFor = (timeZone: string): FieldDef[] => [
  { name: 'className', label: 'Class name', type: 'text', required: true },
  { name: 'classCode', label: 'Class code', type: 'text', required: true, help: 'e.g. VIN-01' },
  { name: 'instructorName', label: 'Instructor', type: 'text' },
  { name: 'instructorId', label: 'Instructor number', type: 'number', help: 'Optional' },
  { name: 'locationId', label: 'Location', type: 'select', required: true },
  { name: 'firstDate', label: 'First date', type: 'date', required: true },
  {
    name: 'startTime',
    label: 'Start time',
    type: 'time',
    required: true,
    help: `Local time in ${timeZone.replaceAll('_', ' ')}, kept the same all year`,
  },
  {
    name: 'weeks',
    label: 'Number of weeks',
    type: 'number',
    required: true,
    help: 'One class a week',
  },
  { name: 'durationMins', label: 'Duration', type: 'number', required: true, help: 'Minutes' },
  { name: 'capacity', label: 'Capacity', type: 'number', required: true, help: 'Places' },
  {
    name: 'releaseDaysBefore',
    label: 'Bookable from',
    type: 'number',
    help: 'Days before each class, at its start time; empty: bookable at once',
  },
]

interface Props {
  draft: SeriesDraft
  errors: FieldErrors
  locations: readonly StudioLocation[]
  timeZone: string
  onChange(changes: Partial<SeriesDraft>): void
  onSubmit(): void
}

/** A weekly class: what, who, where, from when, how often. */
export function SeriesForm({ draft, errors, locations, timeZone, onChange, onSubmit }: Props) {
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit()
  }
  return (
    <form className="series-form" onSubmit={submit} noValidate aria-label="Weekly series">
      {fieldsFor(timeZone).map((field) => {
        const id = `series-${field.name}`
        const error = errors[field.name]
        const described = [error ? `${id}-error` : '', field.help ? `${id}-help` : '']
          .filter(Boolean)
          .join(' ')
        const common = {
          id,
          value: draft[field.name],
          'aria-invalid': error ? true : undefined,
          'aria-describedby': described || undefined,
          'aria-required': field.required || undefined,
        }
        return (
          <div key={field.name} className="series-field">
            <label htmlFor={id}>{field.label}</label>
            {field.type === 'select' ? (
              <select {...common} onChange={(e) => onChange({ [field.name]: e.target.value })}>
                <option value="">Choose a location…</option>
                {locations.map((l) => (
                  <option key={l.locationId} value={l.locationId}>
                    {l.city ? `${l.locationName} (${l.city})` : l.locationName}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type={field.type}
                inputMode={field.type === 'number' ? 'numeric' : undefined}
                min={field.type === 'number' ? 0 : undefined}
                onChange={(e) => onChange({ [field.name]: e.target.value })}
              />
            )}
            {field.help && (
              <span id={`${id}-help`} className="field-help muted">
                {field.help}
              </span>
            )}
            {error && (
              <span id={`${id}-error`} className="field-error" role="alert">
                {error}
              </span>
            )}
          </div>
        )
      })}
      {/* Enter in any box previews. */}
      <button type="submit" hidden tabIndex={-1} />
    </form>
  )
}
