import { useState } from 'react'
import { toast } from 'sonner'
import {
  POLICY_LABELS,
  RETENTION_POLICIES,
  type RetentionPolicy,
  type RetentionPreview,
} from '../../../../shared/retention'
import type { Settings } from '../../../../shared/settings'
import { api } from '../../client'
import { FolderField } from '../../components/FolderField'
import { Modal } from '../../components/Modal'
import { reportFailure } from '../../components/notify'
import { ErrorNote } from '../../imports/ErrorNote'
import { messageOf } from '../../imports/format'
import { useSettingsStore } from '../../stores/settings-store'
import { formatCount, formatWhen } from './privacy-format'
import './privacy.css'

type Rules = Settings['retention']

const COVERS: Record<RetentionPolicy, string> = {
  loginSessions: 'Login sessions (user_sessions), by login time.',
  analyticsEvents:
    'Events of every kind except fitness actions (fct_event), by event time. Sessions, active days and tiers are recomputed.',
  blogAnalytics: 'Post views and engagement (blog_analytics, blog_engagement); the posts stay.',
  mediaConsumption: 'Media consumption entries, by their day; film and game diaries stay.',
}

/** Settings → Retention: seed 004's policies, off by default, applied only by an explicit action. */
export function RetentionPanel() {
  const rules = useSettingsStore((s) => s.settings?.retention)
  if (!rules) return null
  // A fresh draft whenever the stored rules change.
  return <RetentionCard key={JSON.stringify(rules)} saved={rules} />
}

