import { appHandlers } from './modules/app'
import { createRegistry } from './registry'

/** Every module's handlers, joined once at start-up (a duplicate name throws here). */
export function createAppRegistry() {
  return createRegistry({ app: appHandlers })
}
