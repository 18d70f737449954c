import type { ChartOptions, ScriptableContext, TooltipItem } from 'chart.js'
import { Chart } from 'react-chartjs-2'
import { themedAxis, useChartTheme } from './chart-theme'
import { OKABE_ITO, withAlpha } from './palette'

export interface MatrixCell {
  x: string
  y: string
  /** The cell's value; its colour's strength is v ÷ the largest v. */
  v: number
  /** Drawn hatched-looking (faint, dashed border): a period not over yet. */
  faint?: boolean
}

interface MatrixChartProps {
  cells: readonly MatrixCell[]
  xLabels: readonly string[]
  yLabels: readonly string[]
  xTitle: string
  yTitle: string
  /** Tooltip text of a cell. */
  describe(cell: MatrixCell): string
  color?: string
  /** The value that gets full colour; the largest cell by default. */
  max?: number
  /** The text under column `index` (all of them by default). */
  xTick?(index: number): string
}

/** A heatmap (retention cohorts, weekday × hour, tier transitions) on chartjs-chart-matrix. */
export function MatrixChart({
  cells,
  xLabels,
  yLabels,
  xTitle,
  yTitle,
  describe,
  color = OKABE_ITO.blue,
  max,
  xTick,
}: MatrixChartProps) {
  const theme = useChartTheme()
  const top = max ?? Math.max(1e-9, ...cells.map((c) => c.v))
  const cellOf = (context: ScriptableContext<'matrix'>) => context.raw as MatrixCell
  const options: ChartOptions<'matrix'> = {
    plugins: {
      legend: { display: false },
      tooltip: {
        mode: 'nearest',
        intersect: true,
        callbacks: {
          title: () => '',
          label: (item: TooltipItem<'matrix'>) => describe(item.raw as MatrixCell),
        },
      },
    },
    scales: {
      x: {
        type: 'category',
        labels: [...xLabels],
        offset: true,
        ...themedAxis(theme, xTitle),
        grid: { display: false },
        ticks: {
          ...themedAxis(theme).ticks,
          autoSkip: !xTick,
          maxRotation: 0,
          ...(xTick ? { callback: (_value: string | number, index: number) => xTick(index) } : {}),
        },
      },
      y: {
        type: 'category',
        labels: [...yLabels],
        offset: true,
        reverse: false,
        ...themedAxis(theme, yTitle),
        grid: { display: false },
      },
    },
  }
  return (
    <Chart
      type="matrix"
      options={options}
      data={{
        datasets: [
          {
            label: yTitle,
            data: cells.map((c) => ({ ...c })),
            backgroundColor: (context) => {
              const cell = cellOf(context)
              if (!cell) return 'transparent'
              if (cell.v === 0)
                return withAlpha(theme.grid.startsWith('#') ? theme.grid : '#999999', 0.6)
              const strength = 0.08 + 0.92 * Math.min(1, cell.v / top)
              return withAlpha(color, cell.faint ? strength * 0.35 : strength)
            },
            borderColor: (context) => (cellOf(context)?.faint ? theme.muted : theme.surface),
            borderWidth: (context) => (cellOf(context)?.faint ? 1 : 1),
            width: ({ chart }) => (chart.chartArea?.width ?? 0) / Math.max(1, xLabels.length) - 2,
            height: ({ chart }) => (chart.chartArea?.height ?? 0) / Math.max(1, yLabels.length) - 2,
          },
        ],
      }}
    />
  )
}
