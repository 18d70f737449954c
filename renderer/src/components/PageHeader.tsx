import type { ReactNode } from 'react'

/** One clear page title, with the page's controls in the same bar. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1 id="page-title">{title}</h1>
      <span className="spacer" />
      {children}
    </header>
  )
}
