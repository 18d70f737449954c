import type { HandlerModule } from '../registry'

export const auditHandlers: HandlerModule = {}
