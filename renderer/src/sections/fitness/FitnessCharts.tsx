import { useCallback, useMemo } from 'react'
import { Chart } from 'react-chartjs-2'
import type { ReportParams, ReportResult } from '../../../../shared/reports'
import { activityCalendar, weekLabel } from '../../charts/builders/calendar'
import {
  bodyWeightChart,
  e1rmChart,
  goalsChart,
  weightGoal,
  workoutDays,
} from '../../charts/builders/fitness'
import { columnsChart, pivotChart, type Built } from '../../charts/builders/generic'
import { inPersonUnits, unitSuffixes } from '../../charts/builders/units'
import { useChartTheme } from '../../charts/chart-theme'
import { ChartCard } from '../../charts/ChartCard'
import { ChartPage } from '../../charts/ChartPage'
import { MatrixChart } from '../../charts/MatrixChart'
import { OKABE_ITO } from '../../charts/palette'
import { chartOptions, ReportChart } from '../../charts/ReportChart'
import { useReport } from '../../charts/use-report'
import { useSettingsStore } from '../../stores/settings-store'

const EMPTY_TRAINING =
  'No workouts in this range. Start a workout, or import a Strong, Hevy, FitNotes or Fitbod export in Data → Import.'
const EMPTY_BODY =
  'No weigh-ins in this range. Add a measurement, or import Renpho or Withings data in Data → Import.'
const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' })

function useUnits() {
  const weightUnit = useSettingsStore((s) => s.settings?.weightUnit ?? 'kg')
  return useMemo(() => ({ weightUnit, ...unitSuffixes({ weightUnit }) }), [weightUnit])
}

function BodyWeightCard({ params }: { params: ReportParams }) {
  const theme = useChartTheme()
  const units = useUnits()
  const weights = useReport('fitness_body_weight', params)
  const goals = useReport('fitness_goal_progress', {})
  const built = useMemo(() => {
    if (!weights.result || !goals.result) return null
    const goal = weightGoal(goals.result, units.weight)
    return bodyWeightChart(inPersonUnits(weights.result, units), units.weight, goal)
  }, [weights.result, goals.result, units])
  return (
    <ChartCard
      title="Body weight"
      unit={`weigh-ins and their 7-day average, ${units.weight}; dashed: your goal`}
      table={built?.table ?? null}
      error={weights.error ?? goals.error}
      fileName="body-weight"
      emptyHint={EMPTY_BODY}
    >
      {built && (
        <Chart
          type="line"
          data={{ labels: built.labels, datasets: built.datasets }}
          options={chartOptions(theme, { timeAxis: true, yTitle: units.weight, fromZero: false })}
        />
      )}
    </ChartCard>
  )
}

function WorkoutCalendarCard({ params }: { params: ReportParams }) {
  const weekStart = useSettingsStore((s) => s.settings?.weekStart ?? 'monday')
  const { result, error } = useReport('fitness_workout_volume', params)
  const calendar = useMemo(() => {
    if (!result) return null
    const dates = result.rows.map((r) => String(r[0] ?? '')).sort()
    const from = params.from ?? dates[0]
    const to = params.to ?? dates.at(-1)
    if (!from || !to) return activityCalendar([], weekStart)
    return activityCalendar(workoutDays(result, from, to), weekStart)
  }, [result, params.from, params.to, weekStart])
  return (
    <ChartCard
      title="Workout frequency"
      unit="workouts each day"
      table={calendar?.table ?? null}
      error={error}
      fileName="workout-frequency"
      height={190}
      emptyHint={EMPTY_TRAINING}
    >
      {calendar && (
        <MatrixChart
          cells={calendar.cells}
          xLabels={calendar.weeks}
          yLabels={calendar.weekdays}
          xTitle=""
          yTitle=""
          color={OKABE_ITO.blue}
          xTick={(i) => weekLabel(calendar.weeks, i, (d) => monthFormat.format(d))}
          describe={(c) => `${(c as typeof c & { date: string }).date}: ${c.v} workouts`}
        />
      )}
    </ChartCard>
  )
}

