import { ChartLine, Download, ImageDown, Table2 } from 'lucide-react'
import { useId, useMemo, useRef, useState, type ReactNode } from 'react'
import { toCsv } from '../../../shared/csv'
import { downloadText } from '../exports/download'
import { useChartTheme } from './chart-theme'
import type { ChartTable } from './types'
import './charts.css'

interface ChartCardProps {
  title: string
  /** What the numbers are in ("people per day"): shown under the title. */
  unit: string
  /** The drawn numbers; null while they load. */
  table: ChartTable | null
  /** Base of the CSV and PNG file names. */
  fileName: string
  /** What to say when there is nothing to draw, and how to get data. */
  emptyHint: ReactNode
  /** Why the numbers could not be had, in the person's words. */
  error?: string | null
  /** Notes that come with the numbers (future-stamped events left out, incomplete periods…). */
  notes?: readonly string[]
  height?: number
  /** Switches of this chart alone (retention's "on" or "on or after"), beside its tools. */
  controls?: ReactNode
  /** A list, not a chart: always shown as its table, no PNG. */
  tableOnly?: boolean
  /** The chart itself; only mounted when there is something to draw. */
  children: ReactNode
}

function savePng(container: HTMLElement | null, fileName: string, background: string) {
  const canvas = container?.querySelector('canvas')
  if (!canvas) return
  // The canvas is transparent: paint the card's own background under it, so the PNG reads
  // the same outside the app.
  const copy = document.createElement('canvas')
  copy.width = canvas.width
  copy.height = canvas.height
  const context = copy.getContext('2d')
  if (!context) return
  context.fillStyle = background
  context.fillRect(0, 0, copy.width, copy.height)
  context.drawImage(canvas, 0, 0)
  const link = document.createElement('a')
  link.href = copy.toDataURL('image/png')
  link.download = `${fileName}.png`
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
}

/** One chart: title, units, a table view, Export CSV of exactly what is drawn, Save PNG. */
export function ChartCard({
  title,
  unit,
  table,
  fileName,
  emptyHint,
  error = null,
  notes = [],
  height = 260,
  tableOnly = false,
  controls,
  children,
}: ChartCardProps) {
  const titleId = useId()
  const body = useRef<HTMLDivElement>(null)
  const [tableChosen, setAsTable] = useState(false)
  const asTable = tableOnly || tableChosen
  const theme = useChartTheme()
  const loading = table === null && error === null
  const empty = table === null || table.rows.length === 0
  // The chart draws `table`'s numbers in the theme's colours. A card rendered again for another
  // reason (the filters changed and the new numbers are on their way) keeps the chart element
  // it has, so React leaves the canvas alone instead of redrawing the same data with fresh
  // option objects.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the chart changes with these two
  const chart = useMemo(() => children, [table, theme.name])

  return (
    <section
      className={tableOnly ? 'card chart-card wide' : 'card chart-card'}
      aria-labelledby={titleId}
      aria-busy={loading}
      data-rows={table?.rows.length ?? 0}
    >
      <header className="chart-head">
        <div>
          <h3 id={titleId}>{title}</h3>
          <p className="chart-unit">{unit}</p>
        </div>
        <div className="chart-tools" role="group" aria-label={`${title} tools`}>
          {controls}
          {!tableOnly && (
            <button
              type="button"
              className="icon-button"
              aria-pressed={asTable}
              aria-label="Show as table"
              title={asTable ? 'Show the chart' : 'Show as table'}
              disabled={loading || empty}
              onClick={() => setAsTable((shown) => !shown)}
            >
              {asTable ? <ChartLine size={16} aria-hidden /> : <Table2 size={16} aria-hidden />}
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label="Export CSV"
            title="Export CSV of the numbers drawn"
            disabled={loading || empty}
            onClick={() =>
              table && downloadText(`${fileName}.csv`, toCsv(table.columns, table.rows))
            }
          >
            <Download size={16} aria-hidden />
          </button>
          {!tableOnly && (
            <button
              type="button"
              className="icon-button"
              aria-label="Save PNG"
              title="Save the chart as a PNG image"
              disabled={loading || empty || asTable}
              onClick={() => savePng(body.current, fileName, theme.surface)}
            >
              <ImageDown size={16} aria-hidden />
            </button>
          )}
        </div>
      </header>
      <div className="chart-body" ref={body} style={{ height }}>
        {error !== null ? (
          <p className="chart-state field-error" role="alert">
            {error}
          </p>
        ) : loading ? (
          <p className="chart-state" role="status">
            Loading…
          </p>
        ) : empty || table === null ? (
          <div className="chart-state">{emptyHint}</div>
        ) : asTable ? (
          <div className="chart-table">
            <table>
              <caption className="visually-hidden">{`${title} (${unit})`}</caption>
              <thead>
                <tr>
                  {table.columns.map((column, i) => (
                    <th key={column} scope="col">
                      {table.labels?.[i] ?? column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, r) => (
                  <tr key={r}>
                    {row.map((cell, c) => (
                      <td key={c} className={typeof cell === 'number' ? 'num' : undefined}>
                        {cell ?? ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <div
            className="chart-canvas"
            key={theme.name}
            role="img"
            aria-label={`${title}, ${unit}`}
          >
            {chart}
          </div>
        )}
      </div>
      {notes.length > 0 && (
        <ul className="chart-notes">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  )
}
