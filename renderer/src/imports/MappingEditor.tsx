import type { ColumnMapping, PresetField } from '../../../shared/imports'
import { typeName } from './format'

/** For each field the preset fills, the file's column that feeds it; change any of them. */
export function MappingEditor({
  presetLabel,
  fields,
  header,
  mapping,
  missing,
  busy,
  onRemap,
}: {
  presetLabel: string
  fields: readonly PresetField[]
  header: readonly string[]
  mapping: readonly ColumnMapping[]
  /** Labels of required fields no column feeds. */
  missing: readonly string[]
  busy: boolean
  onRemap(field: string, column: string | null): void
}) {
  const columnOf = (key: string) => mapping.find((m) => m.field === key)?.column ?? ''
  return (
    <section className="card mapping" aria-labelledby="mapping-title">
      <h2 id="mapping-title">Columns</h2>
      <p className="muted">
        Logbook matched the file’s columns to the fields of {presetLabel} by their names. Choose
        another column for any field, or none; the preview above follows.
      </p>
      <div className="mapping-grid">
        {fields.map((field) => {
          const column = columnOf(field.key)
          const isMissing = field.required && missing.includes(field.label)
          return (
            <div key={field.key} className={isMissing ? 'mapping-row missing' : 'mapping-row'}>
              <label htmlFor={`map-${field.key}`}>
                <span>
                  {field.label}
                  {field.required && (
                    <span className="required-mark" title="Required">
                      {'\u00a0*'}
                    </span>
                  )}
                </span>
                <span className="field-type">{typeName(field.type)}</span>
              </label>
              <select
                id={`map-${field.key}`}
                aria-label={`Column for ${field.label}`}
                aria-invalid={isMissing || undefined}
                value={column}
                disabled={busy}
                onChange={(event) => onRemap(field.key, event.target.value || null)}
              >
                <option value="">{field.required ? 'Choose a column' : '— none —'}</option>
                {header.map((name, index) => (
                  <option key={`${index}-${name}`} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
          )
        })}
      </div>
      <p className="muted mapping-note">
        <span className="required-mark">*</span> required: the import cannot start without it.
      </p>
    </section>
  )
}