/** Fitness → Overview: body weight, strength, volume, measurements, energy and goals. */
export function FitnessCharts() {
  const units = useUnits()
  const e1rm = useCallback(
    (r: ReportResult) => e1rmChart(inPersonUnits(r, units), units.weight),
    [units],
  )
  const volumeByBodyPart = useCallback(
    (r: ReportResult): Built =>
      pivotChart(inPersonUnits(r, units), 'period', 'body_part', `volume_${units.weight}`, {
        limit: 6,
      }),
    [units],
  )
  const measurements = useCallback(
    (r: ReportResult): Built =>
      columnsChart(
        inPersonUnits(r, units),
        'period',
        [
          { column: `waist_${units.bodyLength}`, label: 'Waist', type: 'line' },
          { column: `chest_${units.bodyLength}`, label: 'Chest', type: 'line' },
          { column: `thighs_${units.bodyLength}`, label: 'Thighs', type: 'line' },
          { column: `bicep_${units.bodyLength}`, label: 'Bicep', type: 'line' },
          { column: 'body_fat_pct', label: 'Body fat', type: 'line', axis: 'y2' },
        ],
        { sum: false },
      ),
    [units],
  )
  return (
    <ChartPage page="fitness">
      {(params) => (
        <>
          <BodyWeightCard params={params} />
          <ReportChart
            report="fitness_e1rm"
            params={{ ...params, interval: 'week' }}
            build={e1rm}
            kind="line"
            timeAxis
            title="Estimated 1RM"
            unit={`best estimated one-rep max per week (Epley), ${units.weight}; stars: personal records`}
            yTitle={units.weight}
            fileName="estimated-1rm"
            emptyHint={EMPTY_TRAINING}
          />
          <ReportChart
            report="fitness_volume_by_body_part"
            params={{ ...params, interval: 'week' }}
            build={volumeByBodyPart}
            kind="bar"
            stacked
            title="Weekly volume by body part"
            unit={`sets × reps × weight per week, ${units.weight}`}
            yTitle={units.weight}
            fileName="volume-by-body-part"
            emptyHint={EMPTY_TRAINING}
          />
          <WorkoutCalendarCard params={params} />
          <ReportChart
            report="fitness_measurement_averages"
            params={{ ...params, interval: 'month' }}
            build={measurements}
            kind="line"
            title="Measurements"
            unit={`monthly averages, ${units.bodyLength}; body fat in % on the right`}
            yTitle={units.bodyLength}
            y2Title="body fat, %"
            fileName="measurements"
            emptyHint={EMPTY_BODY}
          />
          <ReportChart
            report="fitness_energy_balance"
            params={{ ...params, interval: 'week' }}
            build={energy}
            kind="bar"
            title="Nutrition against TDEE"
            unit="average daily calories eaten and burnt per week, kcal"
            yTitle="kcal per day"
            fileName="energy-balance"
            emptyHint="No nutrition days in this range. Log one in the Nutrition tab, or import MyFitnessPal or Cronometer."
          />
          <ReportChart
            report="fitness_goal_progress"
            params={{}}
            build={goals}
            kind="bar"
            horizontal
            title="Goals"
            unit="share of each goal done, beside the share of its time gone, %"
            yTitle="%"
            fileName="goal-progress"
            emptyHint="No goals yet: add one in the Goals tab."
          />
        </>
      )}
    </ChartPage>
  )
}

const goals = (r: ReportResult) => goalsChart(r)
const energy = (r: ReportResult): Built => {
  const built = columnsChart(
    r,
    'period',
    [
      { column: 'calories_kcal', label: 'Eaten' },
      { column: 'tdee_kcal', label: 'TDEE', type: 'line' },
      { column: 'days_logged', label: 'days' },
    ],
    { sum: true },
  )
  // The report sums each week's days; the chart shows a day's average, drawn and exported alike.
  const days = built.table.rows.map((row) => Number(row[3]) || 1)
  const perDay = (values: (number | null)[]) =>
    values.map((v, i) => (v === null ? null : Math.round(v / (days[i] ?? 1))))
  const eaten = perDay(built.datasets[0]?.data as (number | null)[])
  const tdee = perDay(built.datasets[1]?.data as (number | null)[])
  return {
    labels: built.labels,
    datasets: [
      { ...built.datasets[0], data: eaten } as Built['datasets'][number],
      { ...built.datasets[1], data: tdee } as Built['datasets'][number],
    ],
    table: {
      columns: ['period', 'eaten_kcal_per_day', 'tdee_kcal_per_day'],
      rows: built.labels.map((label, i) => [label, eaten[i] ?? null, tdee[i] ?? null]),
    },
  }
}
