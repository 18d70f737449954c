import { useEffect, useRef, type ReactNode } from 'react'

/** A modal dialog: focus stays inside, Escape closes it, focus returns where it was. */
export function Modal({
  title,
  onClose,
  children,
}: {
  title: string
  onClose(): void
  children: ReactNode
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    const before = document.activeElement as HTMLElement | null
    element?.showModal()
    return () => {
      element?.close()
      before?.focus()
    }
  }, [])
  return (
    <dialog
      ref={dialog}
      className="modal"
      aria-label={title}
      onCancel={(e) => (e.preventDefault(), onClose())}
    >
      <h2>{title}</h2>
      {children}
    </dialog>
  )
}
