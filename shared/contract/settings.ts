import { z } from 'zod'
import { settingsChangeSchema, type Settings } from '../settings'
import { method } from './define'

const noInput = z.object({}).strict()

/** Where the rollups (sessions, active days, tiers) stand against the events and settings. */
export interface RollupStatus {
  /** current: up to date; running: being recomputed in the background; failed: the last try. */
  state: 'current' | 'running' | 'failed'
  /** 0–1 of the recompute running. */
  fraction: number | null
  message: string
  error: string | null
}

export const settingsMethods = {
  'settings.get': method<typeof noInput, Settings>(noInput),
  /**
   * Saves the given settings; a change to the zone, session gap or tiers recomputes the rollups
   * in the background and resolves once they are current, reporting progress meanwhile.
   */
  'settings.update': method<typeof settingsChangeSchema, Settings>(settingsChangeSchema, {
    reportsProgress: true,
  }),
  /** Whether the rollups are current or being recomputed (and how far along). */
  'settings.rollupStatus': method<typeof noInput, RollupStatus>(noInput),
}
