import type { ErrorInfo } from '../../../shared/errors'
import { ErrorNote } from './ErrorNote'
import type { RunProgress } from './import-store'
import { ProgressBar } from './ProgressBar'

/** An import under way: how far through the file, how fast, how long left; and Cancel. */
export function ImportProgress({
  fileName,
  progress,
  error,
  cancelling,
  onCancel,
}: {
  fileName: string
  progress: RunProgress
  /** A failed cancel, say. */
  error: ErrorInfo | null
  cancelling: boolean
  onCancel(): void
}) {
  return (
    <section className="card running" aria-labelledby="running-title">
      <h2 id="running-title">Importing {fileName}</h2>
      <ProgressBar
        label={`Importing ${fileName}`}
        fraction={progress.fraction}
        text={progress.message}
      />
      {error && <ErrorNote message={error.message} />}
      <p className="muted">
        Everything goes in as one step: if you cancel, nothing of this file is written.
      </p>
      <div className="actions">
        <button type="button" className="danger" onClick={onCancel} disabled={cancelling} autoFocus>
          {cancelling ? 'Cancelling…' : 'Cancel import'}
        </button>
      </div>
    </section>
  )
}
