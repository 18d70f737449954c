import { useEffect, useRef, useState } from 'react'
import type { DeletePreview, RecordRow } from '../../../shared/contract/records'
import type { EntityDef } from '../../../shared/entities'
import { api } from '../client'
import { Modal } from '../components/Modal'
import { reportFailure } from '../components/notify'

const count = new Intl.NumberFormat()

/** Says what goes with a record before it goes, or why it cannot. */
export function DeleteDialog(props: {
  def: EntityDef
  row: RecordRow
  onClose(): void
  onDeleted(undoToken: string, title: string): void
}) {
  const { def, row, onClose, onDeleted } = props
  const key = row[def.key] as string | number
  const [preview, setPreview] = useState<DeletePreview | null>(null)
  const [deleting, setDeleting] = useState(false)
  const close = useRef(onClose)

  useEffect(() => {
    api['records.deletePreview']({ entity: def.name, key })
      .then(setPreview)
      .catch((error: unknown) => {
        reportFailure(error)
        close.current()
      })
  }, [def.name, key])

  const remove = async () => {
    setDeleting(true)
    try {
      const { undoToken } = await api['records.delete']({ entity: def.name, key })
      onDeleted(undoToken, preview?.title ?? def.label)
    } catch (error) {
      reportFailure(error)
      setDeleting(false)
    }
  }

  const blocked = (preview?.blockedBy.length ?? 0) > 0
  return (
    <Modal title={`Delete ${def.label.toLowerCase()}`} onClose={onClose}>
      {!preview ? (
        <p role="status">Checking what goes with it…</p>
      ) : blocked ? (
        <>
          <p>
            <strong>{preview.title}</strong> cannot be deleted while other records use it:
          </p>
          <ul>
            {preview.blockedBy.map((d) => (
              <li key={d.table}>
                {count.format(d.rows)} {d.label.toLowerCase()}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p>
            Delete <strong>{preview.title}</strong>?
            {preview.goesWith.length === 0 ? ' Nothing else goes with it.' : ' These go with it:'}
          </p>
          {preview.goesWith.length > 0 && (
            <ul>
              {preview.goesWith.map((d) => (
                <li key={d.table}>
                  {count.format(d.rows)} {d.label.toLowerCase()}
                </li>
              ))}
            </ul>
          )}
          <p className="muted">You can undo this right after.</p>
        </>
      )}
      <div className="actions form-actions">
        <span className="spacer" />
        <button onClick={onClose} autoFocus>
          {blocked ? 'Close' : 'Cancel'}
        </button>
        {preview && !blocked && (
          <button className="danger" onClick={() => void remove()} disabled={deleting}>
            {deleting ? 'Deleting…' : 'Delete'}
          </button>
        )}
      </div>
    </Modal>
  )
}
