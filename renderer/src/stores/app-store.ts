import { create } from 'zustand'
import type { AppStatus, TableCount } from '../../../shared/contract/app'
import { api } from '../client'
import { reportFailure } from '../components/notify'

interface AppState {
  status: AppStatus | null
  counts: TableCount[] | null
  /** What the app is doing right now, said to the person; null when idle. */
  busy: string | null
  load(): Promise<void>
  refreshCounts(): Promise<void>
  openDemo(): Promise<void>
  openOwn(): Promise<void>
  startEmpty(): Promise<void>
}

export const useAppStore = create<AppState>((set) => {
  const run = async (busy: string | null, action: () => Promise<AppStatus>) => {
    set({ busy })
    try {
      const status = await action()
      set({ status, counts: await api['app.tableCounts']({}) })
    } catch (error) {
      reportFailure(error)
    } finally {
      set({ busy: null })
    }
  }
  return {
    status: null,
    counts: null,
    busy: null,
    load: () => run(null, () => api['app.status']({})),
    refreshCounts: async () => {
      try {
        set({ counts: await api['app.tableCounts']({}) })
      } catch (error) {
        reportFailure(error)
      }
    },
    openDemo: () => run('Opening the demo data…', () => api['app.openDemo']({})),
    openOwn: () => run('Opening your database…', () => api['app.openOwn']({})),
    startEmpty: () => run(null, () => api['app.dismissWelcome']({})),
  }
})

/** Rows a table holds in the open database (0 while unknown). */
export function useRowCount(table: string) {
  return useAppStore((s) => s.counts?.find((c) => c.name === table)?.rows ?? 0)
}
