/** The privacy module's methods (filled in by its service; see electron/services/modules/privacy.ts). */
export const privacyMethods = {}
