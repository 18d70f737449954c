import { iso } from './clock'
import type { RowWriter } from './writer'

/**
 * Every action the demo logs. Seed 001's product taxonomy keeps its categories; opening the app,
 * viewing a dashboard, going idle or cancelling a class do not make a day active.
 */
export const ACTIONS = [
  { type: 'app_open', category: 'engagement', weight: 1, core: false },
  { type: 'dashboard_view', category: 'engagement', weight: 1, core: false },
  { type: 'timer_start', category: 'work_session', weight: 2, core: true },
  { type: 'timer_stop', category: 'work_session', weight: 2, core: true },
  { type: 'idle_detected', category: 'work_session', weight: 0, core: false },
  { type: 'manual_time_added', category: 'work_session', weight: 2, core: true },
  { type: 'task_created', category: 'output', weight: 3, core: true },
  { type: 'task_completed', category: 'output', weight: 5, core: true },
  { type: 'workout_logged', category: 'fitness', weight: 5, core: true },
  { type: 'measurement_logged', category: 'fitness', weight: 2, core: true },
  { type: 'nutrition_logged', category: 'fitness', weight: 2, core: true },
  { type: 'goal_set', category: 'fitness', weight: 3, core: true },
  { type: 'film_logged', category: 'media', weight: 2, core: true },
  { type: 'game_logged', category: 'media', weight: 2, core: true },
  { type: 'media_logged', category: 'media', weight: 2, core: true },
  { type: 'post_published', category: 'blog', weight: 5, core: true },
  { type: 'class_booked', category: 'studio', weight: 3, core: true },
  { type: 'class_cancelled', category: 'studio', weight: 0, core: false },
  { type: 'class_checked_in', category: 'studio', weight: 5, core: true },
  { type: 'class_no_show', category: 'studio', weight: 0, core: false },
] as const

export type ActionType = (typeof ACTIONS)[number]['type']

export function writeActions(writer: RowWriter, createdMs: number) {
  for (const action of ACTIONS) {
    writer.insert('dim_actions', {
      action_type: action.type,
      action_category: action.category,
      engagement_weight: action.weight,
      is_core_action: action.core ? 1 : 0,
      created_at: iso(createdMs),
    })
  }
}
