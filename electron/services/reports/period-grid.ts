import type { Frame } from './frame'
import { endOfOrdinal, labelOfOrdinal, ordinalOf, startOfOrdinal } from './periods'
import { segmentIndexes } from './table'

export interface GridCell {
  label: string
  segment: number
  index: number
}

/**
 * A frame's periods times its segments as one flat index, for reports that count into typed
 * arrays: cell (period, segment) is `(ordinal − first) × segments + segment`.
 */
export function periodGrid(frame: Frame) {
  const { interval } = frame
  const first = ordinalOf(frame.from, interval)
  const last = ordinalOf(frame.to, interval)
  const segments = frame.people.segments.length
  const periods = last - first + 1
  return {
    first,
    last,
    periods,
    size: periods * segments,
    /** First and last day the periods cover (whole periods, so wider than from–to). */
    start: startOfOrdinal(first, interval),
    end: endOfOrdinal(last, interval),
    cellOf: (day: number, segment: number) =>
      (ordinalOf(day, interval) - first) * segments + segment,
    /** Every cell, period by period, in the frame's segment order. */
    cells(): GridCell[] {
      const cells: GridCell[] = []
      for (let o = first; o <= last; o++) {
        const label = labelOfOrdinal(o, interval)
        for (const segment of segmentIndexes(frame))
          cells.push({ label, segment, index: (o - first) * segments + segment })
      }
      return cells
    },
  }
}

/** Counts a person once in a cell's set of people. */
export function addPerson(people: Map<number, Set<string>>, cell: number, userId: string) {
  let who = people.get(cell)
  if (!who) {
    who = new Set()
    people.set(cell, who)
  }
  who.add(userId)
}
