import { Undo2 } from 'lucide-react'
import type { ImportRecord } from '../../../shared/imports'
import { count, formatWhen } from './format'

/** Every import, newest first, each with its counts and, while it stands, an Undo. */
export function ImportHistory({
  imports,
  presetLabel,
  timeZone,
  undoing,
  onUndo,
}: {
  imports: readonly ImportRecord[]
  presetLabel(name: string): string
  timeZone: string | undefined
  undoing: number | null
  onUndo(record: ImportRecord): void
}) {
  return (
    <div className="table-scroll card flush">
      <table className="data-table history-table">
        <caption className="visually-hidden">Past imports, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">File</th>
            <th scope="col">Preset</th>
            <th scope="col" className="num">
              Added
            </th>
            <th scope="col" className="num">
              Already there
            </th>
            <th scope="col" className="num">
              Rejected
            </th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {imports.map((record) => (
            <tr key={record.id} className={record.status === 'undone' ? 'undone' : undefined}>
              <td className="when">{formatWhen(record.startedAt, timeZone)}</td>
              <th scope="row" className="file">
                {record.fileName}
              </th>
              <td>{presetLabel(record.preset)}</td>
              <td className="num">{count.format(record.inserted)}</td>
              <td className="num">{count.format(record.duplicates)}</td>
              <td className="num">{count.format(record.rejected)}</td>
              <td>
                {record.status === 'undone' ? (
                  <span className="status-tag undone" title={record.undoneAt ?? undefined}>
                    Undone{record.undoneAt ? ` ${formatWhen(record.undoneAt, timeZone)}` : ''}
                  </span>
                ) : (
                  <span className="status-tag done">Imported</span>
                )}
              </td>
              <td className="row-actions">
                {record.status === 'done' && (
                  <button
                    type="button"
                    className="small"
                    onClick={() => onUndo(record)}
                    disabled={undoing !== null}
                    aria-label={`Undo the import of ${record.fileName} (${formatWhen(record.startedAt, timeZone)})`}
                  >
                    <Undo2 size={14} aria-hidden="true" />{' '}
                    {undoing === record.id ? 'Undoing…' : 'Undo'}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
