/** Settings → Retention: filled in by the retention work. */
export function RetentionPanel() {
  return null
}
