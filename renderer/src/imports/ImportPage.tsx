import { useEffect, useState } from 'react'
import { toCsv } from '../../../shared/csv'
import { rejectsTable } from '../../../shared/imports'
import { onProgress } from '../client'
import { baseName, downloadText } from '../exports/download'
import { useImportStore } from './import-store'
import { ImportProgress } from './ImportProgress'
import { ImportSteps } from './ImportSteps'
import { ImportSummary } from './ImportSummary'
import { PickStep } from './PickStep'
import { PreviewStep } from './PreviewStep'
import { UndoDialog } from './UndoDialog'
import { UploadStep } from './UploadStep'

/** Data › Import: pick or drop a file, check the preview, import it, read the summary. */
export function ImportPage() {
  const store = useImportStore()
  const { step, loadPresets, progressed, summary, presets } = store
  const [confirmUndo, setConfirmUndo] = useState(false)

  useEffect(() => {
    void loadPresets()
  }, [loadPresets])
  useEffect(() => onProgress(progressed), [progressed])

  const closeUndo = () => {
    setConfirmUndo(false)
    store.clearUndoError()
  }

  const presetLabel = (name: string) => presets?.find((p) => p.name === name)?.label ?? name

  const saveRejects = () => {
    if (!summary) return
    const [header = [], ...rows] = rejectsTable(summary.rejects)
    downloadText(`${baseName(summary.fileName)}-rejects.csv`, toCsv(header, rows))
  }

  return (
    <section className="import-page" aria-labelledby="import-title">
      <div className="import-head">
        <h2 id="import-title">Import a file</h2>
        <ImportSteps step={step} />
      </div>
      {step === 'pick' && (
        <PickStep error={store.error} presets={presets} onFile={(file) => void store.start(file)} />
      )}
      {step === 'upload' && (
        <UploadStep
          fileName={store.fileName ?? ''}
          fileBytes={store.fileBytes}
          uploaded={store.uploaded}
        />
      )}
      {step === 'preview' && (
        <PreviewStep
          fileName={store.fileName ?? ''}
          fileBytes={store.fileBytes}
          preview={store.preview}
          previewing={store.previewing}
          presets={presets ?? []}
          error={store.error}
          notice={store.notice}
          onChoosePreset={(name) => void store.choosePreset(name)}
          onRemap={(field, column) => void store.remapField(field, column)}
          onImport={() => void store.run()}
          onAnother={store.reset}
        />
      )}
      {step === 'run' && store.progress && (
        <ImportProgress
          fileName={store.fileName ?? ''}
          progress={store.progress}
          error={store.error}
          cancelling={store.cancelling}
          onCancel={() => void store.cancel()}
        />
      )}
      {step === 'summary' && summary && (
        <ImportSummary
          summary={summary}
          presetLabel={presetLabel(summary.preset)}
          undone={store.undone}
          onSaveRejects={saveRejects}
          onUndo={() => setConfirmUndo(true)}
          onAnother={store.reset}
        />
      )}
      {confirmUndo && summary?.importId != null && (
        <UndoDialog
          fileName={summary.fileName}
          inserted={summary.inserted}
          busy={store.undoing !== null}
          error={store.undoError}
          onClose={closeUndo}
          onConfirm={() => {
            const importId = summary.importId
            if (importId === null) return
            void store.undo(importId).then((undone) => undone && closeUndo())
          }}
        />
      )}
    </section>
  )
}
