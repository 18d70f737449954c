import { Download, FilePlus, Undo2 } from 'lucide-react'
import { Link } from 'react-router'
import type { UndoneImport } from '../../../shared/contract/imports'
import type { ImportSummary as Summary } from '../../../shared/imports'
import { count, plural } from './format'
import { RejectsTable } from './RejectsTable'

const COUNTS = [
  { key: 'inserted', label: 'added' },
  { key: 'duplicates', label: 'already there' },
  { key: 'skipped', label: 'skipped' },
  { key: 'rejected', label: 'rejected' },
] as const

/** What an import did: the counts, the refused rows, and the ways on (undo, another file). */
export function ImportSummary({
  summary,
  presetLabel,
  undone,
  onSaveRejects,
  onUndo,
  onAnother,
}: {
  summary: Summary
  presetLabel: string
  undone: UndoneImport | null
  onSaveRejects(): void
  onUndo(): void
  onAnother(): void
}) {
  const seconds = (summary.elapsedMs / 1000).toLocaleString(undefined, {
    maximumFractionDigits: 1,
  })
  return (
    <section className="card summary" aria-labelledby="summary-title">
      <h2 id="summary-title">
        {undone ? `Undone: ${summary.fileName}` : `Imported ${summary.fileName}`}
      </h2>
      <p className="muted">
        Read as {presetLabel}: {plural(summary.rows, 'row')} in {seconds} s.
        {summary.backupPath && (
          <>
            {' '}
            A backup was saved first at <span className="path">{summary.backupPath}</span>.
          </>
        )}
      </p>
      <dl className="summary-counts">
        {COUNTS.map(({ key, label }) => (
          <div key={key} className={`summary-count ${key}`} data-testid={`count-${key}`}>
            <dt>{label}</dt>
            <dd className="num">{count.format(summary[key])}</dd>
          </div>
        ))}
      </dl>
      {undone && (
        <p className="notice" role="status">
          This import was undone: {plural(undone.removed, 'row')} removed
          {undone.restored > 0 && `, ${plural(undone.restored, 'row')} put back`}
          {undone.kept > 0 && `, ${plural(undone.kept, 'row')} kept because other records use them`}
          .
        </p>
      )}
      {summary.rejected > 0 && (
        <div className="rejects-block">
          <h3>Rejected rows</h3>
          <p className="muted">
            These rows were not imported. Fix them in the file and import it again: rows already
            imported are recognised and not added twice.
          </p>
          <RejectsTable rejects={summary.rejects} total={summary.rejected} />
        </div>
      )}
      <div className="actions">
        {summary.rejects.length > 0 && (
          <button type="button" onClick={onSaveRejects}>
            <Download size={16} aria-hidden="true" /> Save rejects as CSV
          </button>
        )}
        {!undone && summary.importId !== null && (
          <button type="button" className="danger" onClick={onUndo}>
            <Undo2 size={16} aria-hidden="true" /> Undo this import
          </button>
        )}
        <span className="spacer" />
        <Link className="button" to="/data/history">
          Import history
        </Link>
        <button type="button" className="primary" onClick={onAnother} autoFocus>
          <FilePlus size={16} aria-hidden="true" /> Import another file
        </button>
      </div>
    </section>
  )
}
