import { useEffect, useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import { sections } from './sections'

/** Ctrl/Cmd+K: type part of a section's name, Enter to go there. */
export function JumpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [query, setQuery] = useState('')
  const [selected, setSelected] = useState(0)
  const navigate = useNavigate()
  const matches = sections.filter((s) => s.label.toLowerCase().includes(query.trim().toLowerCase()))

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (open && !element.open) {
      setQuery('')
      setSelected(0)
      element.showModal()
    } else if (!open && element.open) element.close()
  }, [open])

  const go = (index: number) => {
    const target = matches[index]
    if (!target) return
    onClose()
    void navigate(target.path)
  }

  return (
    <dialog ref={dialog} className="jump" aria-label="Jump to a section" onClose={onClose}>
      <input
        autoFocus
        aria-label="Section"
        placeholder="Jump to…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setSelected(0)
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setSelected((i) => Math.min(i + 1, matches.length - 1))
          else if (e.key === 'ArrowUp') setSelected((i) => Math.max(i - 1, 0))
          else if (e.key === 'Enter') go(selected)
          else return
          e.preventDefault()
        }}
      />
      <ul role="listbox" aria-label="Sections">
        {matches.map((section, index) => (
          <li
            key={section.id}
            role="option"
            aria-selected={index === selected}
            className={index === selected ? 'selected' : undefined}
            onMouseDown={(e) => {
              e.preventDefault()
              go(index)
            }}
          >
            {section.label}
          </li>
        ))}
        {matches.length === 0 && <li className="muted">No section is called that.</li>}
      </ul>
    </dialog>
  )
}
