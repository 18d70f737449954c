import { create } from 'zustand'
import type { AppStatus, TableCount } from '../../shared/contract/app'
import { api, CallError } from './client'

interface AppState {
  status: AppStatus | null
  counts: TableCount[] | null
  busy: string | null
  error: string | null
  load(): Promise<void>
  openDemo(): Promise<void>
  openOwn(): Promise<void>
  startEmpty(): Promise<void>
}

function messageOf(error: unknown) {
  return error instanceof CallError ? error.info.message : 'Something went wrong.'
}

export const useAppStore = create<AppState>((set, get) => {
  const run = async (busy: string | null, action: () => Promise<AppStatus>) => {
    set({ busy, error: null })
    try {
      const status = await action()
      set({ status, counts: await api['app.tableCounts']({}) })
    } catch (error) {
      set({ error: messageOf(error) })
    } finally {
      set({ busy: null })
    }
  }
  return {
    status: null,
    counts: null,
    busy: null,
    error: null,
    load: () => run(null, () => api['app.status']({})),
    openDemo: () => run('Opening the demo data…', () => api['app.openDemo']({})),
    openOwn: () => run('Opening your database…', () => api['app.openOwn']({})),
    startEmpty: async () => {
      if (get().busy) return
      await run(null, () => api['app.dismissWelcome']({}))
    },
  }
})
