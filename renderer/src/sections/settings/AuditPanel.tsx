import { useEffect, useState } from 'react'
import { toast } from 'sonner'
import {
  AUDIT_ACTIONS,
  AUDIT_ADAPTERS,
  changeLines,
  type AuditAction,
  type AuditAdapter,
  type AuditLogEntry,
  type AuditPage,
} from '../../../../shared/audit'
import { api } from '../../client'
import { reportFailure } from '../../components/notify'
import { downloadText } from '../../exports/download'
import { ErrorNote } from '../../imports/ErrorNote'
import { messageOf, plural } from '../../imports/format'
import { useAppStore } from '../../stores/app-store'
import './audit.css'

const PAGE_SIZE = 25
/** Lines of a change shown before the rest fold away (a create or delete lists every field). */
const LINES_SHOWN = 4

const ACTION_LABELS: Record<AuditAction, string> = {
  create: 'Created',
  update: 'Edited',
  delete: 'Deleted',
  bulk: 'Bulk',
}

const ADAPTER_LABELS: Record<AuditAdapter, string> = {
  ipc: 'Desktop app',
  http: 'Browser',
  cli: 'Command line',
}

interface Filters {
  table: string
  action: AuditAction | ''
  adapter: AuditAdapter | ''
  from: string
  to: string
}

const NO_FILTERS: Filters = { table: '', action: '', adapter: '', from: '', to: '' }

/** The zone this window shows times in: the date filter's days are the same days. */
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone

/** The contract's filters: empty choices left out, days in this window's zone. */
function query(filters: Filters) {
  return {
    ...(filters.table ? { table: filters.table } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.adapter ? { adapter: filters.adapter } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.from || filters.to ? { timeZone: localZone() } : {}),
  }
}

const whenFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })

/** Settings → Audit log: every change made through Logbook, filtered, paged and exported. */
export function AuditPanel() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  const [offset, setOffset] = useState(0)
  const [page, setPage] = useState<AuditPage | null>(null)
  const [tables, setTables] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)
  const [exporting, setExporting] = useState(false)
  const status = useAppStore((s) => s.status)
  const rangeError =
    filters.from && filters.to && filters.from > filters.to
      ? 'The first day comes after the last day. Swap them, or leave one empty.'
      : null

  // Bumped by Refresh: the same filters, read again.
  const [reloads, setReloads] = useState(0)
  useEffect(() => {
    if (rangeError) return
    let stopped = false
    const load = async () => {
      try {
        const [next, names] = await Promise.all([
          api['audit.list']({ ...query(filters), offset, limit: PAGE_SIZE }),
          api['audit.tables']({}),
        ])
        if (stopped) return
        setPage(next)
        setTables(names)
        setError(null)
      } catch (caught) {
        if (!stopped) setError(messageOf(caught))
      }
    }
    void load()
    return () => {
      stopped = true
    }
  }, [filters, offset, rangeError, reloads, status?.databasePath, status?.database])

  const change = <K extends keyof Filters>(key: K, value: Filters[K]) => {
    setFilters({ ...filters, [key]: value })
    setOffset(0)
  }

  const exportCsv = async () => {
    setExporting(true)
    try {
      const result = await api['audit.export'](query(filters))
      downloadText(result.fileName, result.csv)
      toast.success(`Saved ${plural(result.rows, 'entry', 'entries')} as ${result.fileName}.`)
    } catch (caught) {
      reportFailure(caught)
    } finally {
      setExporting(false)
    }
  }

  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS)
  return (
    <section className="card audit-panel" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <p className="muted">
        Every record created, edited or deleted through Logbook — in this window, the browser or the
        command line — with what changed, when, and from where. Imports and their undoing are one
        entry each.
      </p>
      <form
        className="audit-filters"
        aria-label="Filter the audit log"
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          Table
          <select value={filters.table} onChange={(e) => change('table', e.target.value)}>
            <option value="">Any table</option>
            {tables.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Action
          <select
            value={filters.action}
            onChange={(e) => change('action', e.target.value as Filters['action'])}
          >
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {ACTION_LABELS[action]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Source
          <select
            value={filters.adapter}
            onChange={(e) => change('adapter', e.target.value as Filters['adapter'])}
          >
            <option value="">Anywhere</option>
            {AUDIT_ADAPTERS.map((adapter) => (
              <option key={adapter} value={adapter}>
                {ADAPTER_LABELS[adapter]}
              </option>
            ))}
          </select>
        </label>
        <label>
          First day
          <input
            type="date"
            value={filters.from}
            max={filters.to || undefined}
            onChange={(e) => change('from', e.target.value)}
          />
        </label>
        <label>
          Last day
          <input
            type="date"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(e) => change('to', e.target.value)}
          />
        </label>
        <div className="audit-filter-actions">
          {filtered && (
            <button
              type="button"
              onClick={() => {
                setFilters(NO_FILTERS)
                setOffset(0)
              }}
            >
              Clear filters
            </button>
          )}
          <button type="button" onClick={() => setReloads(reloads + 1)}>
            Refresh
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void exportCsv()}
            disabled={exporting || !page || page.total === 0 || rangeError !== null}
          >
            {exporting ? 'Exporting…' : 'Export CSV'}
          </button>
        </div>
      </form>
      {(rangeError ?? error) && <ErrorNote message={(rangeError ?? error) as string} />}
      {page && page.total === 0 && !rangeError && (
        <p className="muted audit-empty">
          {filtered
            ? 'No entries match these filters. Widen the dates or clear the filters.'
            : 'Nothing recorded yet. Create, edit or delete a record, log a workout, check someone in or import a file, and it is listed here.'}
        </p>
      )}
      {page && page.total > 0 && !rangeError && (
        <>
          <AuditTable entries={page.entries} />
          <Pager offset={offset} total={page.total} onMove={setOffset} />
        </>
      )}
    </section>
  )
}

