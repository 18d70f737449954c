import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  TimeScale,
  Title,
  Tooltip,
} from 'chart.js'
import 'chartjs-adapter-date-fns'
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix'
import annotationPlugin from 'chartjs-plugin-annotation'

// Chart.js is tree-shaken: only what the app draws is registered, once, before any chart mounts.
Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  TimeScale,
  Title,
  Tooltip,
  MatrixController,
  MatrixElement,
  annotationPlugin,
)

Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily || 'system-ui'
Chart.defaults.maintainAspectRatio = false
Chart.defaults.animation = false
Chart.defaults.plugins.legend.labels.boxWidth = 12
Chart.defaults.plugins.tooltip.mode = 'index'
Chart.defaults.plugins.tooltip.intersect = false
