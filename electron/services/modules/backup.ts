import type { HandlerModule } from '../registry'

export const backupHandlers: HandlerModule = {}
