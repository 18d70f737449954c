import type { HandlerModule } from '../registry'

export const privacyHandlers: HandlerModule = {}
