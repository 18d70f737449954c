import { z } from 'zod'
import type { DashboardSummary } from '../dashboard'
import { method } from './define'

const noInput = z.object({}).strict()

export const dashboardMethods = {
  /** This week, a year of days, streaks and the latest entries, in the settings' zone. */
  'dashboard.summary': method<typeof noInput, DashboardSummary>(noInput),
}
