import { FolderOpen } from 'lucide-react'

interface FolderFieldProps {
  id: string
  label: string
  value: string
  placeholder: string
  /** The system dialog's title (desktop only). */
  dialogTitle: string
  onChange(folder: string): void
}

/**
 * A folder to write into: typed, or in the desktop app chosen in the system's folder dialog
 * (the browser mode has no dialog that can name a folder on the computer).
 */
export function FolderField({
  id,
  label,
  value,
  placeholder,
  dialogTitle,
  onChange,
}: FolderFieldProps) {
  const pickFolder = window.logbook?.pickFolder
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="folder-field">
        <input
          id={id}
          value={value}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
        {pickFolder && (
          <button
            type="button"
            onClick={() => {
              void pickFolder(dialogTitle).then((chosen) => chosen && onChange(chosen))
            }}
          >
            <FolderOpen size={16} aria-hidden="true" /> Choose…
          </button>
        )}
      </div>
    </div>
  )
}
