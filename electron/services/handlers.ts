import { appHandlers } from './modules/app'
import { settingsHandlers } from './modules/settings'
import { createRegistry } from './registry'

/** Every module's handlers, by module name. */
export const handlerModules = { app: appHandlers, settings: settingsHandlers }

/** Joined once at start-up: a duplicate or missing method throws here, not at first call. */
export function createAppRegistry() {
  return createRegistry(handlerModules)
}
