import { NavLink } from 'react-router'
import { useAppStore } from '../stores/app-store'
import { sections } from './sections'

export const MOD_KEY = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl'

export function Sidebar() {
  const database = useAppStore((s) => s.status?.database)
  return (
    <nav className="sidebar" aria-label="Sections">
      <div className="brand">
        Logbook
        {database === 'demo' && <span className="badge demo">Demo</span>}
      </div>
      <ul>
        {sections.map((section, index) => {
          const Icon = section.icon
          return (
            <li key={section.id}>
              <NavLink
                to={section.path}
                end={section.path === '/'}
                title={`${section.label} (Alt+${index + 1})`}
                className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}
              >
                <Icon size={18} aria-hidden="true" />
                <span>{section.label}</span>
              </NavLink>
            </li>
          )
        })}
      </ul>
      <p className="sidebar-hint muted">
        <kbd>{MOD_KEY}</kbd>+<kbd>K</kbd> jump to…
      </p>
    </nav>
  )
}
