import { CircleAlert } from 'lucide-react'
import type { ReactNode } from 'react'

/** A failed step, said where it happened; the children offer the way on. */
export function ErrorNote({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div className="error-note" role="alert">
      <CircleAlert size={18} aria-hidden="true" />
      <div>
        <p>{message}</p>
        {children}
      </div>
    </div>
  )
}
