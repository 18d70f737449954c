import { EmptyState } from '../components/EmptyState'
import { PageHeader } from '../components/PageHeader'
import type { Section } from '../shell/sections'
import { useAppStore } from '../stores/app-store'

const numberFormat = new Intl.NumberFormat()

/** A section's overview: how many of each record it holds, or how to get some. */
export function SectionPage({ section }: { section: Section }) {
  const counts = useAppStore((s) => s.counts)
  const rowsOf = (table: string) => counts?.find((c) => c.name === table)?.rows ?? 0
  const hasRecords = section.records.some((r) => rowsOf(r.table) > 0)
  return (
    <main className="page" aria-labelledby="page-title" data-section={section.id}>
      <PageHeader title={section.label} />
      <p className="muted">{section.purpose}</p>
      {counts === null ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : hasRecords ? (
        <ul className="stat-cards">
          {section.records.map((record) => (
            <li key={record.table} className="card stat">
              <span className="stat-value num">{numberFormat.format(rowsOf(record.table))}</span>
              <span className="stat-label">{record.label}</span>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState hint={section.emptyHint} />
      )}
    </main>
  )
}
