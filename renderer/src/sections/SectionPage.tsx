import { NavLink, Outlet, useParams } from 'react-router'
import { entityDef } from '../../../shared/entities'
import { EmptyState } from '../components/EmptyState'
import { PageHeader } from '../components/PageHeader'
import { RecordsView } from '../records/RecordsView'
import type { Section } from '../shell/sections'
import { useAppStore } from '../stores/app-store'

const numberFormat = new Intl.NumberFormat()

/** A section: its title, a tab per kind of record, and the chosen tab below. */
export function SectionLayout({ section }: { section: Section }) {
  return (
    <main className="page wide" aria-labelledby="page-title" data-section={section.id}>
      <PageHeader title={section.label} />
      {section.entities.length > 0 && (
        <nav className="tabs" aria-label={`${section.label} records`}>
          <NavLink
            to={section.path}
            end
            className={({ isActive }) => (isActive ? 'tab active' : 'tab')}
          >
            Overview
          </NavLink>
          {section.pages?.map((page) => (
            <NavLink
              key={page.path}
              to={`${section.path}/${page.path}`}
              className={({ isActive }) => (isActive ? 'tab active workflow' : 'tab workflow')}
            >
              {page.label}
            </NavLink>
          ))}
          {section.entities.map((name) => (
            <NavLink
              key={name}
              to={`${section.path}/${name}`}
              className={({ isActive }) => (isActive ? 'tab active' : 'tab')}
            >
              {entityDef(name).plural}
            </NavLink>
          ))}
        </nav>
      )}
      {section.entities.length > 0 ? <Outlet /> : <SectionOverview section={section} />}
    </main>
  )
}

/**
 * The overview tab: how many of each record the section holds and its charts, or, while it holds
 * nothing, how to get some.
 */
export function SectionOverview({ section }: { section: Section }) {
  const counts = useAppStore((s) => s.counts)
  const rowsOf = (table: string) => counts?.find((c) => c.name === table)?.rows ?? 0
  const hasRecords = section.records.some((r) => rowsOf(r.table) > 0)
  if (counts === null) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    )
  }
  if (!hasRecords) {
    return (
      <>
        <p className="muted">{section.purpose}</p>
        <EmptyState hint={section.emptyHint} />
      </>
    )
  }
  const Charts = section.overview
  return (
    <>
      {section.entities.length > 0 && (
        <ul className={Charts ? 'stat-cards compact' : 'stat-cards'} aria-label="Records">
          {section.records.map((record) => (
            <li key={record.table} className="card stat">
              <span className="stat-value num">{numberFormat.format(rowsOf(record.table))}</span>
              <span className="stat-label">{record.label}</span>
            </li>
          ))}
        </ul>
      )}
      {Charts && <Charts />}
    </>
  )
}

/** The tab of one kind of record, named in the address (…/fitness/fitness_workouts). */
export function SectionRecords({ section }: { section: Section }) {
  const { entity } = useParams()
  if (!entity || !(section.entities as readonly string[]).includes(entity)) {
    return <p className="empty">This section has no list called “{entity}”.</p>
  }
  return <RecordsView key={entity} def={entityDef(entity)} />
}
