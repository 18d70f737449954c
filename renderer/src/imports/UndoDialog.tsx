import { Modal } from '../components/Modal'
import { ErrorNote } from './ErrorNote'
import { plural } from './format'

/** Asks before an import is taken back; Escape or "Keep it" leaves it as it is. */
export function UndoDialog({
  fileName,
  inserted,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  fileName: string
  inserted: number
  busy: boolean
  /** Why the last try failed, said in the dialog. */
  error: string | null
  onConfirm(): void
  onClose(): void
}) {
  return (
    <Modal title="Undo this import?" onClose={onClose}>
      <p>
        Undo the import of <strong>{fileName}</strong> ({plural(inserted, 'row')} added)?
      </p>
      <p className="muted">
        Logbook removes the rows it added and puts back any it changed. Rows that other records have
        come to use since are kept.
      </p>
      {error && <ErrorNote message={error} />}
      <div className="actions form-actions">
        <span className="spacer" />
        <button type="button" onClick={onClose} autoFocus>
          Keep it
        </button>
        <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
          {busy ? 'Undoing…' : 'Undo import'}
        </button>
      </div>
    </Modal>
  )
}
