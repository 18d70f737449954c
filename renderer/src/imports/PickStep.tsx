import type { ErrorInfo } from '../../../shared/errors'
import type { PresetInfo } from '../../../shared/imports'
import { DropZone } from './DropZone'
import { ErrorNote } from './ErrorNote'

/** The first step: a drop zone, what went wrong last time if anything, and what can be read. */
export function PickStep({
  error,
  presets,
  onFile,
}: {
  error: ErrorInfo | null
  presets: readonly PresetInfo[] | null
  onFile(file: File): void
}) {
  return (
    <div className="pick-step">
      {error && <ErrorNote message={error.message} />}
      <DropZone onFile={onFile} />
      {presets && presets.length > 0 && (
        <details className="card known-presets">
          <summary>
            What Logbook can read ({presets.length} {presets.length === 1 ? 'format' : 'formats'})
          </summary>
          <ul>
            {presets.map((preset) => (
              <li key={preset.name}>
                <strong>{preset.label}</strong>
                <span className="muted">{preset.description}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}
