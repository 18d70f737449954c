import { formatBytes } from './format'
import { ProgressBar } from './ProgressBar'

/** The file on its way to Logbook, a chunk at a time. */
export function UploadStep({
  fileName,
  fileBytes,
  uploaded,
}: {
  fileName: string
  fileBytes: number
  uploaded: number
}) {
  return (
    <section className="card running" aria-labelledby="upload-title">
      <h2 id="upload-title">Reading {fileName}</h2>
      <ProgressBar
        label={`Reading ${fileName}`}
        fraction={fileBytes > 0 ? uploaded / fileBytes : null}
        text={`${formatBytes(uploaded)} of ${formatBytes(fileBytes)}`}
      />
    </section>
  )
}
