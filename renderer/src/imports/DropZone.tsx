import { FileUp } from 'lucide-react'
import { useRef, useState, type DragEvent } from 'react'

const ACCEPT = '.csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain'

/** Choose a file with the button (or the keyboard), or drop one anywhere on the zone. */
export function DropZone({ onFile }: { onFile(file: File): void }) {
  const input = useRef<HTMLInputElement>(null)
  const [over, setOver] = useState(false)

  const dragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
    setOver(true)
  }
  const dragLeave = (event: DragEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false)
  }
  const drop = (event: DragEvent) => {
    event.preventDefault()
    setOver(false)
    const file = event.dataTransfer.files[0]
    if (file) onFile(file)
  }

  return (
    <div
      className={over ? 'drop-zone over' : 'drop-zone'}
      onDragEnter={dragOver}
      onDragOver={dragOver}
      onDragLeave={dragLeave}
      onDrop={drop}
      data-testid="drop-zone"
    >
      <FileUp size={32} aria-hidden="true" className="drop-icon" />
      <p className="drop-title">{over ? 'Drop it to read it' : 'Drop a CSV file here'}</p>
      <p className="muted">or</p>
      <button type="button" className="primary" onClick={() => input.current?.click()}>
        Choose a file…
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        aria-label="CSV file to import"
        onChange={(event) => {
          const file = event.target.files?.[0]
          event.target.value = ''
          if (file) onFile(file)
        }}
      />
      <p className="muted drop-hint">
        Nothing is written until you have seen a preview and pressed Import.
      </p>
    </div>
  )
}
