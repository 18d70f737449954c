import { z } from 'zod'
import { method } from './define'

export interface TableCount {
  name: string
  kind: 'table' | 'view'
  rows: number
}

export interface AppStatus {
  /** Which database the app is showing. */
  database: 'own' | 'demo'
  databasePath: string
  /** The person's own database holds no records yet and they have not chosen how to start. */
  firstStart: boolean
}

const noInput = z.object({}).strict()
const tableCountsInput = z
  .object({
    /** Count the views too: each runs its joins over every event, so only the Data page asks. */
    views: z.boolean().optional(),
  })
  .strict()

export const appMethods = {
  'app.status': method<typeof noInput, AppStatus>(noInput),
  /** Opens the demo database (made and filled on first use); the person's own file is untouched. */
  'app.openDemo': method<typeof noInput, AppStatus>(noInput, { reportsProgress: true }),
  /** Back to the person's own database. */
  'app.openOwn': method<typeof noInput, AppStatus>(noInput),
  /** The person chose to start with their own, empty database: do not offer the demo again. */
  'app.dismissWelcome': method<typeof noInput, AppStatus>(noInput),
  'app.tableCounts': method<typeof tableCountsInput, TableCount[]>(tableCountsInput),
}
