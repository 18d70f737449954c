import { NavLink, Outlet } from 'react-router'
import { PageHeader } from '../../components/PageHeader'
import type { Section } from '../../shell/sections'
import { useAppStore } from '../../stores/app-store'

const numberFormat = new Intl.NumberFormat()

/** Data: which database is open, and its tabs (overview and export, import, import history). */
export function DataLayout({ section }: { section: Section }) {
  const { status, counts, busy, openDemo, openOwn } = useAppStore()
  if (!status) return null
  const isDemo = status.database === 'demo'
  // Settings are not records: a database holding only them is still empty.
  const totalRows =
    counts
      ?.filter((c) => c.kind === 'table' && c.name !== 'app_settings')
      .reduce((sum, c) => sum + c.rows, 0) ?? 0
  return (
    <main className="page data-page" aria-labelledby="page-title">
      <PageHeader title={section.label}>
        <span className={isDemo ? 'badge demo' : 'badge'} data-testid="database-badge">
          {isDemo ? 'Demo data' : 'Your database'}
        </span>
        {isDemo ? (
          <button onClick={() => void openOwn()} disabled={busy !== null}>
            Back to my data
          </button>
        ) : (
          <button onClick={() => void openDemo()} disabled={busy !== null}>
            Explore demo data
          </button>
        )}
      </PageHeader>
      <p className="muted">
        <span className="path">{status.databasePath}</span> ·{' '}
        <span data-testid="total-records">{numberFormat.format(totalRows)}</span> records
      </p>
      <nav className="tabs" aria-label="Data pages">
        <NavLink
          to={section.path}
          end
          className={({ isActive }) => (isActive ? 'tab active' : 'tab')}
        >
          Overview
        </NavLink>
        {section.pages?.map((page, index) => (
          <NavLink
            key={page.path}
            to={`${section.path}/${page.path}`}
            // The first page (Import) is a workflow and reads as an action, like other sections'.
            className={({ isActive }) =>
              ['tab', isActive ? 'active' : '', index === 0 ? 'workflow' : ''].join(' ').trim()
            }
          >
            {page.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </main>
  )
}
