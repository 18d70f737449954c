import { DAY_MS, HOUR_MS, MINUTE_MS } from './clock'
import type { DemoContext } from './context'
import type { DemoEvent, EventSource } from './events'
import type { ProductUser } from './product-users'
import type { ActionType } from './taxonomy'

const PROJECTS = ['Website', 'Onboarding', 'Billing', 'Research', 'Support', 'Internal']

/** Where one person's sitting is: who, from which device, at what moment. */
export interface Cursor {
  user: ProductUser
  source: EventSource
  appSessionId: string | null
  t: number
  open: string[]
  tasks: number
}

export function sourceFor(ctx: DemoContext, user: ProductUser): EventSource {
  const { rng } = ctx
  if (user.device === 'desktop') return rng.chance(0.85) ? 'desktop' : 'web'
  if (user.device === 'mobile') return rng.chance(0.8) ? 'mobile' : 'web'
  return 'web'
}

/** When the log received an event: seconds later, or hours to days for offline devices. */
function ingestedAt(ctx: DemoContext, source: EventSource, ts: number): number {
  const { rng } = ctx
  const r = rng.next()
  const late = source === 'mobile' ? 0.12 : 0.03
  if (r < late * 0.2) return ts + rng.int(2, 10) * DAY_MS + rng.int(0, 86_399) * 1000
  if (r < late) return ts + rng.float(1, 48) * HOUR_MS
  return ts + rng.int(300, 20_000)
}

function emit(
  ctx: DemoContext,
  c: Cursor,
  name: ActionType,
  page: string,
  extra: Partial<DemoEvent> = {},
) {
  const ingested = ingestedAt(ctx, c.source, c.t)
  // Not received yet, so not in the log.
  if (c.t > ctx.nowMs || ingested > ctx.nowMs) return
  ctx.events.add({
    userId: c.user.userId,
    accountId: c.user.accountId,
    name,
    ts: c.t,
    ingestedAt: Math.round(ingested),
    source: extra.source ?? c.source,
    appSessionId: c.appSessionId,
    pageUrl: c.appSessionId === null ? null : page,
    ...extra,
  })
}

/** One sitting: open, look at the dashboard, create tasks, time some work, complete tasks. */
export function workSession(ctx: DemoContext, c: Cursor) {
  const { rng } = ctx
  const step = (min: number, max: number) => {
    c.t += rng.int(min, max) * 1000
  }
  emit(ctx, c, 'app_open', '/')
  if (rng.chance(0.75)) {
    step(3, 40)
    emit(ctx, c, 'dashboard_view', '/dashboard')
  }
  for (let n = rng.poisson(c.user.engagement === 'power' ? 0.9 : 0.6); n > 0; n -= 1) {
    step(15, 150)
    c.tasks += 1
    const taskId = `${c.user.userId}-T${c.tasks}`
    c.open.push(taskId)
    const api = rng.chance(0.04)
    emit(ctx, c, 'task_created', '/tasks', {
      taskId,
      properties: { project: rng.pick(PROJECTS) },
      ...(api ? { source: 'api' as const, pageUrl: null, appSessionId: null } : {}),
    })
  }
  if (rng.chance(0.85)) {
    step(5, 60)
    const started = c.t
    emit(ctx, c, 'timer_start', '/timer', {
      actionContext: rng.pick(['toolbar', 'keyboard_shortcut', 'tray', 'task_row']),
    })
    const workMs = rng.int(10, c.user.engagement === 'power' ? 95 : 60) * MINUTE_MS
    if (rng.chance(0.15)) {
      c.t = started + Math.round(workMs * rng.float(0.3, 0.8))
      emit(ctx, c, 'idle_detected', '/timer', { properties: { idle_minutes: rng.int(5, 20) } })
    }
    c.t = started + workMs
    emit(ctx, c, 'timer_stop', '/timer', {
      durationSeconds: Math.round(workMs / 1000),
      properties: { project: rng.pick(PROJECTS) },
    })
  } else if (rng.chance(0.3)) {
    step(5, 60)
    emit(ctx, c, 'manual_time_added', '/timer', { properties: { minutes: rng.int(10, 120) } })
  }
  if (c.open.length > 0 && rng.chance(0.7)) {
    step(5, 90)
    const taskId = c.open.shift() as string
    emit(ctx, c, 'task_completed', `/tasks/${taskId}`, { taskId })
  }
  if (rng.chance(0.2)) {
    step(5, 60)
    emit(ctx, c, 'dashboard_view', '/dashboard')
  }
}
