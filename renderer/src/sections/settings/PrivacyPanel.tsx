/** Settings → Privacy: filled in by the privacy work. */
export function PrivacyPanel() {
  return null
}
