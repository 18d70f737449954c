import { useState, type FormEvent } from 'react'
import type { RecordRow } from '../../../shared/contract/records'
import type { EntityDef } from '../../../shared/entities'
import { objectSchema } from '../../../shared/entities/fields'
import type { Settings } from '../../../shared/settings'
import { api, CallError } from '../client'
import { Modal } from '../components/Modal'
import { reportFailure } from '../components/notify'
import { FieldInput } from './FieldInput'
import { formValuesOf, fromFormValue, type FormValue } from './form-values'

interface Props {
  def: EntityDef
  /** The record being edited, or null for a new one. */
  row: RecordRow | null
  settings: Settings
  onClose(): void
  onSaved(row: RecordRow): void
  onDelete(row: RecordRow): void
}

/** Enter or edit a record. The shared zod schema checks it first, so the form says what the service would. */
export function RecordForm({ def, row, settings, onClose, onSaved, onDelete }: Props) {
  const [values, setValues] = useState(() => formValuesOf(def.fields, row, settings))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  const mode = row ? 'update' : 'create'

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const raw = Object.fromEntries(
      def.fields.map((f) => [f.name, fromFormValue(f, values[f.name] ?? '', settings)]),
    )
    const checked = objectSchema(def.fields, mode).safeParse(raw)
    if (!checked.success) {
      const found: Record<string, string> = {}
      for (const issue of checked.error.issues) found[String(issue.path[0])] ??= issue.message
      setErrors(found)
      document.getElementById(`field-${Object.keys(found)[0]}`)?.focus()
      return
    }
    setSaving(true)
    try {
      const saved = row
        ? await api['records.update']({
            entity: def.name,
            key: row[def.key] as string | number,
            values: raw,
          })
        : await api['records.create']({ entity: def.name, values: raw })
      onSaved(saved)
    } catch (error) {
      if (error instanceof CallError && error.info.field)
        setErrors({ [error.info.field]: error.info.message })
      else reportFailure(error)
    } finally {
      setSaving(false)
    }
  }

  const set = (name: string, value: FormValue) => {
    setValues((current) => ({ ...current, [name]: value }))
    setErrors(({ [name]: _cleared, ...rest }) => rest)
  }

  return (
    <Modal
      title={row ? `Edit ${def.label.toLowerCase()}` : `New ${def.label.toLowerCase()}`}
      onClose={onClose}
    >
      <form className="record-form" onSubmit={(e) => void submit(e)} noValidate>
        {def.fields.map((field) => (
          <FieldInput
            key={field.name}
            field={field}
            value={values[field.name] ?? ''}
            error={errors[field.name]}
            settings={settings}
            currentLabel={row ? (row[`${field.name}__label`] as string | undefined) : undefined}
            onChange={(value) => set(field.name, value)}
          />
        ))}
        {errors[''] && (
          <p className="field-error" role="alert">
            {errors['']}
          </p>
        )}
        <div className="actions form-actions">
          {row && (
            <button type="button" className="danger" onClick={() => onDelete(row)}>
              Delete…
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Modal>
  )
}
