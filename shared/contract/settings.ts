import { z } from 'zod'
import { settingsChangeSchema, type Settings } from '../settings'
import { method } from './define'

const noInput = z.object({}).strict()

export const settingsMethods = {
  'settings.get': method<typeof noInput, Settings>(noInput),
  /** Saves the given settings; a change to the zone, session gap or tiers rebuilds the rollups. */
  'settings.update': method<typeof settingsChangeSchema, Settings>(settingsChangeSchema, {
    reportsProgress: true,
  }),
}
