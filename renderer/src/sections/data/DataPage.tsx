import { PageHeader } from '../../components/PageHeader'
import { useAppStore } from '../../stores/app-store'

const numberFormat = new Intl.NumberFormat()

/** What the open database holds: rows in every table and view. */
export function DataPage() {
  const { status, counts, busy, openDemo, openOwn } = useAppStore()
  if (!status) return null
  const isDemo = status.database === 'demo'
  // Settings are not records: a database holding only them is still empty.
  const totalRows =
    counts
      ?.filter((c) => c.kind === 'table' && c.name !== 'app_settings')
      .reduce((sum, c) => sum + c.rows, 0) ?? 0
  return (
    <main className="page" aria-labelledby="page-title">
      <PageHeader title="Data">
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
        <span className="path">{status.databasePath}</span> · {numberFormat.format(totalRows)}{' '}
        records
      </p>
      {totalRows === 0 && (
        <p className="empty">
          This database is empty. Once you log a workout, a film or a check-in, or import a CSV
          file, its records are counted here.
        </p>
      )}
      <section className="card">
        <table className="counts">
          <caption>Rows in every table and view</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Rows
              </th>
            </tr>
          </thead>
          <tbody>
            {counts?.map((c) => (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td className="muted">{c.kind}</td>
                <td className="num">{numberFormat.format(c.rows)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  )
}
