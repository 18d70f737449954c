import { useState, type FormEvent } from 'react'
import { toast } from 'sonner'
import { hasDateRange } from '../../../shared/export-ranges'
import { api } from '../client'
import { Modal } from '../components/Modal'
import { ErrorNote } from '../imports/ErrorNote'
import { messageOf, plural } from '../imports/format'
import { downloadText } from './download'

/** One table or view as a CSV file: a date range where it has a date, optionally a byte-order mark. */
export function ExportDialog({ name, onClose }: { name: string; onClose(): void }) {
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [bom, setBom] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [exporting, setExporting] = useState(false)
  const ranged = hasDateRange(name)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (from && to && from > to) {
      setError('The first day comes after the last day. Swap them, or leave one empty.')
      return
    }
    setError(null)
    setExporting(true)
    try {
      const result = await api['exports.csv']({
        name,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        bom,
      })
      downloadText(result.fileName, result.csv)
      toast.success(`Saved ${plural(result.rows, 'row')} of ${name} as ${result.fileName}.`)
      onClose()
    } catch (caught) {
      setError(messageOf(caught))
      setExporting(false)
    }
  }

  return (
    <Modal title={`Export ${name} as CSV`} onClose={onClose}>
      <form className="record-form export-form" onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">
          {ranged
            ? 'Every row, or only those in a range of days (in the time zone of your settings).'
            : 'Every row: this table has no date of its own to limit it by.'}{' '}
          The file is standard CSV in UTF-8.
        </p>
        {ranged && (
          <>
            <div className="field">
              <label htmlFor="export-from">From (optional)</label>
              <input
                id="export-from"
                type="date"
                value={from}
                max={to || undefined}
                onChange={(event) => setFrom(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="export-to">To (optional)</label>
              <input
                id="export-to"
                type="date"
                value={to}
                min={from || undefined}
                onChange={(event) => setTo(event.target.value)}
              />
            </div>
          </>
        )}
        <div className="field">
          <span />
          <label className="check">
            <input
              type="checkbox"
              checked={bom}
              onChange={(event) => setBom(event.target.checked)}
            />
            Byte-order mark for spreadsheets
          </label>
          <span className="field-help muted">
            Helps Excel open accented letters and symbols correctly. Leave it off for other
            programs.
          </span>
        </div>
        {error && <ErrorNote message={error} />}
        <div className="actions form-actions">
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={exporting}>
            {exporting ? 'Exporting…' : 'Export CSV'}
          </button>
        </div>
      </form>
    </Modal>
  )
}
