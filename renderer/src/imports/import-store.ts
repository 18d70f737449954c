import { toast } from 'sonner'
import { create } from 'zustand'
import type { ProgressEvent } from '../../../shared/api'
import type { UndoneImport } from '../../../shared/contract/imports'
import type { ErrorInfo } from '../../../shared/errors'
import type {
  ImportPreview,
  ImportRecord,
  ImportSummary,
  PresetInfo,
} from '../../../shared/imports'
import { api, CallError } from '../client'
import { useAppStore } from '../stores/app-store'
import { messageOf, plural } from './format'
import { uploadFile } from './upload'

/** Where the person is: choosing a file, sending it, checking the preview, importing, done. */
export type ImportStep = 'pick' | 'upload' | 'preview' | 'run' | 'summary'

export type Remap = Record<string, string | null>

export interface RunProgress {
  /** 0–1 of the file read, null while unknown. */
  fraction: number | null
  /** Rows read, rows per second and time left, as the services say it. */
  message: string
}

interface ImportState {
  step: ImportStep
  fileName: string | null
  fileBytes: number
  /** Bytes sent so far, while uploading. */
  uploaded: number
  uploadId: string | null
  /** Every preset, for the "read as" choice; null until loaded. */
  presets: PresetInfo[] | null
  /** The preset asked for: `auto` until the person picks one. */
  preset: string
  /** Field key → the column the person chose for it (null: no column). */
  remap: Remap
  preview: ImportPreview | null
  previewing: boolean
  progress: RunProgress | null
  cancelling: boolean
  /** Something to say on the step the person is back on (an import was cancelled). */
  notice: string | null
  summary: ImportSummary | null
  /** The summary's import, once it has been undone. */
  undone: UndoneImport | null
  /** The last call that failed, in the service's words. */
  error: ErrorInfo | null
  history: ImportRecord[] | null
  historyError: string | null
  /** The import being undone right now. */
  undoing: number | null
  /** Why the last undo failed, for the dialog that asked for it. */
  undoError: string | null

  loadPresets(): Promise<void>
  start(file: File): Promise<void>
  choosePreset(name: string): Promise<void>
  remapField(key: string, column: string | null): Promise<void>
  run(): Promise<void>
  cancel(): Promise<void>
  progressed(event: ProgressEvent): void
  /** Undoes an import; true when it was undone (the toast says what changed). */
  undo(importId: number): Promise<boolean>
  clearUndoError(): void
  loadHistory(): Promise<void>
  reset(): void
}

const idle = {
  step: 'pick' as ImportStep,
  fileName: null,
  fileBytes: 0,
  uploaded: 0,
  uploadId: null,
  preset: 'auto',
  remap: {},
  preview: null,
  previewing: false,
  progress: null,
  cancelling: false,
  notice: null,
  summary: null,
  undone: null,
  error: null,
}

function errorInfo(error: unknown): ErrorInfo {
  return error instanceof CallError ? error.info : { code: 'internal', message: messageOf(error) }
}

function undoMessage(result: UndoneImport): string {
  const parts = [`${plural(result.removed, 'row')} removed`]
  if (result.restored > 0) parts.push(`${plural(result.restored, 'row')} put back as they were`)
  if (result.kept > 0) {
    parts.push(`${plural(result.kept, 'row')} kept because other records use them`)
  }
  return `Undid the import of ${result.import.fileName}: ${parts.join(', ')}.`
}

export const useImportStore = create<ImportState>((set, get) => {
  /** Bumped by every preview request and by reset: only the latest answer is shown. */
  let generation = 0

  const refreshCounts = () => useAppStore.getState().refreshCounts()

  const preview = async (preset: string, remap: Remap) => {
    const { uploadId } = get()
    if (!uploadId) return
    const asked = ++generation
    set({ preset, remap, previewing: true, error: null, notice: null })
    try {
      const result = await api['imports.preview']({
        uploadId,
        preset,
        ...(Object.keys(remap).length > 0 ? { remap } : {}),
      })
      if (asked === generation) set({ preview: result, previewing: false })
    } catch (error) {
      if (asked === generation) set({ error: errorInfo(error), previewing: false })
    }
  }

  return {
    ...idle,
    presets: null,
    history: null,
    historyError: null,
    undoing: null,
    undoError: null,

    loadPresets: async () => {
      if (get().presets) return
      try {
        set({ presets: await api['imports.presets']({}) })
      } catch {
        // The preview still names its own preset and candidates; the full list is a nicety.
        set({ presets: [] })
      }
    },

    start: async (file) => {
      const asked = ++generation
      set({
        ...idle,
        step: 'upload',
        fileName: file.name,
        fileBytes: file.size,
      })
      let uploadId: string
      try {
        uploadId = await uploadFile(file, (uploaded) => {
          if (asked === generation) set({ uploaded })
        })
      } catch (error) {
        if (asked === generation) set({ step: 'pick', error: errorInfo(error) })
        return
      }
      if (asked !== generation) return
      set({ uploadId, step: 'preview' })
      await preview('auto', {})
    },

    choosePreset: (name) => preview(name, {}),

    // Detection reads only the header, so `auto` finds the same preset again and keeps saying why.
    remapField: (key, column) => preview(get().preset, { ...get().remap, [key]: column }),

    run: async () => {
      const { uploadId, preview: current, remap } = get()
      if (!uploadId || !current || current.missing.length > 0) return
      set({
        step: 'run',
        progress: { fraction: 0, message: `Starting the import of ${current.fileName}…` },
        cancelling: false,
        error: null,
        notice: null,
      })
      try {
        const summary = await api['imports.run']({
          uploadId,
          preset: current.preset.name,
          ...(Object.keys(remap).length > 0 ? { remap } : {}),
        })
        set({ step: 'summary', summary, progress: null, cancelling: false, uploadId: null })
        void refreshCounts()
        if (get().history) void get().loadHistory()
      } catch (error) {
        const info = errorInfo(error)
        set({
          step: 'preview',
          progress: null,
          cancelling: false,
          ...(info.code === 'cancelled' ? { notice: info.message } : { error: info }),
        })
      }
    },

    cancel: async () => {
      const { uploadId } = get()
      if (!uploadId) return
      set({ cancelling: true })
      try {
        const { cancelled } = await api['imports.cancel']({ uploadId })
        if (!cancelled) set({ cancelling: false })
      } catch (error) {
        set({ cancelling: false, error: errorInfo(error) })
      }
    },

    progressed: (event) => {
      if (event.method !== 'imports.run' || get().step !== 'run') return
      set({ progress: { fraction: event.fraction, message: event.message } })
    },

    undo: async (importId) => {
      set({ undoing: importId, undoError: null })
      try {
        const result = await api['imports.undo']({ importId })
        toast.success(undoMessage(result))
        if (get().summary?.importId === importId) set({ undone: result })
        void refreshCounts()
        void get().loadHistory()
        return true
      } catch (error) {
        set({ undoError: messageOf(error) })
        return false
      } finally {
        set({ undoing: null })
      }
    },

    clearUndoError: () => set({ undoError: null }),

    loadHistory: async () => {
      try {
        set({ history: await api['imports.history']({}), historyError: null })
      } catch (error) {
        set({ historyError: messageOf(error) })
      }
    },

    reset: () => {
      generation += 1
      set({ ...idle })
    },
  }
})
