/** Settings → Audit: filled in by the audit work. */
export function AuditPanel() {
  return null
}
