import { toast } from 'sonner'
import { create } from 'zustand'
import type {
  MemberMatch,
  Roster,
  SeriesPlanInput,
  SeriesPreview,
  StudioChange,
  StudioDay,
  StudioLocation,
} from '../../../../shared/contract/studio'
import { api, CallError } from '../../client'
import { reportFailure } from '../../components/notify'
import { useAppStore } from '../../stores/app-store'
import { emptyDraft, inputKey, type FieldErrors, type SeriesDraft } from './series-form'
import { defaultClass } from './studio-format'

export type DeskAction =
  | { kind: 'checkIn'; userId: string }
  | { kind: 'book'; userId: string }
  | { kind: 'undoCheckIn'; attendanceId: string }
  | { kind: 'cancelBooking'; bookingId: string }
  | { kind: 'markNoShow'; bookingId: string }

interface StudioState {
  /** The day shown; null until the first answer (the service picks today in its zone). */
  day: StudioDay | null
  dayLoading: boolean
  /** '' shows every location. */
  locationId: string
  selectedId: string | null
  roster: Roster | null
  search: string
  matches: MemberMatch[]
  /** The search the matches answer; another search is still on its way while it differs. */
  matchesFor: string
  highlighted: number
  /** An action is on its way: its buttons wait. */
  pending: boolean

  locations: StudioLocation[] | null
  draft: SeriesDraft
  fieldErrors: FieldErrors
  preview: { key: string; result: SeriesPreview } | null
  creating: boolean

  loadDay(date?: string): Promise<void>
  /** The same day and class again, as others (another desk, the app) may have changed them. */
  refresh(): Promise<void>
  setLocation(locationId: string): void
  select(sessionId: string): Promise<void>
  setSearch(search: string): void
  moveHighlight(delta: number): void
  run(action: DeskAction, sessionId?: string): Promise<boolean>

  loadLocations(): Promise<void>
  editDraft(changes: Partial<SeriesDraft>): void
  setFieldErrors(errors: FieldErrors): void
  previewSeries(input: SeriesPlanInput): Promise<void>
  createSeries(input: SeriesPlanInput): Promise<boolean>
}

let searchGeneration = 0
let searchTimer: ReturnType<typeof setTimeout> | undefined
const SEARCH_DELAY_MS = 120

/** The service's own field and sentence, on the form when it names a field, else as a toast. */
function fieldFailure(error: unknown, set: (errors: FieldErrors) => void) {
  if (error instanceof CallError && error.info.field) {
    set({ [error.info.field]: error.info.message.replace(/^[\w.]+: /, '') })
  } else {
    reportFailure(error)
  }
}

