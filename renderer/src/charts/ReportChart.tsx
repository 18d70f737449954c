import type { ChartOptions } from 'chart.js'
import { useMemo, type ReactNode } from 'react'
import { Chart } from 'react-chartjs-2'
import type { ReportParams, ReportResult } from '../../../shared/reports'
import type { Built } from './builders/generic'
import { themedAxis, useChartTheme, type ChartTheme } from './chart-theme'
import { ChartCard } from './ChartCard'
import { MatrixChart, type MatrixCell } from './MatrixChart'
import type { ChartTable } from './types'
import { useReport } from './use-report'

interface CardText {
  title: string
  unit: string
  fileName: string
  emptyHint: ReactNode
  height?: number
}

/** How a bar or line chart's axes are laid out. */
export interface AxesLayout {
  stacked?: boolean
  /** Bars along the y axis (rankings with long names). */
  horizontal?: boolean
  /** The x labels are days (YYYY-MM-DD). */
  timeAxis?: boolean
  xTitle?: string
  yTitle: string
  y2Title?: string
  legend?: boolean
  /** The value axis starts at zero (not for body weight). */
  fromZero?: boolean
}

export interface ReportChartProps extends CardText, AxesLayout {
  report: string
  params: ReportParams
  build(result: ReportResult): Built
  kind: 'bar' | 'line'
}

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' })

function timeScale(theme: ChartTheme) {
  return {
    type: 'time' as const,
    time: { unit: 'day' as const, tooltipFormat: 'PP' },
    ...themedAxis(theme),
    ticks: {
      ...themedAxis(theme).ticks,
      maxTicksLimit: 8,
      callback: (value: string | number) => dayFormat.format(new Date(value)),
    },
  }
}

export function chartOptions(theme: ChartTheme, props: AxesLayout) {
  const index = props.horizontal ? 'y' : 'x'
  const value = props.horizontal ? 'x' : 'y'
  const axis = themedAxis(theme, props.xTitle)
  const category = props.timeAxis
    ? timeScale(theme)
    : {
        ...axis,
        stacked: props.stacked,
        // A ranking names every bar; a long series of periods may skip some labels.
        ticks: { ...axis.ticks, autoSkip: !props.horizontal },
      }
  const options: ChartOptions<'bar' | 'line'> = {
    indexAxis: index,
    scales: {
      [index]: category,
      [value]: {
        ...themedAxis(theme, props.yTitle),
        ticks: { ...themedAxis(theme).ticks, precision: 0 },
        beginAtZero: props.fromZero ?? true,
        stacked: props.stacked,
      },
      ...(props.y2Title
        ? {
            y2: {
              ...themedAxis(theme, props.y2Title),
              position: 'right' as const,
              beginAtZero: true,
              grid: { drawOnChartArea: false },
            },
          }
        : {}),
    },
    plugins: {
      legend: { display: props.legend ?? true, labels: { color: theme.text } },
    },
  }
  return options
}

/** Runs a report with the page's filters and builds what one chart draws from it. */
export function useBuiltReport<T>(
  report: string,
  params: ReportParams,
  build: (result: ReportResult) => T,
) {
  const { result, error } = useReport(report, params)
  const built = useMemo(() => (result ? build(result) : null), [result, build])
  return { result, error, built }
}

/** The ChartCard props every report card passes the same way. */
function cardProps(
  text: CardText,
  state: { result: ReportResult | null; error: string | null },
  table: ChartTable | null,
) {
  return {
    title: text.title,
    unit: text.unit,
    fileName: text.fileName,
    emptyHint: text.emptyHint,
    height: text.height,
    table,
    notes: state.result?.notes,
    error: state.error,
  }
}

/** A bar or line chart of one report: the report runs with the page's filters. */
export function ReportChart(props: ReportChartProps) {
  const theme = useChartTheme()
  const state = useBuiltReport(props.report, props.params, props.build)
  const { built } = state
  return (
    <ChartCard {...cardProps(props, state, built?.table ?? null)}>
      {built && (
        <Chart
          type={props.kind}
          data={{ labels: built.labels, datasets: built.datasets }}
          options={chartOptions(theme, props)}
        />
      )}
    </ChartCard>
  )
}

export interface ReportMatrixProps extends CardText {
  report: string
  params: ReportParams
  build(result: ReportResult): {
    cells: MatrixCell[]
    xLabels: string[]
    yLabels: string[]
    table: ChartTable
  }
  xTitle: string
  yTitle: string
  describe(cell: MatrixCell): string
  color?: string
}

/** A heatmap of one report. */
export function ReportMatrix(props: ReportMatrixProps) {
  const state = useBuiltReport(props.report, props.params, props.build)
  const { built } = state
  return (
    <ChartCard {...cardProps(props, state, built?.table ?? null)}>
      {built && (
        <MatrixChart
          cells={built.cells}
          xLabels={built.xLabels}
          yLabels={built.yLabels}
          xTitle={props.xTitle}
          yTitle={props.yTitle}
          describe={props.describe}
          color={props.color}
        />
      )}
    </ChartCard>
  )
}

export interface ReportTableProps extends CardText {
  report: string
  params: ReportParams
  /** The columns shown and exported, with their headings. */
  columns: readonly { column: string; label: string }[]
}

/** A list a chart would not help with (members gone quiet): the same card, a table inside. */
export function ReportTable(props: ReportTableProps) {
  const state = useReport(props.report, props.params)
  const { result } = state
  const { columns } = props
  const table = useMemo((): ChartTable | null => {
    if (!result) return null
    const index = columns.map((c) => result.columns.indexOf(c.column))
    return {
      columns: columns.map((c) => c.column),
      labels: columns.map((c) => c.label),
      rows: result.rows.map((row) =>
        index.map((i) => {
          const cell = i < 0 ? null : row[i]
          return typeof cell === 'boolean' ? String(cell) : (cell ?? null)
        }),
      ),
    }
  }, [result, columns])
  return (
    <ChartCard {...cardProps(props, state, table)} tableOnly>
      {null}
    </ChartCard>
  )
}
