import {
  Activity,
  CalendarCheck,
  Clapperboard,
  Database,
  Dumbbell,
  LayoutDashboard,
  Newspaper,
  Settings,
  type LucideIcon,
} from 'lucide-react'
import type { ReactElement } from 'react'
import type { TableName } from '../../../shared/schema'
import { SECTIONS, type SectionId } from '../../../shared/sections'
import { ImportHistoryPage } from '../imports/ImportHistoryPage'
import { AnalyticsPage } from '../sections/analytics/AnalyticsPage'
import { BlogCharts } from '../sections/blog/BlogCharts'
import { DashboardPage } from '../sections/dashboard/DashboardPage'
import { FitnessCharts } from '../sections/fitness/FitnessCharts'
import { MediaCharts } from '../sections/media/MediaCharts'
import { StudioCharts } from '../sections/studio/StudioCharts'
import { ImportPage } from '../imports/ImportPage'
import { StartWorkoutPage } from '../sections/fitness/StartWorkoutPage'
import { CheckInPage } from '../sections/studio/CheckInPage'
import { SeriesPage } from '../sections/studio/SeriesPage'

export interface Section {
  id: SectionId
  label: string
  path: string
  icon: LucideIcon
  /** What the section is for, said under its title. */
  purpose: string
  /** How its records get there, said when it has none. */
  emptyHint: string
  /** The tables whose records the section shows, with how a person calls them. */
  records: readonly { table: TableName; label: string }[]
  /** The kinds of record listed and edited on the section's tabs. */
  entities: readonly TableName[]
  /** What the Overview tab shows instead of record counts (a section's charts). */
  overview?: () => ReactElement
  /** Workflow pages shown as the first tabs (Start workout, Check-in), at `<section>/<path>`. */
  pages?: readonly { path: string; label: string; element: () => ReactElement }[]
}

type SectionDetails = Omit<Section, 'id' | 'label' | 'path'>

const details: Record<SectionId, SectionDetails> = {
  dashboard: {
    overview: DashboardPage,
    entities: [],
    emptyHint: "Once you log or import anything, this week's numbers appear here.",
    icon: LayoutDashboard,
    purpose: 'This week across everything you log: training, media, classes and activity.',
    records: [
      { table: 'fitness_workouts', label: 'workouts' },
      { table: 'media_movies', label: 'films' },
      { table: 'fact_class_attendance', label: 'check-ins' },
      { table: 'fct_event', label: 'events' },
    ],
  },
  fitness: {
    overview: FitnessCharts,
    pages: [{ path: 'workout', label: 'Start workout', element: StartWorkoutPage }],
    entities: [
      'fitness_workouts',
      'fitness_exercise_logs',
      'fitness_exercises',
      'fitness_programs',
      'fitness_program_exercises',
      'fitness_measurements',
      'fitness_nutrition',
      'fitness_goals',
      'fitness_equipment',
      'fitness_bands',
    ],
    emptyHint:
      'Start a workout, or add exercises, programs, measurements, nutrition days and goals in their tabs.',
    icon: Dumbbell,
    purpose: 'Programs, workouts and sets, body measurements, nutrition and goals.',
    records: [
      { table: 'fitness_workouts', label: 'workouts' },
      { table: 'fitness_exercise_logs', label: 'sets' },
      { table: 'fitness_exercises', label: 'exercises' },
      { table: 'fitness_programs', label: 'programs' },
      { table: 'fitness_measurements', label: 'measurements' },
      { table: 'fitness_nutrition', label: 'nutrition days' },
      { table: 'fitness_goals', label: 'goals' },
    ],
  },
  media: {
    overview: MediaCharts,
    entities: [
      'media_movies',
      'media_games',
      'media_consumption',
      'media_platforms',
      'media_analytics',
    ],
    emptyHint:
      'Log a film, a game or any other media in its tab, and add the platforms you pay for.',
    icon: Clapperboard,
    purpose: 'Films, games and everything else you watch, play, read or hear, and what it costs.',
    records: [
      { table: 'media_movies', label: 'films' },
      { table: 'media_games', label: 'games' },
      { table: 'media_consumption', label: 'other media' },
      { table: 'media_platforms', label: 'platforms' },
    ],
  },
  blog: {
    overview: BlogCharts,
    entities: ['blog_posts', 'blog_categories', 'blog_analytics', 'blog_engagement'],
    emptyHint:
      "Write a post or add categories in their tabs; views and engagement arrive with your blog's logs.",
    icon: Newspaper,
    purpose: 'Posts and categories, with the views and engagement they earned.',
    records: [
      { table: 'blog_posts', label: 'posts' },
      { table: 'blog_categories', label: 'categories' },
      { table: 'blog_analytics', label: 'views' },
      { table: 'blog_engagement', label: 'engagements' },
    ],
  },
  studio: {
    overview: StudioCharts,
    pages: [
      { path: 'check-in', label: 'Check-in', element: CheckInPage },
      { path: 'series', label: 'Weekly series', element: SeriesPage },
    ],
    entities: [
      'dim_class_session',
      'class_bookings',
      'fact_class_attendance',
      'users',
      'dim_location',
    ],
    emptyHint:
      'Add a location, then classes or a weekly series and your members; the Check-in tab runs the front desk.',
    icon: CalendarCheck,
    purpose: 'Members, classes, bookings and check-ins at your locations.',
    records: [
      { table: 'dim_class_session', label: 'classes' },
      { table: 'class_bookings', label: 'bookings' },
      { table: 'fact_class_attendance', label: 'check-ins' },
      { table: 'dim_location', label: 'locations' },
    ],
  },
  analytics: {
    overview: AnalyticsPage,
    entities: ['users', 'dim_account', 'dim_actions'],
    emptyHint:
      'Every entry you log adds an event here; add accounts, people and the actions that count as activity in their tabs.',
    icon: Activity,
    purpose:
      'Product analytics over an event log: DAU, WAU, MAU, stickiness, sessions, tiers and retention.',
    records: [
      { table: 'fct_event', label: 'events' },
      { table: 'users', label: 'people' },
      { table: 'dim_account', label: 'accounts' },
      { table: 'fact_user_sessions', label: 'sessions' },
      { table: 'dim_actions', label: 'actions' },
    ],
  },
  data: {
    pages: [
      { path: 'import', label: 'Import', element: ImportPage },
      { path: 'history', label: 'Import history', element: ImportHistoryPage },
    ],
    entities: [],
    emptyHint: '',
    icon: Database,
    purpose: 'What the database holds; import, export and backups.',
    records: [],
  },
  settings: {
    entities: [],
    emptyHint: '',
    icon: Settings,
    purpose: 'Time zone, week start, units, sessions, engagement tiers and theme.',
    records: [],
  },
}

export const sections: readonly Section[] = SECTIONS.map((section) => ({
  ...section,
  ...details[section.id],
}))
