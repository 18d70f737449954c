import { FileUp } from 'lucide-react'
import { useEffect, useState } from 'react'
import type { TableCount } from '../../../../shared/contract/app'
import { api } from '../../client'
import { Link } from 'react-router'
import { ExportDialog } from '../../exports/ExportDialog'
import { useAppStore } from '../../stores/app-store'
import { CountsTable } from './CountsTable'

/**
 * Every table's and view's rows. The app keeps the tables' counts; views are counted only
 * here, again whenever the tables' counts change, since each runs its joins over every event.
 */
function useCountsWithViews(tableCounts: readonly TableCount[] | null) {
  const [all, setAll] = useState<TableCount[] | null>(null)
  useEffect(() => {
    if (tableCounts === null) return
    let current = true
    api['app.tableCounts']({ views: true }).then(
      (counts) => current && setAll(counts),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [tableCounts])
  return all ?? tableCounts
}

/** Data › Overview: the way in for imports, and every table and view, each exportable. */
export function DataPage() {
  const counts = useAppStore((s) => s.counts)
  const allCounts = useCountsWithViews(counts)
  const [exporting, setExporting] = useState<string | null>(null)
  // Settings are not records: a database holding only them is still empty.
  const isEmpty = !counts?.some(
    (c) => c.kind === 'table' && c.name !== 'app_settings' && c.rows > 0,
  )
  return (
    <>
      <section className="card import-entry" aria-labelledby="import-entry-title">
        <FileUp size={28} aria-hidden="true" className="import-entry-icon" />
        <div>
          <h2 id="import-entry-title">Import a file</h2>
          <p className="muted">
            Bring in a CSV export from the app you used before: workouts, body measurements,
            nutrition, films, or an event log. You see a preview first, and every import can be
            undone.
          </p>
        </div>
        <Link className="button primary" to="/data/import">
          Import a file
        </Link>
      </section>
      {isEmpty && counts !== null && (
        <p className="empty">
          This database is empty. Once you log a workout, a film or a check-in, or import a CSV
          file, its records are counted here.
        </p>
      )}
      <CountsTable counts={allCounts ?? []} onExport={setExporting} />
      {exporting && <ExportDialog name={exporting} onClose={() => setExporting(null)} />}
    </>
  )
}
