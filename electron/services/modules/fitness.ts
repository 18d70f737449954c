import { logWorkout } from '../fitness/log'
import { previousPerformance } from '../fitness/previous'
import { workoutTemplates } from '../fitness/templates'
import type { HandlerModule } from '../registry'
import { readSettings } from '../settings/store'

/** Starting and logging a workout: templates from programs, last time's sets, one-shot save. */
export const fitnessHandlers: HandlerModule = {
  'fitness.workoutTemplates': async (ctx) => workoutTemplates(ctx.session.handle.sqlite),
  'fitness.previousPerformance': async (ctx, { exerciseIds, before }) =>
    previousPerformance(ctx.session.handle.sqlite, exerciseIds, before),
  'fitness.logWorkout': async (ctx, workout) => {
    const { sqlite, db } = ctx.session.handle
    const { timeZone } = await readSettings(db)
    const workoutId = logWorkout(sqlite, workout, {
      adapter: ctx.adapter,
      timeZone,
      now: Date.now(),
      method: 'fitness.logWorkout',
    })
    return { workoutId }
  },
}
