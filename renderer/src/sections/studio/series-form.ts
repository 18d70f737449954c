import { seriesInput, type SeriesPlanInput } from '../../../../shared/contract/studio'

/** The series form as typed: every input's text. */
export interface SeriesDraft {
  classCode: string
  className: string
  instructorName: string
  instructorId: string
  locationId: string
  firstDate: string
  startTime: string
  weeks: string
  durationMins: string
  capacity: string
  releaseDaysBefore: string
}

export type SeriesField = keyof SeriesDraft

export const emptyDraft = (firstDate = ''): SeriesDraft => ({
  classCode: '',
  className: '',
  instructorName: '',
  instructorId: '',
  locationId: '',
  firstDate,
  startTime: '18:00',
  weeks: '10',
  durationMins: '60',
  capacity: '20',
  releaseDaysBefore: '7',
})

/** An empty box is "no value"; anything else is a number or left as typed for zod to refuse. */
const numberOrText = (text: string) => {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const value = Number(trimmed)
  return Number.isFinite(value) ? value : trimmed
}

/** What the contract receives; the same schema checks it here and in the service. */
export function draftToInput(draft: SeriesDraft) {
  return {
    classCode: draft.classCode,
    className: draft.className,
    instructorName: draft.instructorName,
    instructorId: numberOrText(draft.instructorId),
    locationId: draft.locationId,
    firstDate: draft.firstDate,
    startTime: draft.startTime,
    weeks: numberOrText(draft.weeks) ?? undefined,
    durationMins: numberOrText(draft.durationMins) ?? undefined,
    capacity: numberOrText(draft.capacity) ?? undefined,
    releaseDaysBefore: numberOrText(draft.releaseDaysBefore),
  }
}

export type FieldErrors = Partial<Record<SeriesField, string>>

export function validateDraft(
  draft: SeriesDraft,
): { ok: true; input: SeriesPlanInput } | { ok: false; errors: FieldErrors } {
  const result = seriesInput.safeParse(draftToInput(draft))
  if (result.success) return { ok: true, input: result.data }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const field = issue.path[0]
    if (typeof field === 'string' && field in draft && !(field in errors)) {
      errors[field as SeriesField] = issue.message
    }
  }
  return { ok: false, errors }
}

/** Same input, same preview: a preview made for other values must not be used to create. */
export const inputKey = (input: SeriesPlanInput) => JSON.stringify(input)
