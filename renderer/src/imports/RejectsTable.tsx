import type { RowProblem } from '../../../shared/imports'
import { count } from './format'

/** How many rejected rows the summary lists; the CSV holds all of them. */
export const REJECTS_SHOWN = 100

/** The rows the import refused: where, which column, the value and why. */
export function RejectsTable({
  rejects,
  total,
}: {
  rejects: readonly RowProblem[]
  total: number
}) {
  const shown = rejects.slice(0, REJECTS_SHOWN)
  return (
    <div className="table-scroll rejects" tabIndex={0} aria-label="Rejected rows, scrollable">
      <table className="data-table">
        {shown.length < total ? (
          <caption>
            The first {count.format(shown.length)} of {count.format(total)} rejected rows; the CSV
            holds{' '}
            {rejects.length < total ? `the first ${count.format(rejects.length)}` : 'all of them'}.
          </caption>
        ) : (
          <caption className="visually-hidden">Rejected rows</caption>
        )}
        <thead>
          <tr>
            <th scope="col" className="num">
              Line
            </th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r, index) => (
            <tr key={`${r.line}-${r.column}-${index}`}>
              <td className="num">{r.line}</td>
              <td>{r.column || <span className="muted">(the row)</span>}</td>
              <td className="value">{r.value}</td>
              <td>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
