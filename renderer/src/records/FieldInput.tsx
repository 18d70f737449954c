import { Plus, X } from 'lucide-react'
import type { FieldSpec } from '../../../shared/entities'
import type { Settings } from '../../../shared/settings'
import { humanize, unitLabel } from './format'
import type { FormValue, NamedValue } from './form-values'
import { ReferenceSelect } from './ReferenceSelect'

interface Props {
  field: FieldSpec
  value: FormValue
  error: string | undefined
  settings: Settings
  /** The referenced record's name, for a reference whose option is not loaded. */
  currentLabel: string | undefined
  onChange(value: FormValue): void
}

/** One field of a record form, with its label, unit, help and the message the schema gave. */
export function FieldInput({ field, value, error, settings, currentLabel, onChange }: Props) {
  const id = `field-${field.name}`
  const errorId = error ? `${id}-error` : undefined
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': errorId,
    'aria-required': field.required || undefined,
  }
  const unit = unitLabel(field, settings)
  const text = typeof value === 'string' ? value : ''

  let input
  switch (field.kind) {
    case 'longtext':
      input = (
        <textarea {...common} rows={3} value={text} onChange={(e) => onChange(e.target.value)} />
      )
      break
    case 'integer':
    case 'decimal':
      input = (
        <input
          {...common}
          type="text"
          inputMode="decimal"
          className="number"
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      )
      break
    case 'date':
      input = (
        <input {...common} type="date" value={text} onChange={(e) => onChange(e.target.value)} />
      )
      break
    case 'datetime':
      input = (
        <input
          {...common}
          type="datetime-local"
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      )
      break
    case 'enum':
      input = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{field.required ? `Choose…` : '—'}</option>
          {field.options?.map((option) => (
            <option key={option} value={option}>
              {humanize(option)}
            </option>
          ))}
        </select>
      )
      break
    case 'boolean':
      input = (
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      )
      break
    case 'json':
      input = (
        <NamedValuesInput
          id={id}
          label={field.label}
          pairs={Array.isArray(value) ? value : []}
          onChange={onChange}
        />
      )
      break
    case 'reference':
      input = (
        <ReferenceSelect
          id={id}
          field={field}
          value={text}
          currentLabel={currentLabel}
          invalid={Boolean(error)}
          describedBy={errorId}
          onChange={onChange}
        />
      )
      break
    default:
      input = (
        <input {...common} type="text" value={text} onChange={(e) => onChange(e.target.value)} />
      )
  }

  return (
    <div className="field">
      <span className="label-cell">
        <label htmlFor={id}>{field.label}</label>
        {field.required && (
          <span className="required-mark" aria-hidden="true" title="Required">
            {' '}
            *
          </span>
        )}
      </span>
      <span className="with-unit">
        {input}
        {unit && <span className="unit">{unit}</span>}
      </span>
      {field.help && !error && <span className="field-help muted">{field.help}</span>}
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}

/** A goal's target and similar JSON: rows of a name and a value. */
function NamedValuesInput(props: {
  id: string
  label: string
  pairs: NamedValue[]
  onChange(pairs: NamedValue[]): void
}) {
  const { pairs, onChange } = props
  const rows = pairs.length === 0 ? [{ name: '', value: '' }] : pairs
  const update = (index: number, patch: Partial<NamedValue>) =>
    onChange(rows.map((pair, i) => (i === index ? { ...pair, ...patch } : pair)))
  return (
    <div className="named-values" id={props.id} role="group" aria-label={props.label}>
      {rows.map((pair, index) => (
        <div key={index} className="named-value">
          <input
            aria-label={`${props.label} ${index + 1} name`}
            placeholder="name"
            value={pair.name}
            onChange={(e) => update(index, { name: e.target.value })}
          />
          <input
            aria-label={`${props.label} ${index + 1} value`}
            placeholder="value"
            value={pair.value}
            onChange={(e) => update(index, { value: e.target.value })}
          />
          <button
            type="button"
            aria-label={`Remove ${props.label.toLowerCase()} ${index + 1}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            <X size={14} aria-hidden />
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, { name: '', value: '' }])}>
        <Plus size={14} aria-hidden /> Add value
      </button>
    </div>
  )
}
