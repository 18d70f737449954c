import { useState, type FormEvent } from 'react'
import { toast } from 'sonner'
import { settingsSchema, type Settings } from '../../../../shared/settings'
import { PageHeader } from '../../components/PageHeader'
import { useSettingsStore } from '../../stores/settings-store'

const KNOWN_ZONES = Intl.supportedValuesOf('timeZone')

/** Browsers list canonical zones only; a stored zone such as "UTC" must still be shown as chosen. */
const zonesWith = (current: string) =>
  KNOWN_ZONES.includes(current) ? KNOWN_ZONES : [current, ...KNOWN_ZONES]

type Draft = Settings
type FieldErrors = Partial<Record<keyof Settings, string>>

/** The same zod schema the handler uses, so the form says what the service would say. */
function validate(draft: Draft): FieldErrors {
  const parsed = settingsSchema.safeParse(draft)
  const errors: FieldErrors = {}
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      errors[issue.path[0] as keyof Settings] ??= issue.message
  }
  if (draft.regularMinDays >= draft.coreMinDays)
    errors.coreMinDays ??= 'Core must start at more active days than Regular'
  return errors
}

export function SettingsPage() {
  const settings = useSettingsStore((s) => s.settings)
  return (
    <main className="page" aria-labelledby="page-title">
      <PageHeader title="Settings" />
      {/* A new form whenever the stored settings change, so the draft starts from what is saved. */}
      {settings && <SettingsForm key={JSON.stringify(settings)} saved={settings} />}
    </main>
  )
}

function SettingsForm({ saved }: { saved: Settings }) {
  const { saving, fieldError, save } = useSettingsStore()
  const [draft, setDraft] = useState<Draft>(saved)
  const [localErrors, setErrors] = useState<FieldErrors>({})
  const errors: FieldErrors = fieldError
    ? { ...localErrors, [fieldError.field]: fieldError.message }
    : localErrors
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) =>
    setDraft({ ...draft, [key]: value })
  const numberField = (key: keyof Settings, label: string, unit: string, step = 1) => (
    <Field id={key} label={label} error={errors[key]}>
      <span className="with-unit">
        <input
          id={key}
          type="number"
          step={step}
          value={Number.isNaN(draft[key] as number) ? '' : String(draft[key])}
          onChange={(e) => set(key, e.target.valueAsNumber as never)}
          aria-invalid={errors[key] ? true : undefined}
          aria-describedby={errors[key] ? `${key}-error` : undefined}
        />
        <span className="unit">{unit}</span>
      </span>
    </Field>
  )

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const found = validate(draft)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    if (await save(draft)) toast.success('Settings saved')
  }

  return (
    <form className="card settings-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <fieldset>
        <legend>Calendar</legend>
        <Field id="timeZone" label="Reporting time zone" error={errors.timeZone}>
          <select
            id="timeZone"
            value={draft.timeZone}
            onChange={(e) => set('timeZone', e.target.value)}
          >
            {zonesWith(draft.timeZone).map((zone) => (
              <option key={zone}>{zone}</option>
            ))}
          </select>
        </Field>
        <Field id="weekStart" label="Weeks start on" error={errors.weekStart}>
          <select
            id="weekStart"
            value={draft.weekStart}
            onChange={(e) => set('weekStart', e.target.value as Settings['weekStart'])}
          >
            <option value="monday">Monday</option>
            <option value="sunday">Sunday</option>
          </select>
        </Field>
      </fieldset>
      <fieldset>
        <legend>Units</legend>
        <Field id="weightUnit" label="Weight" error={errors.weightUnit}>
          <select
            id="weightUnit"
            value={draft.weightUnit}
            onChange={(e) => set('weightUnit', e.target.value as Settings['weightUnit'])}
          >
            <option value="kg">kilograms (kg)</option>
            <option value="lb">pounds (lb)</option>
          </select>
        </Field>
        <Field id="distanceUnit" label="Distance" error={errors.distanceUnit}>
          <select
            id="distanceUnit"
            value={draft.distanceUnit}
            onChange={(e) => set('distanceUnit', e.target.value as Settings['distanceUnit'])}
          >
            <option value="km">kilometres (km)</option>
            <option value="mi">miles (mi)</option>
          </select>
        </Field>
      </fieldset>
      <fieldset>
        <legend>Sessions and engagement tiers</legend>
        {numberField(
          'sessionGapMinutes',
          'A pause longer than this starts a new session',
          'minutes',
        )}
        {numberField('regularMinDays', 'Regular from', 'active days a month')}
        {numberField('coreMinDays', 'Core from', 'active days a month')}
        {numberField(
          'powerQuantile',
          'Power: Core people at or above this quantile of actions per day',
          'quantile',
          0.01,
        )}
      </fieldset>
      <fieldset>
        <legend>Appearance</legend>
        <Field id="theme" label="Theme" error={errors.theme}>
          <select
            id="theme"
            value={draft.theme}
            onChange={(e) => set('theme', e.target.value as Settings['theme'])}
          >
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </Field>
      </fieldset>
      <div className="actions">
        <button className="primary" type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  )
}

function Field({
  id,
  label,
  error,
  children,
}: {
  id: string
  label: string
  error: string | undefined
  children: React.ReactNode
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}
