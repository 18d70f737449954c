/**
 * Saves text as a file through the browser's download (in the desktop app, its save dialog):
 * a Blob behind a temporary link. A CSV is UTF-8; a byte-order mark, if wanted, is in the text.
 */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked later, not at once: the download reads the Blob after this returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** "diary.csv" → "diary", for names built from it. */
export function baseName(fileName: string) {
  return fileName.replace(/\.[^.]+$/, '') || 'file'
}