function RetentionCard({ saved }: { saved: Rules }) {
  const { save, saving } = useSettingsStore()
  const [draft, setDraft] = useState<Rules>(saved)
  const [preview, setPreview] = useState<RetentionPreview | null>(null)
  const [loading, setLoading] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const changed = JSON.stringify(draft) !== JSON.stringify(saved)
  const invalid = RETENTION_POLICIES.some(
    (p) => !Number.isInteger(draft[p].days) || draft[p].days < 1 || draft[p].days > 36500,
  )

  const set = (policy: RetentionPolicy, change: Partial<Rules[RetentionPolicy]>) =>
    setDraft({ ...draft, [policy]: { ...draft[policy], ...change } })

  const runPreview = async () => {
    setLoading(true)
    try {
      setPreview(await api['retention.preview']({}))
    } catch (error) {
      reportFailure(error)
    } finally {
      setLoading(false)
    }
  }

  const onSave = async () => {
    if (await save({ retention: draft })) {
      toast.success('Retention settings saved')
      setPreview(null)
    }
  }

  return (
    <section className="card retention-panel" aria-labelledby="retention-title">
      <h2 id="retention-title">Retention</h2>
      <p className="muted">
        Old records can be archived to CSV and then deleted. Every policy is off until you switch it
        on, and nothing is deleted until you preview and choose <em>Archive and delete</em>. Fitness
        data is always kept.
      </p>
      <table className="retention-rules">
        <thead>
          <tr>
            <th scope="col">Policy</th>
            <th scope="col">On</th>
            <th scope="col">Keep for</th>
            <th scope="col">Covers</th>
          </tr>
        </thead>
        <tbody>
          {RETENTION_POLICIES.map((policy) => (
            <tr key={policy}>
              <th scope="row">
                <label htmlFor={`retention-${policy}-on`}>{POLICY_LABELS[policy]}</label>
              </th>
              <td>
                <input
                  id={`retention-${policy}-on`}
                  type="checkbox"
                  checked={draft[policy].enabled}
                  onChange={(e) => set(policy, { enabled: e.target.checked })}
                />
              </td>
              <td>
                <span className="with-unit">
                  <input
                    id={`retention-${policy}-days`}
                    aria-label={`${POLICY_LABELS[policy]}: days to keep`}
                    className="days"
                    type="number"
                    min={1}
                    max={36500}
                    value={Number.isNaN(draft[policy].days) ? '' : draft[policy].days}
                    onChange={(e) => set(policy, { days: e.target.valueAsNumber })}
                  />
                  <span className="unit">days</span>
                </span>
              </td>
              <td className="muted">{COVERS[policy]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button
          className="primary"
          onClick={() => void onSave()}
          disabled={!changed || invalid || saving}
        >
          {saving ? 'Saving…' : 'Save retention'}
        </button>
        <button onClick={() => void runPreview()} disabled={loading || changed}>
          {loading ? 'Counting…' : 'Preview'}
        </button>
        {changed && <span className="muted">Save to preview with these settings.</span>}
      </div>
      {preview && <PreviewTable preview={preview} />}
      {preview && (
        <div className="actions">
          <button
            className="danger"
            disabled={preview.totalRows === 0}
            onClick={() => setConfirming(true)}
          >
            Archive and delete…
          </button>
          {preview.totalRows === 0 && (
            <span className="muted">
              Nothing to delete: no policy is on, or nothing is old enough.
            </span>
          )}
        </div>
      )}
      {confirming && preview && (
        <ApplyDialog
          preview={preview}
          onClose={() => setConfirming(false)}
          onDone={() => {
            setConfirming(false)
            void runPreview()
          }}
        />
      )}
    </section>
  )
}

function PreviewTable({ preview }: { preview: RetentionPreview }) {
  return (
    <table className="retention-preview" aria-label="What the policies would delete">
      <thead>
        <tr>
          <th scope="col">Policy</th>
          <th scope="col">Table</th>
          <th scope="col" className="num">
            Rows
          </th>
          <th scope="col">Oldest</th>
          <th scope="col">Newest</th>
        </tr>
      </thead>
      <tbody>
        {preview.policies.flatMap((p) =>
          p.tables.map((t) => (
            <tr key={`${p.policy}-${t.table}`} className={p.enabled ? undefined : 'off'}>
              <td>
                {POLICY_LABELS[p.policy]}
                {!p.enabled && <span className="muted"> (off)</span>}
              </td>
              <td>
                <code>{t.table}</code>
              </td>
              <td className="num">{formatCount(t.rows)}</td>
              <td>{formatWhen(t.oldest)}</td>
              <td>{formatWhen(t.newest)}</td>
            </tr>
          )),
        )}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            Would be deleted (policies that are on)
          </th>
          <td className="num" data-testid="retention-total">
            {formatCount(preview.totalRows)}
          </td>
          <td colSpan={2} />
        </tr>
      </tfoot>
    </table>
  )
}

function ApplyDialog(props: { preview: RetentionPreview; onClose(): void; onDone(): void }) {
  const { preview, onClose, onDone } = props
  const [folder, setFolder] = useState('')
  const [working, setWorking] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const apply = async () => {
    setWorking(true)
    setError(null)
    try {
      const result = await api['retention.apply'](folder.trim() ? { folder: folder.trim() } : {})
      toast.success(
        result.folder
          ? `Archived and deleted ${formatCount(result.totalRows)} rows; the archive is in ${result.folder}`
          : 'Nothing was old enough to delete.',
      )
      onDone()
    } catch (caught) {
      setError(messageOf(caught))
      setWorking(false)
    }
  }

  const enabled = preview.policies.filter((p) => p.enabled)
  return (
    <Modal title="Archive and delete old records" onClose={onClose}>
      <p>
        These rows are written to CSV files first (one per table), then deleted. This cannot be
        undone from Logbook; the archive keeps them.
      </p>
      <ul>
        {enabled.flatMap((p) =>
          p.tables
            .filter((t) => t.rows > 0)
            .map((t) => (
              <li key={t.table}>
                {formatCount(t.rows)} rows of <code>{t.table}</code> older than {p.days} days
              </li>
            )),
        )}
      </ul>
      <FolderField
        id="retention-folder"
        label="Archive folder (optional)"
        value={folder}
        placeholder="archives/ beside the database"
        dialogTitle="Archive the old rows into…"
        onChange={setFolder}
      />
      {error && <ErrorNote message={error} />}
      <div className="actions form-actions">
        <span className="spacer" />
        <button onClick={onClose} autoFocus>
          Cancel
        </button>
        <button className="danger" onClick={() => void apply()} disabled={working}>
          {working ? 'Archiving…' : `Archive and delete ${formatCount(preview.totalRows)} rows`}
        </button>
      </div>
    </Modal>
  )
}
