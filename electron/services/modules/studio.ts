import { checkIn, undoCheckIn } from '../studio/attendance'
import { book, cancelBooking, markNoShow } from '../studio/bookings'
import { studioContext } from '../studio/context'
import { readDay, readLocations, todayIn } from '../studio/day'
import { findMembers } from '../studio/members'
import { readRoster } from '../studio/roster'
import { createSeries, previewSeries } from '../studio/series'
import type { HandlerModule } from '../registry'

/** The studio's front desk: the day's classes, rosters, check-ins, bookings and weekly series. */
export const studioHandlers: HandlerModule = {
  'studio.day': async (ctx, { date }) => {
    const s = await studioContext(ctx, 'studio.day')
    return readDay(s.sqlite, date ?? todayIn(s.timeZone, s.nowMs), s.timeZone)
  },
  'studio.locations': async (ctx) => readLocations(ctx.session.handle.sqlite),
  'studio.roster': async (ctx, { sessionId }) => {
    const s = await studioContext(ctx, 'studio.roster')
    return readRoster(s.sqlite, sessionId, s.timeZone)
  },
  'studio.findMembers': async (ctx, { search, limit, sessionId }) =>
    findMembers(ctx.session.handle.sqlite, search, limit, sessionId ?? null),
  'studio.checkIn': async (ctx, { sessionId, userId }) =>
    checkIn(await studioContext(ctx, 'studio.checkIn'), sessionId, userId),
  'studio.undoCheckIn': async (ctx, { attendanceId }) =>
    undoCheckIn(await studioContext(ctx, 'studio.undoCheckIn'), attendanceId),
  'studio.book': async (ctx, { sessionId, userId }) =>
    book(await studioContext(ctx, 'studio.book'), sessionId, userId),
  'studio.cancelBooking': async (ctx, { bookingId }) =>
    cancelBooking(await studioContext(ctx, 'studio.cancelBooking'), bookingId),
  'studio.markNoShow': async (ctx, { bookingId }) =>
    markNoShow(await studioContext(ctx, 'studio.markNoShow'), bookingId),
  'studio.previewSeries': async (ctx, input) =>
    previewSeries(await studioContext(ctx, 'studio.previewSeries'), input),
  'studio.createSeries': async (ctx, input) =>
    createSeries(await studioContext(ctx, 'studio.createSeries'), input),
}
