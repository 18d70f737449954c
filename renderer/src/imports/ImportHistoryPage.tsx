import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import type { ImportRecord } from '../../../shared/imports'
import { useSettingsStore } from '../stores/settings-store'
import { ErrorNote } from './ErrorNote'
import { useImportStore } from './import-store'
import { ImportHistory } from './ImportHistory'
import { UndoDialog } from './UndoDialog'

/** Data › Import history: every import, and Undo for the ones that still stand. */
export function ImportHistoryPage() {
  const {
    history,
    historyError,
    presets,
    undoing,
    undoError,
    loadHistory,
    loadPresets,
    undo,
    clearUndoError,
  } = useImportStore()
  const timeZone = useSettingsStore((s) => s.settings?.timeZone)
  const [confirm, setConfirm] = useState<ImportRecord | null>(null)

  useEffect(() => {
    void loadHistory()
    void loadPresets()
  }, [loadHistory, loadPresets])

  const close = () => {
    setConfirm(null)
    clearUndoError()
  }

  const presetLabel = (name: string) => presets?.find((p) => p.name === name)?.label ?? name

  return (
    <section className="history-page" aria-labelledby="history-title">
      <div className="import-head">
        <h2 id="history-title">Import history</h2>
        <span className="spacer" />
        <Link className="button primary" to="/data/import">
          Import a file
        </Link>
      </div>
      {historyError ? (
        <ErrorNote message={historyError}>
          <button type="button" onClick={() => void loadHistory()}>
            Try again
          </button>
        </ErrorNote>
      ) : history === null ? (
        <p className="loading-note" role="status">
          Loading the imports…
        </p>
      ) : history.length === 0 ? (
        <section className="empty card" aria-label="No imports yet">
          <h2>No imports yet</h2>
          <p>
            Every file you import is listed here with what it added, and each import can be undone
            as a whole.
          </p>
          <div className="actions">
            <Link className="button primary" to="/data/import">
              Import a file
            </Link>
          </div>
        </section>
      ) : (
        <ImportHistory
          imports={history}
          presetLabel={presetLabel}
          timeZone={timeZone}
          undoing={undoing}
          onUndo={setConfirm}
        />
      )}
      {confirm && (
        <UndoDialog
          fileName={confirm.fileName}
          inserted={confirm.inserted}
          busy={undoing !== null}
          error={undoError}
          onClose={close}
          onConfirm={() => void undo(confirm.id).then((undone) => undone && close())}
        />
      )}
    </section>
  )
}
