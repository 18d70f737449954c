import { Download } from 'lucide-react'
import type { TableCount } from '../../../../shared/contract/app'

const numberFormat = new Intl.NumberFormat()

/** Rows in every table and view; each name carries its Export CSV action. */
export function CountsTable({
  counts,
  onExport,
}: {
  counts: readonly TableCount[]
  onExport(name: string): void
}) {
  return (
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
          {counts.map((c) => (
            <tr key={c.name}>
              {/* The action sits with the name, so the row still reads name, kind, rows. */}
              <th scope="row">
                <span className="name-cell">
                  <span>{c.name}</span>
                  <button
                    type="button"
                    className="small quiet"
                    onClick={() => onExport(c.name)}
                    aria-label={`Export ${c.name} as CSV`}
                    title={`Export ${c.name} as CSV`}
                  >
                    <Download size={14} aria-hidden="true" /> Export CSV
                  </button>
                </span>
              </th>
              <td className="muted">{c.kind}</td>
              <td className="num">{numberFormat.format(c.rows)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
