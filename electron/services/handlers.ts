import { appHandlers } from './modules/app'
import { auditHandlers } from './modules/audit'
import { backupHandlers } from './modules/backup'
import { privacyHandlers } from './modules/privacy'
import { retentionHandlers } from './modules/retention'
import { exportsHandlers } from './modules/exports'
import { fitnessHandlers } from './modules/fitness'
import { importsHandlers } from './modules/imports'
import { recordsHandlers } from './modules/records'
import { dashboardHandlers } from './modules/dashboard'
import { reportsHandlers } from './modules/reports'
import { settingsHandlers } from './modules/settings'
import { studioHandlers } from './modules/studio'
import { createRegistry } from './registry'

/** Every module's handlers, by module name. */
export const handlerModules = {
  app: appHandlers,
  settings: settingsHandlers,
  records: recordsHandlers,
  fitness: fitnessHandlers,
  studio: studioHandlers,
  imports: importsHandlers,
  exports: exportsHandlers,
  reports: reportsHandlers,
  dashboard: dashboardHandlers,
  backup: backupHandlers,
  audit: auditHandlers,
  privacy: privacyHandlers,
  retention: retentionHandlers,
}

/** Joined once at start-up: a duplicate or missing method throws here, not at first call. */
export function createAppRegistry() {
  return createRegistry(handlerModules)
}
