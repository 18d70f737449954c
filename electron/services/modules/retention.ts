import type { HandlerModule } from '../registry'

export const retentionHandlers: HandlerModule = {}
