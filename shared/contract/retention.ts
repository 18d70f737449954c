/** The retention module's methods (filled in by its service; see electron/services/modules/retention.ts). */
export const retentionMethods = {}
