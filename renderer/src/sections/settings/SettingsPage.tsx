import { useEffect, useState, type FormEvent } from 'react'
import { toast } from 'sonner'
import type { RollupStatus } from '../../../../shared/contract/settings'
import { api } from '../../client'
import { settingsSchema, type Settings } from '../../../../shared/settings'
import { PageHeader } from '../../components/PageHeader'
import { AuditPanel } from './AuditPanel'
import { BackupPanel } from './BackupPanel'
import { PrivacyPanel } from './PrivacyPanel'
import { RetentionPanel } from './RetentionPanel'
import { useSettingsStore } from '../../stores/settings-store'

const KNOWN_ZONES = Intl.supportedValuesOf('timeZone')

/** Browsers list canonical zones only; a stored zone such as "UTC" must still be shown as chosen. */
const zonesWith = (current: string) =>
  KNOWN_ZONES.includes(current) ? KNOWN_ZONES : [current, ...KNOWN_ZONES]

type Draft = Settings
type FieldErrors = Partial<Record<keyof Settings, string>>
type NumberSetting = {
  [K in keyof Settings]: Settings[K] extends number ? K : never
}[keyof Settings]

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
      <BackupPanel />
      <RetentionPanel />
      <PrivacyPanel />
      <AuditPanel />
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
  const numberField = (key: NumberSetting, label: string, unit: string, step = 1) => (
    <Field id={key} label={label} error={errors[key]}>
      <span className="with-unit">
        <input
          id={key}
          type="number"
          step={step}
          value={Number.isNaN(draft[key]) ? '' : String(draft[key])}
          onChange={(e) => set(key, e.target.valueAsNumber)}
          aria-invalid={errors[key] ? true : undefined}
          aria-describedby={errors[key] ? `${key}-error` : undefined}
        />
        <span className="unit">{unit}</span>
      </span>
    </Field>
  )

  type Choice = Exclude<
    keyof Settings,
    | 'sessionGapMinutes'
    | 'regularMinDays'
    | 'coreMinDays'
    | 'powerQuantile'
    | 'lateCancelHours'
    | 'backupEveryHours'
    | 'retention'
  >
  const selectField = <K extends Choice>(
    key: K,
    label: string,
    options: readonly (readonly [Settings[K], string])[],
  ) => (
    <Field id={key} label={label} error={errors[key]}>
      <select id={key} value={draft[key]} onChange={(e) => set(key, e.target.value as Settings[K])}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
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
        {selectField(
          'timeZone',
          'Reporting time zone',
          zonesWith(draft.timeZone).map((zone) => [zone, zone] as const),
        )}
        {selectField('weekStart', 'Weeks start on', [
          ['monday', 'Monday'],
          ['sunday', 'Sunday'],
        ])}
      </fieldset>
      <fieldset>
        <legend>Units</legend>
        {selectField('weightUnit', 'Weight', [
          ['kg', 'kilograms (kg)'],
          ['lb', 'pounds (lb)'],
        ])}
        {selectField('distanceUnit', 'Distance', [
          ['km', 'kilometres (km)'],
          ['mi', 'miles (mi)'],
        ])}
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
        <legend>Studio</legend>
        {numberField('lateCancelHours', 'A cancellation is late within', 'hours of the class')}
      </fieldset>
      <fieldset>
        <legend>Appearance</legend>
        {selectField('theme', 'Theme', [
          ['system', 'Follow the system'],
          ['light', 'Light'],
          ['dark', 'Dark'],
        ])}
      </fieldset>
      <div className="actions">
        <button className="primary" type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
        <RollupProgress saving={saving} />
      </div>
    </form>
  )
}

/** "Recomputing… 40%" while the rollups are rebuilt in the background (polled while it runs). */
function RollupProgress({ saving }: { saving: boolean }) {
  const [status, setStatus] = useState<RollupStatus | null>(null)
  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = async () => {
      try {
        const next = await api['settings.rollupStatus']({})
        if (stopped) return
        setStatus(next)
        if (next.state === 'running' || saving) timer = setTimeout(() => void poll(), 500)
      } catch {
        // The line is a courtesy: a failed poll leaves it as it was.
      }
    }
    void poll()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [saving])
  if (!status || status.state === 'current') return null
  return (
    <span className="rollup-progress" role="status">
      {status.state === 'failed'
        ? `Recomputing sessions and tiers failed: ${status.error ?? ''}`
        : `Recomputing sessions, active days and tiers… ${Math.round((status.fraction ?? 0) * 100)}%`}
    </span>
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