function AuditTable({ entries }: { entries: AuditLogEntry[] }) {
  return (
    <div className="audit-scroll">
      <table className="data-table audit-table" aria-label="Audit log entries, newest first">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">Table</th>
            <th scope="col">Row</th>
            <th scope="col">Changes</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="audit-when" title={entry.at}>
                {whenFormat.format(new Date(entry.at))}
              </td>
              <td>
                <span className={`audit-action audit-${entry.action}`}>
                  {ACTION_LABELS[entry.action]}
                </span>
              </td>
              <td className="audit-code">{entry.table}</td>
              <td className="audit-code audit-key">{entry.rowKey ?? '—'}</td>
              <td>
                <ChangeList entry={entry} />
              </td>
              <td className="audit-source">
                <span title={entry.adapter}>{ADAPTER_LABELS[entry.adapter]}</span>
                <span className="audit-code muted">{entry.method}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** "field: from → to" lines; a long list (every field of a created row) folds after a few. */
function ChangeList({ entry }: { entry: AuditLogEntry }) {
  const lines = changeLines(entry)
  if (lines.length === 0) return <span className="muted">—</span>
  const list = (shown: string[]) => (
    <ul className="audit-changes">
      {shown.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  )
  if (lines.length <= LINES_SHOWN) return list(lines)
  return (
    <>
      {list(lines.slice(0, LINES_SHOWN - 1))}
      <details>
        <summary>{plural(lines.length - LINES_SHOWN + 1, 'more field')}</summary>
        {list(lines.slice(LINES_SHOWN - 1))}
      </details>
    </>
  )
}

function Pager({
  offset,
  total,
  onMove,
}: {
  offset: number
  total: number
  onMove(offset: number): void
}) {
  const last = Math.min(offset + PAGE_SIZE, total)
  return (
    <nav className="audit-pager" aria-label="Audit log pages">
      <span className="count" role="status">
        {offset + 1}–{last} of {plural(total, 'entry', 'entries')}
      </span>
      <button
        type="button"
        onClick={() => onMove(Math.max(0, offset - PAGE_SIZE))}
        disabled={offset === 0}
      >
        Newer
      </button>
      <button type="button" onClick={() => onMove(offset + PAGE_SIZE)} disabled={last >= total}>
        Older
      </button>
    </nav>
  )
}
