/** The audit module's methods (filled in by its service; see electron/services/modules/audit.ts). */
export const auditMethods = {}
