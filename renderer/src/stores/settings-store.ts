import { create } from 'zustand'
import type { Settings } from '../../../shared/settings'
import { api, CallError } from '../client'
import { reportFailure } from '../components/notify'

interface SettingsState {
  settings: Settings | null
  saving: boolean
  /** The field the service refused, with its message. */
  fieldError: { field: string; message: string } | null
  load(): Promise<void>
  save(changes: Partial<Settings>): Promise<boolean>
}

export const useSettingsStore = create<SettingsState>((set) => ({
  settings: null,
  saving: false,
  fieldError: null,
  load: async () => {
    try {
      set({ settings: await api['settings.get']({}) })
    } catch (error) {
      reportFailure(error)
    }
  },
  save: async (changes) => {
    set({ saving: true, fieldError: null })
    try {
      set({ settings: await api['settings.update'](changes) })
      return true
    } catch (error) {
      if (error instanceof CallError && error.info.field) {
        set({ fieldError: { field: error.info.field, message: error.info.message } })
      } else {
        reportFailure(error)
      }
      return false
    } finally {
      set({ saving: false })
    }
  },
}))
