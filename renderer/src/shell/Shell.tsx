import { useEffect, useState } from 'react'
import { Outlet, useNavigate } from 'react-router'
import { JumpDialog } from './JumpDialog'
import { sections } from './sections'
import { Sidebar } from './Sidebar'

/** The frame around every section: sidebar, content, and the keyboard shortcuts. */
export function Shell() {
  const [jumpOpen, setJumpOpen] = useState(false)
  const navigate = useNavigate()

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault()
        setJumpOpen(true)
      } else if (event.altKey && /^[1-8]$/.test(event.key)) {
        const section = sections[Number(event.key) - 1]
        if (section) {
          event.preventDefault()
          void navigate(section.path)
        }
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [navigate])

  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <Sidebar />
      <div id="content" className="content" tabIndex={-1}>
        <Outlet />
      </div>
      <JumpDialog open={jumpOpen} onClose={() => setJumpOpen(false)} />
    </div>
  )
}
