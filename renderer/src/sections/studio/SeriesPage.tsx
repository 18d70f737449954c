import { useEffect } from 'react'
import { Link } from 'react-router'
import { useSettingsStore } from '../../stores/settings-store'
import { SeriesForm } from './SeriesForm'
import { SeriesPreviewTable } from './SeriesPreviewTable'
import { inputKey, validateDraft } from './series-form'
import { todayIn } from './studio-format'
import { useStudioStore } from './studio-store'
import './studio.css'

/** Create a class that repeats weekly: preview every date, then create them all at once. */
export function SeriesPage() {
  const store = useStudioStore()
  const { draft, preview, locations, loadLocations, editDraft } = store
  const timeZone =
    useSettingsStore((s) => s.settings?.timeZone) ??
    Intl.DateTimeFormat().resolvedOptions().timeZone

  useEffect(() => {
    void loadLocations()
  }, [loadLocations])
  useEffect(() => {
    if (!draft.firstDate) editDraft({ firstDate: todayIn(timeZone, Date.now()) })
  }, [draft.firstDate, editDraft, timeZone])

  const checked = validateDraft(draft)
  const current = checked.ok && preview?.key === inputKey(checked.input) ? preview.result : null

  const onPreview = () => {
    if (!checked.ok) store.setFieldErrors(checked.errors)
    else void store.previewSeries(checked.input)
  }
  const onCreate = () => {
    if (checked.ok && current) void store.createSeries(checked.input)
  }

  if (locations !== null && locations.length === 0) {
    return (
      <section className="empty card" aria-label="No locations">
        <h2>Add a location first</h2>
        <p>
          A weekly series takes place at one of your locations. Add the first one, then come back.
        </p>
        <Link className="button primary" to="/studio/dim_location">
          Go to Locations
        </Link>
      </section>
    )
  }

  return (
    <section className="series" aria-labelledby="series-title">
      <div>
        <h2 id="series-title">New weekly series</h2>
        <p className="muted">
          One class a week at the same local time, for as many weeks as you choose. Preview the
          dates, then create them all at once.
        </p>
      </div>
      <SeriesForm
        draft={draft}
        errors={store.fieldErrors}
        locations={locations ?? []}
        timeZone={timeZone}
        onChange={editDraft}
        onSubmit={onPreview}
      />
      <div className="series-actions">
        <button className={current ? '' : 'primary'} onClick={onPreview}>
          Preview dates
        </button>
        <button className="primary" onClick={onCreate} disabled={!current || store.creating}>
          {current
            ? `Create ${current.sessions.length} ${current.sessions.length === 1 ? 'class' : 'classes'}`
            : 'Create classes'}
        </button>
        {preview && !current && (
          <p className="series-stale" role="status">
            The form changed since the preview. Preview again before creating.
          </p>
        )}
      </div>
      {current && checked.ok && (
        <SeriesPreviewTable
          preview={current}
          className={checked.input.className}
          durationMins={checked.input.durationMins}
        />
      )}
    </section>
  )
}