export const useStudioStore = create<StudioState>((set, get) => {
  /** A changed roster also changes its class's counts in the day's list. */
  const applyRoster = (roster: Roster) =>
    set((s) => ({
      roster: s.selectedId === roster.session.sessionId ? roster : s.roster,
      day: s.day && {
        ...s.day,
        classes: s.day.classes.map((c) =>
          c.sessionId === roster.session.sessionId ? roster.session : c,
        ),
      },
    }))

  const call = (action: DeskAction, sessionId: string): Promise<StudioChange> => {
    switch (action.kind) {
      case 'checkIn':
        return api['studio.checkIn']({ sessionId, userId: action.userId })
      case 'book':
        return api['studio.book']({ sessionId, userId: action.userId })
      case 'undoCheckIn':
        return api['studio.undoCheckIn']({ attendanceId: action.attendanceId })
      case 'cancelBooking':
        return api['studio.cancelBooking']({ bookingId: action.bookingId })
      case 'markNoShow':
        return api['studio.markNoShow']({ bookingId: action.bookingId })
    }
  }

  const runSearch = async (search: string, sessionId: string | null) => {
    const generation = ++searchGeneration
    try {
      const matches = await api['studio.findMembers']({
        search,
        limit: 8,
        ...(sessionId ? { sessionId } : {}),
      })
      if (generation === searchGeneration) set({ matches, matchesFor: search, highlighted: 0 })
    } catch (error) {
      if (generation === searchGeneration) reportFailure(error)
    }
  }

  return {
    day: null,
    dayLoading: false,
    locationId: '',
    selectedId: null,
    roster: null,
    search: '',
    matches: [],
    matchesFor: '',
    highlighted: 0,
    pending: false,
    locations: null,
    draft: emptyDraft(),
    fieldErrors: {},
    preview: null,
    creating: false,

    loadDay: async (date) => {
      set({ dayLoading: true })
      try {
        const day = await api['studio.day'](date ? { date } : {})
        const { selectedId, locationId } = get()
        const visible = day.classes.filter((c) => !locationId || c.locationId === locationId)
        const keep = visible.find((c) => c.sessionId === selectedId)
        const next = keep ?? defaultClass(visible, Date.now())
        set({ day })
        if (next) await get().select(next.sessionId)
        else set({ selectedId: null, roster: null })
      } catch (error) {
        reportFailure(error)
      } finally {
        set({ dayLoading: false })
      }
    },

    refresh: async () => {
      const { day, selectedId } = get()
      if (!day) return
      try {
        const [next, roster] = await Promise.all([
          api['studio.day']({ date: day.date }),
          selectedId ? api['studio.roster']({ sessionId: selectedId }) : null,
        ])
        if (get().day?.date !== next.date) return
        set({ day: next })
        if (roster) applyRoster(roster)
      } catch (error) {
        reportFailure(error)
      }
    },

    setLocation: (locationId) => {
      set({ locationId })
      const { day, selectedId } = get()
      const visible = (day?.classes ?? []).filter((c) => !locationId || c.locationId === locationId)
      if (!visible.some((c) => c.sessionId === selectedId)) {
        const next = defaultClass(visible, Date.now())
        if (next) void get().select(next.sessionId)
        else set({ selectedId: null, roster: null })
      }
    },

    select: async (sessionId) => {
      set({ selectedId: sessionId, roster: null, matches: [], highlighted: 0 })
      try {
        const roster = await api['studio.roster']({ sessionId })
        if (get().selectedId === sessionId) applyRoster(roster)
        const { search } = get()
        if (search.trim()) void runSearch(search.trim(), sessionId)
      } catch (error) {
        reportFailure(error)
      }
    },

    setSearch: (search) => {
      set({ search })
      clearTimeout(searchTimer)
      const term = search.trim()
      if (!term) {
        searchGeneration += 1
        set({ matches: [], matchesFor: '', highlighted: 0 })
        return
      }
      searchTimer = setTimeout(() => void runSearch(term, get().selectedId), SEARCH_DELAY_MS)
    },

    moveHighlight: (delta) => {
      const { matches, highlighted } = get()
      if (matches.length === 0) return
      set({ highlighted: (highlighted + delta + matches.length) % matches.length })
    },

    run: async (action, sessionId) => {
      const target = sessionId ?? get().selectedId
      if (!target || get().pending) return false
      set({ pending: true })
      try {
        const change = await call(action, target)
        applyRoster(change.roster)
        void useAppStore.getState().refreshCounts()
        const checkedIn =
          action.kind === 'checkIn'
            ? change.roster.entries.find((e) => e.userId === action.userId)?.attendanceId
            : undefined
        toast.success(change.message, {
          ...(checkedIn
            ? {
                action: {
                  label: 'Undo',
                  onClick: () => void get().run({ kind: 'undoCheckIn', attendanceId: checkedIn }),
                },
              }
            : {}),
        })
        if (action.kind === 'checkIn' || action.kind === 'book') get().setSearch('')
        return true
      } catch (error) {
        reportFailure(error)
        return false
      } finally {
        set({ pending: false })
      }
    },

    loadLocations: async () => {
      try {
        const locations = await api['studio.locations']({})
        set((s) => ({
          locations,
          draft:
            s.draft.locationId || locations.length !== 1
              ? s.draft
              : { ...s.draft, locationId: locations[0]?.locationId ?? '' },
        }))
      } catch (error) {
        reportFailure(error)
      }
    },

    editDraft: (changes) =>
      set((s) => {
        const fieldErrors = Object.fromEntries(
          Object.entries(s.fieldErrors).filter(([field]) => !(field in changes)),
        )
        return { draft: { ...s.draft, ...changes }, fieldErrors }
      }),

    setFieldErrors: (fieldErrors) => set({ fieldErrors }),

    previewSeries: async (input) => {
      try {
        const result = await api['studio.previewSeries'](input)
        set({ preview: { key: inputKey(input), result }, fieldErrors: {} })
      } catch (error) {
        fieldFailure(error, (fieldErrors) => set({ fieldErrors }))
      }
    },

    createSeries: async (input) => {
      set({ creating: true })
      try {
        const created = await api['studio.createSeries'](input)
        toast.success(created.message)
        // The place and first date usually stay for the next series; the class itself does not.
        set((s) => ({
          preview: null,
          draft: { ...emptyDraft(s.draft.firstDate), locationId: s.draft.locationId },
        }))
        void useAppStore.getState().refreshCounts()
        return true
      } catch (error) {
        fieldFailure(error, (fieldErrors) => set({ fieldErrors }))
        return false
      } finally {
        set({ creating: false })
      }
    },
  }
})
