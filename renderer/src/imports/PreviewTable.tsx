import type { ImportPreview, RowProblem } from '../../../shared/imports'
import { typeName } from './format'

type PreviewRow = ImportPreview['rows'][number]

/** A row's problems by column index; the ones about the row as a whole under -1. */
function problemsByColumn(row: PreviewRow, header: readonly string[]) {
  const byColumn = new Map<number, RowProblem[]>()
  for (const problem of row.problems) {
    const index = problem.column === '' ? -1 : header.indexOf(problem.column)
    byColumn.set(index, [...(byColumn.get(index) ?? []), problem])
  }
  return byColumn
}

const reasons = (problems: readonly RowProblem[] | undefined) =>
  problems?.map((p) => p.reason).join('; ')

/** The first rows as the preset reads them: each column's field, each refused cell marked. */
export function PreviewTable({ preview }: { preview: ImportPreview }) {
  const { header, mapping, rows } = preview
  const flagged = rows.filter((row) => row.problems.length > 0 || row.skipped !== null)
  return (
    <section className="card preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      {rows.length === 0 ? (
        <p className="muted">
          The file has a header but no rows under it: there is nothing to import.
        </p>
      ) : (
        <div className="table-scroll" tabIndex={0} aria-labelledby="preview-title">
          <table className="preview-table">
            <caption>
              {rows.length === 1
                ? `The first row as ${preview.preset.label} reads it`
                : `The first ${rows.length} rows as ${preview.preset.label} reads them`}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="num line">
                  Line
                </th>
                {mapping.map((m) => (
                  <th
                    key={m.index}
                    scope="col"
                    className={m.field ? 'mapped' : 'ignored'}
                    data-column={m.column}
                  >
                    <span className="column-name">
                      {m.column}
                      {m.type && <span className="field-type">{typeName(m.type)}</span>}
                    </span>
                    {m.label ? (
                      <span className="column-field" title={m.label}>
                        → {m.label}
                      </span>
                    ) : (
                      <span className="column-field ignored">ignored</span>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const problems = problemsByColumn(row, header)
                const rowProblems = [...(problems.get(-1) ?? [])]
                const rowClass =
                  row.skipped !== null
                    ? 'skipped'
                    : row.problems.length > 0
                      ? 'rejected'
                      : undefined
                return (
                  <tr key={row.line} className={rowClass} data-line={row.line}>
                    <th
                      scope="row"
                      className="num line"
                      title={
                        row.skipped ?? (rowProblems.length > 0 ? reasons(rowProblems) : undefined)
                      }
                    >
                      {row.line}
                      {row.skipped !== null && <span className="row-flag">skipped</span>}
                      {row.problems.length > 0 && <span className="row-flag bad">rejected</span>}
                    </th>
                    {header.map((_, index) => {
                      const cellProblems = problems.get(index)
                      return (
                        <td
                          key={index}
                          className={cellProblems ? 'problem' : undefined}
                          title={reasons(cellProblems)}
                          aria-invalid={cellProblems ? true : undefined}
                        >
                          {row.cells[index] ?? ''}
                        </td>
                      )
                    })}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {flagged.length > 0 && (
        <div className="preview-problems">
          <h3>In these rows</h3>
          <ul aria-label="Problems in the preview">
            {flagged.flatMap((row) => [
              ...row.problems.map((p, i) => (
                <li key={`${row.line}-p${i}`} className="problem-item">
                  <span className="num">Line {row.line}</span>
                  {p.column !== '' && <strong>{p.column}</strong>}
                  {p.value !== '' && <q>{p.value}</q>}
                  <span>{p.reason}</span>
                </li>
              )),
              ...(row.skipped !== null
                ? [
                    <li key={`${row.line}-s`} className="skip-item">
                      <span className="num">Line {row.line}</span>
                      <span>skipped: {row.skipped}</span>
                    </li>,
                  ]
                : []),
            ])}
          </ul>
        </div>
      )}
    </section>
  )
}
