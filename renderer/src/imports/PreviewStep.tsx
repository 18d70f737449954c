import { FileText } from 'lucide-react'
import type { ErrorInfo } from '../../../shared/errors'
import type { ImportPreview, PresetInfo } from '../../../shared/imports'
import { DetectedFormat } from './DetectedFormat'
import { ErrorNote } from './ErrorNote'
import { formatBytes } from './format'
import { MappingEditor } from './MappingEditor'
import { PresetSelect } from './PresetSelect'
import { PreviewTable } from './PreviewTable'

/** The file as the preset would read it, with the choices that change that, and Import. */
export function PreviewStep({
  fileName,
  fileBytes,
  preview,
  previewing,
  presets,
  error,
  notice,
  onChoosePreset,
  onRemap,
  onImport,
  onAnother,
}: {
  fileName: string
  fileBytes: number
  preview: ImportPreview | null
  previewing: boolean
  presets: readonly PresetInfo[]
  error: ErrorInfo | null
  /** Said after the last import of this file stopped (it was cancelled). */
  notice: string | null
  onChoosePreset(name: string): void
  onRemap(field: string, column: string | null): void
  onImport(): void
  onAnother(): void
}) {
  // A preset error (no preset recognises the header) is answered by choosing one by hand.
  const choosePreset = error?.field === 'preset' && preview === null && presets.length > 0
  const blocked = preview !== null && preview.missing.length > 0
  return (
    <div className="preview-step" aria-busy={previewing}>
      {!preview && (
        <div className="file-bar">
          <FileText size={18} aria-hidden="true" />
          <strong>{fileName}</strong>
          <span className="muted">{formatBytes(fileBytes)}</span>
          <span className="spacer" />
          <button type="button" className={error ? 'primary' : undefined} onClick={onAnother}>
            Choose another file
          </button>
        </div>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <ErrorNote message={error.message}>
          {choosePreset && (
            <p className="error-action">
              <label htmlFor="import-preset">Read it as</label>{' '}
              <PresetSelect
                value=""
                candidates={[]}
                presets={presets}
                disabled={previewing}
                onChange={onChoosePreset}
              />
            </p>
          )}
        </ErrorNote>
      )}
      {previewing && !preview && (
        <p className="loading-note" role="status">
          Reading the first rows…
        </p>
      )}
      {preview && (
        <>
          <DetectedFormat
            preview={preview}
            presets={presets}
            busy={previewing}
            onChoosePreset={onChoosePreset}
            onAnother={onAnother}
          />
          <PreviewTable preview={preview} />
          <MappingEditor
            presetLabel={preview.preset.label}
            fields={preview.preset.fields}
            header={preview.header}
            mapping={preview.mapping}
            missing={preview.missing}
            busy={previewing}
            onRemap={onRemap}
          />
          <div className="import-bar">
            {blocked ? (
              <p className="blocked" id="import-blocked">
                Choose a column for {preview.missing.join(', ')} before importing: Logbook needs{' '}
                {preview.missing.length === 1 ? 'it' : 'them'} for every row.
              </p>
            ) : (
              <p className="muted">
                {previewing
                  ? 'Updating the preview…'
                  : 'Rows that fail are skipped and listed afterwards; you can undo the whole import.'}
              </p>
            )}
            <span className="spacer" />
            <button
              type="button"
              className="primary"
              onClick={onImport}
              disabled={blocked || previewing || error !== null}
              aria-describedby={blocked ? 'import-blocked' : undefined}
            >
              Import {fileName}
            </button>
          </div>
        </>
      )}
    </div>
  )
}
