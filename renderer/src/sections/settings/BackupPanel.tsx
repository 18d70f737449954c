import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { toast } from 'sonner'
import type { BackupInfo, BackupList, BackupReason } from '../../../../shared/backup'
import { api } from '../../client'
import { Modal } from '../../components/Modal'
import { reportFailure } from '../../components/notify'
import { ErrorNote } from '../../imports/ErrorNote'
import { formatBytes, formatWhen, messageOf } from '../../imports/format'
import { useAppStore } from '../../stores/app-store'
import { useSettingsStore } from '../../stores/settings-store'
import './backup.css'

const REASONS: Record<string, string> = {
  manual: 'By hand',
  scheduled: 'Automatic',
  'before-restore': 'Before a restore',
  'before-import': 'Before an import',
  import: 'Before an import',
  'before-migration': 'Before an update',
  'pre-migration': 'Before an update',
  restore: 'Before restoring an export',
  damaged: 'Damaged file, kept',
}

/** What a backup's reason means to a person; an unknown one is shown as written. */
const reasonLabel = (reason: BackupReason) => REASONS[reason] ?? reason

/** Settings → Backups: the schedule, a backup now, and every backup with a way back to it. */
export function BackupPanel() {
  const [list, setList] = useState<BackupList | null>(null)
  const [working, setWorking] = useState(false)
  const [restoring, setRestoring] = useState<BackupInfo | null>(null)
  const status = useAppStore((s) => s.status)
  const timeZone = useSettingsStore((s) => s.settings?.timeZone)
  const saved = useSettingsStore((s) => s.settings?.backupEveryHours)

  const refresh = useCallback(
    () =>
      api['backup.list']({})
        .then(setList)
        .catch((error: unknown) => reportFailure(error)),
    [],
  )
  // Read again whenever another database is opened (a restore, the demo switch).
  useEffect(() => {
    void refresh()
  }, [refresh, status?.databasePath, status?.database])

  const backUpNow = async () => {
    setWorking(true)
    try {
      const made = await api['backup.create']({})
      toast.success(`Backed up to ${made.fileName}`)
      await refresh()
    } catch (error) {
      reportFailure(error)
    } finally {
      setWorking(false)
    }
  }

  const restored = async (backup: BackupInfo) => {
    setRestoring(null)
    toast.success(`Restored the backup from ${formatWhen(backup.takenAt, timeZone)}`)
    // The same reload as switching to the demo data: status, counts, settings, then this list.
    await useAppStore.getState().load()
    await useSettingsStore.getState().load()
    await refresh()
  }

  const demo = status?.database === 'demo'
  return (
    <section className="card backup-panel" aria-labelledby="backup-title">
      <h2 id="backup-title">Backups</h2>
      <p className="muted">
        Logbook copies the database into <code>{list?.folder ?? 'backups/'}</code> before every
        import and update, on a schedule while it is open, and when you ask. Older automatic backups
        are thinned out: the last few today, one a day for two weeks, one a week for two months.
        Backups made by hand are kept until you delete them.
      </p>
      {saved !== undefined && <ScheduleForm key={saved} saved={saved} />}
      <div className="actions">
        <button className="primary" onClick={() => void backUpNow()} disabled={working}>
          {working ? 'Backing up…' : 'Back up now'}
        </button>
      </div>
      {list && list.backups.length === 0 && (
        <p className="muted backup-empty">
          No backups of this database yet. “Back up now” makes the first one; the next import or
          scheduled backup adds one too.
        </p>
      )}
      {list && list.backups.length > 0 && (
        <table className="backup-list" aria-label="Backups, newest first">
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Why</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.backups.map((backup) => (
              <tr key={backup.path}>
                <td title={backup.fileName}>{formatWhen(backup.takenAt, timeZone)}</td>
                <td>{reasonLabel(backup.reason)}</td>
                <td className="num">{formatBytes(backup.bytes)}</td>
                <td className="row-actions">
                  <button
                    onClick={() => setRestoring(backup)}
                    disabled={demo || backup.reason === 'damaged'}
                    aria-label={`Restore the backup from ${formatWhen(backup.takenAt, timeZone)}…`}
                    title={
                      demo ? 'Switch back to your own database to restore its backups' : undefined
                    }
                  >
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {restoring && (
        <RestoreDialog
          backup={restoring}
          timeZone={timeZone}
          onClose={() => setRestoring(null)}
          onDone={() => void restored(restoring)}
        />
      )}
    </section>
  )
}

/** The interval, saved through the settings store; a new form whenever the saved value changes. */
function ScheduleForm({ saved }: { saved: number }) {
  const { saving, save } = useSettingsStore()
  const [hours, setHours] = useState<number>(saved)
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!Number.isInteger(hours) || hours < 0 || hours > 168) {
      setError('A whole number of hours from 0 (off) to 168 (a week)')
      return
    }
    setError(null)
    if (await save({ backupEveryHours: hours }))
      toast.success(hours === 0 ? 'Automatic backups are off' : `Backing up every ${hours} hours`)
  }

  return (
    <form className="backup-schedule" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor="backupEveryHours">Back up automatically every</label>
      <span className="with-unit">
        <input
          id="backupEveryHours"
          type="number"
          min={0}
          max={168}
          step={1}
          value={Number.isNaN(hours) ? '' : String(hours)}
          onChange={(e) => setHours(e.target.valueAsNumber)}
          aria-invalid={error ? true : undefined}
          aria-describedby="backupEveryHours-help"
        />
        <span className="unit">hours</span>
      </span>
      <button type="submit" disabled={saving || hours === saved}>
        Save
      </button>
      <span id="backupEveryHours-help" className={error ? 'field-error' : 'muted'}>
        {error ?? '0 turns automatic backups off.'}
      </span>
    </form>
  )
}

function RestoreDialog(props: {
  backup: BackupInfo
  timeZone: string | undefined
  onClose(): void
  onDone(): void
}) {
  const { backup, timeZone, onClose, onDone } = props
  const [working, setWorking] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const when = formatWhen(backup.takenAt, timeZone)

  const run = async () => {
    setWorking(true)
    setError(null)
    try {
      await api['backup.restore']({ path: backup.path })
      onDone()
    } catch (caught) {
      setError(messageOf(caught))
      setWorking(false)
    }
  }

  return (
    <Modal title="Restore this backup" onClose={onClose}>
      <p>
        The database goes back to how it was on <strong>{when}</strong> (
        {reasonLabel(backup.reason).toLowerCase()}, {formatBytes(backup.bytes)}).
      </p>
      <p>
        The current state is backed up first (“Before a restore” in this list), so you can undo this
        by restoring that backup.
      </p>
      {error && <ErrorNote message={error} />}
      <div className="actions form-actions">
        <span className="spacer" />
        <button onClick={onClose} autoFocus disabled={working}>
          Cancel
        </button>
        <button className="primary" onClick={() => void run()} disabled={working}>
          {working ? 'Restoring…' : 'Restore'}
        </button>
      </div>
    </Modal>
  )
}
