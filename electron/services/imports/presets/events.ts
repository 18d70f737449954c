import { hash } from 'node:crypto'
import type { RowProblem } from '../../../../shared/imports'
import { parseNumber } from '../../csv/numbers'
import { headerSet } from '../columns'
import { EventTimeReader } from '../parse/epoch'
import type {
  BindOptions,
  BoundColumns,
  BoundPreset,
  FieldSpec,
  ImportTx,
  ParseOutcome,
  PresetDefinition,
  PresetMatch,
  WriteOutcome,
} from '../types'
import { columnBit, type OptionalColumn } from './events-batch'
import { FastEventWriter } from './events-write'

// Event logs (Mixpanel, Amplitude, Segment, PostHog, a product's own logs) into fct_event, one
// row per event. docs/imports/events.md says what each column becomes.

/** The action of an event whose file has no name for it. */
export const DEFAULT_EVENT_NAME = 'unnamed_event'
const NAME_LIMIT = 200

/** desktop, web, mobile or api (any case), else null: fct_event.source allows no other value. */
function knownSource(text: string): string | null {
  if (text === 'web' || text === 'desktop' || text === 'mobile' || text === 'api') return text
  const folded = text.toLowerCase()
  return folded === 'web' || folded === 'desktop' || folded === 'mobile' || folded === 'api'
    ? folded
    : null
}

const USER_ALIASES = [
  'user_id',
  'user id',
  'userid',
  'distinct_id',
  'distinct id',
  '$distinct_id',
  'distinctid',
  'visitor_id',
  'visitor id',
  'visitorid',
  'anonymous_id',
  'anonymousid',
  'person_id',
  'person id',
  'user',
]
const NAME_ALIASES = [
  'event_name',
  'event name',
  'eventname',
  'event',
  'event_type',
  'event type',
  'eventtype',
  'action',
  'action_type',
  'action type',
  'action_name',
]
const TIME_ALIASES = [
  'event_ts',
  'event_time',
  'event time',
  'event_timestamp',
  'timestamp',
  'time',
  'ts',
  'datetime',
  'date_time',
  'occurred_at',
  'client_event_time',
  'created_at',
]
const DATE_ALIASES = ['event_date', 'event date', 'date', 'day']

export const EVENT_FIELDS: readonly FieldSpec[] = [
  {
    key: 'event_id',
    label: 'Event id (kept as text; without one, an id is derived from the row)',
    type: 'id',
    aliases: [
      'event_id',
      'event id',
      'eventid',
      '$insert_id',
      'insert_id',
      'insert id',
      'uuid',
      'event_uuid',
      'message_id',
      'messageid',
      'id',
    ],
  },
  {
    key: 'user',
    label: 'User id (kept as text; a new id becomes a person)',
    type: 'id',
    aliases: USER_ALIASES,
    required: true,
  },
  {
    key: 'name',
    label: `Event name (blank or no column: "${DEFAULT_EVENT_NAME}"; new names join the taxonomy as core actions)`,
    type: 'text',
    aliases: NAME_ALIASES,
  },
  {
    key: 'time',
    label:
      'Event time (ISO-8601, YYYY-MM-DD HH:MM:SS [UTC], epoch s/ms/µs by magnitude, or a time of day beside a date column; no zone written: UTC)',
    type: 'datetime',
    // A date column alone (a log kept by the day) feeds the time when nothing else does.
    aliases: [...TIME_ALIASES, ...DATE_ALIASES],
    required: true,
  },
  {
    key: 'date',
    label: 'Event date (put together with a time-of-day column)',
    type: 'date',
    aliases: DATE_ALIASES,
  },
  {
    key: 'ingested_at',
    label: 'Ingested at (blank or no column: the time of the import)',
    type: 'datetime',
    aliases: [
      'ingested_at',
      'ingested at',
      'received_at',
      'received at',
      'server_received_time',
      'server_upload_time',
      'processed_time',
      'mp_processing_time_ms',
    ],
  },
  {
    key: 'source',
    label: 'Source (desktop, web, mobile or api; any other value stays in the properties)',
    type: 'text',
    aliases: ['source', 'event_source', 'platform'],
  },
  {
    key: 'session',
    label: 'App session id',
    type: 'id',
    aliases: ['app_session_id', 'session_id', 'session id', 'sessionid', '$session_id', 'session'],
  },
  {
    key: 'duration',
    label: 'Duration (seconds, rounded to whole seconds)',
    type: 'duration',
    aliases: [
      'duration_seconds',
      'duration seconds',
      'duration_s',
      'duration (s)',
      'duration (sec)',
      'duration',
      'seconds',
    ],
  },
  {
    key: 'page_url',
    label: 'Page URL',
    type: 'text',
    aliases: ['page_url', 'page url', 'url', 'current_url', '$current_url', 'page'],
  },
  { key: 'task_id', label: 'Task id', type: 'id', aliases: ['task_id', 'task id'] },
  {
    key: 'context',
    label: 'Action context',
    type: 'text',
    aliases: ['action_context', 'context'],
  },
]

/**
 * Columns only other presets' files have (workouts, films, books, body measurements): a header
 * with one of them is not taken for an event log even when it also has a user column.
 */
const OTHER_PRESETS_COLUMNS = [
  'exercise name',
  'exercise_title',
  'workout name',
  'set order',
  'letterboxd uri',
  'book id',
  'weight(lb)',
  'weight(kg)',
  'weight (kg)',
  'weight (lbs)',
  'weight_kg',
  'time of measurement',
]

function detectEventLog(header: readonly string[]): PresetMatch | null {
  const names = headerSet(header)
  if (OTHER_PRESETS_COLUMNS.some((name) => names.has(name))) return null
  const first = (aliases: readonly string[]) => aliases.find((alias) => names.has(alias))
  const user = first(USER_ALIASES)
  const time = first([...TIME_ALIASES, ...DATE_ALIASES])
  if (!user || !time) return null
  const event = first(NAME_ALIASES)
  const shown = [user, event, time].filter(Boolean).map((n) => `“${n}”`)
  return event
    ? { score: 0.9, reason: `Event log: the header has ${shown.join(', ')}` }
    : { score: 0.4, reason: `Event log (no event-name column): the header has ${shown.join(', ')}` }
}

/** One event as parsed: what goes into fct_event. */
export class EventRecord {
  constructor(
    readonly eventId: string,
    readonly userId: string,
    readonly name: string,
    readonly eventTs: number,
    /** Epoch ms, or -1: the time of the import. */
    readonly ingestedAt: number,
    readonly dateKey: number,
    readonly duration: number | null,
    readonly taskId: string | null,
    readonly source: string | null,
    readonly session: string | null,
    readonly pageUrl: string | null,
    readonly context: string | null,
    readonly properties: string | null,
  ) {}
}

const NO_COLUMN = -1

/** The text of a cell, trimmed, or null when blank. */
function textOf(row: readonly string[], index: number): string | null {
  if (index === NO_COLUMN) return null
  const raw = row[index]
  if (raw === undefined || raw === '') return null
  const first = raw.charCodeAt(0)
  const last = raw.charCodeAt(raw.length - 1)
  if (first > 32 && last > 32) return raw
  const text = raw.trim()
  return text === '' ? null : text
}

function isPlainDigits(text: string) {
  if (text.length === 0 || text.length > 15) return false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

/** A preset bound to one event log's header. */
class EventLogReader implements BoundPreset<EventRecord> {
  private readonly times: EventTimeReader
  private readonly eventIdAt: number
  private readonly userAt: number
  private readonly nameAt: number
  private readonly timeAt: number
  private readonly dateAt: number
  private readonly ingestedAtColumn: number
  private readonly sourceAt: number
  private readonly sessionAt: number
  private readonly durationAt: number
  private readonly pageAt: number
  private readonly taskAt: number
  private readonly contextAt: number
  /** Columns no field reads: the properties, with their JSON key and `:` written once. */
  private readonly propertyColumns: number[] = []
  private readonly propertyKeys: string[] = []
  private readonly propertyKeyOf = new Map<number, string>()
  private readonly writer: FastEventWriter

  constructor(
    columns: BoundColumns,
    private readonly header: readonly string[],
    private readonly options: BindOptions,
  ) {
    const at = (key: string) => columns.get(key) ?? NO_COLUMN
    this.eventIdAt = at('event_id')
    this.userAt = at('user')
    this.nameAt = at('name')
    this.timeAt = at('time')
    this.dateAt = at('date')
    this.ingestedAtColumn = at('ingested_at')
    this.sourceAt = at('source')
    this.sessionAt = at('session')
    this.durationAt = at('duration')
    this.pageAt = at('page_url')
    this.taskAt = at('task_id')
    this.contextAt = at('context')
    this.times = new EventTimeReader(options.timeZone)
    const bound = new Set(columns.values())
    const used = new Set<string>()
    header.forEach((column, index) => {
      let name = column.trim() === '' ? `column ${index + 1}` : column
      for (let n = 2; used.has(name); n++) name = `${column} (${n})`
      used.add(name)
      const key = `${JSON.stringify(name)}:`
      this.propertyKeyOf.set(index, key)
      if (bound.has(index)) return
      this.propertyColumns.push(index)
      this.propertyKeys.push(key)
    })
    // The optional columns this file can fill; the others are NULL in the writer's SQL.
    const filled: [OptionalColumn, boolean][] = [
      ['duration_seconds', this.durationAt !== NO_COLUMN],
      ['task_id', this.taskAt !== NO_COLUMN],
      ['source', this.sourceAt !== NO_COLUMN],
      ['app_session_id', this.sessionAt !== NO_COLUMN],
      ['page_url', this.pageAt !== NO_COLUMN],
      ['action_context', this.contextAt !== NO_COLUMN],
      // A source outside the four goes into the properties.
      ['properties', this.propertyColumns.length > 0 || this.sourceAt !== NO_COLUMN],
      ['ingested_at', this.ingestedAtColumn !== NO_COLUMN],
    ]
    let layout = 0
    for (const [column, has] of filled) if (has) layout |= columnBit(column)
    this.writer = new FastEventWriter(layout)
  }

  /** The row being parsed and its problems so far (parse is synchronous: one row at a time). */
  private row: readonly string[] = []
  private line = 0
  private problems: RowProblem[] | null = null

  /** Notes a problem with a cell: line, the file's column name, the value as written, why. */
  private problem(index: number, reason: string, value = this.row[index] ?? '') {
    this.problems ??= []
    const column = this.header[index] ?? `column ${index + 1}`
    this.problems.push({ line: this.line, column, value: value.slice(0, 200), reason })
  }

  parse(row: readonly string[], line: number): ParseOutcome<EventRecord> {
    this.row = row
    this.line = line
    this.problems = null
    if (row.every((cell) => cell.trim() === '')) return { kind: 'skip', reason: 'a blank row' }
    for (let i = this.header.length; i < row.length; i++) {
      if ((row[i] ?? '').trim() !== '') {
        const reason = `has ${row.length} values but the header has ${this.header.length} columns (an unquoted delimiter inside a value?)`
        return { kind: 'reject', problems: [{ line, column: '', value: '', reason }] }
      }
    }

    const userId = textOf(row, this.userAt)
    if (userId === null) this.problem(this.userAt, 'is empty: every event needs a user id')

    let name = textOf(row, this.nameAt) ?? DEFAULT_EVENT_NAME
    if (name.length > NAME_LIMIT) {
      this.problem(this.nameAt, `is longer than ${NAME_LIMIT} characters`)
      name = DEFAULT_EVENT_NAME
    }

    const times = this.times
    const timeOk = this.readTime(row)
    const eventTs = times.ms
    const micros = times.micros
    const dateKey = timeOk ? times.dateKey(eventTs) : 0
    if (timeOk && (dateKey < 19700101 || dateKey > 29991231)) {
      this.problem(this.timeAt, 'falls outside 1970–2999 in the reporting time zone')
    }

    let ingestedAt = -1
    const ingestedCell = textOf(row, this.ingestedAtColumn)
    if (ingestedCell !== null) {
      const reason = times.read(ingestedCell)
      if (reason === null) ingestedAt = times.ms
      else this.problem(this.ingestedAtColumn, reason)
    }

    const duration = this.readDuration(textOf(row, this.durationAt))

    if (this.problems !== null) return { kind: 'reject', problems: this.problems }

    let source: string | null = null
    let strangeSource: string | null = null
    const sourceCell = textOf(row, this.sourceAt)
    if (sourceCell !== null) {
      source = knownSource(sourceCell)
      if (source === null) strangeSource = sourceCell
    }

    let properties: string | null = null
    const columns = this.propertyColumns
    for (let k = 0; k < columns.length; k++) {
      const value = row[columns[k] ?? 0]
      if (value === undefined || value === '') continue
      properties =
        (properties === null ? '{' : `${properties},`) +
        this.propertyKeys[k] +
        JSON.stringify(value)
    }
    if (strangeSource !== null) {
      properties =
        (properties === null ? '{' : `${properties},`) +
        (this.propertyKeyOf.get(this.sourceAt) ?? '"source":') +
        JSON.stringify(strangeSource)
    }
    if (properties !== null) properties += '}'

    const user = userId ?? ''
    const session = textOf(row, this.sessionAt)
    const pageUrl = textOf(row, this.pageAt)
    const taskId = textOf(row, this.taskAt)
    const context = textOf(row, this.contextAt)
    const eventId =
      textOf(row, this.eventIdAt) ??
      derivedEventId(
        user,
        name,
        eventTs,
        micros,
        source,
        session,
        duration,
        pageUrl,
        taskId,
        context,
        properties,
      )
    return {
      kind: 'record',
      record: new EventRecord(
        eventId,
        user,
        name,
        eventTs,
        ingestedAt,
        dateKey,
        duration,
        taskId,
        source,
        session,
        pageUrl,
        context,
        properties,
      ),
    }
  }

  /**
   * The event time into `this.times`: one column, or a date column and a time-of-day column
   * (or the date alone, midnight). False, with the problem noted, when it does not read.
   */
  private readTime(row: readonly string[]) {
    const times = this.times
    const timeCell = row[this.timeAt] ?? ''
    const date = this.dateAt === NO_COLUMN ? null : textOf(row, this.dateAt)
    if (date !== null && (timeCell.trim() === '' || EventTimeReader.isTimeOfDay(timeCell))) {
      const time = timeCell.trim()
      const reason = time === '' ? times.read(date) : times.readDateAndTime(date, time)
      if (reason !== null) this.problem(this.dateAt, reason, time === '' ? date : `${date} ${time}`)
      return reason === null
    }
    const reason = times.read(timeCell)
    if (reason !== null) this.problem(this.timeAt, reason)
    return reason === null
  }

  /** Whole seconds (a fraction rounded), null when blank; a problem when not 0 or more. */
  private readDuration(cell: string | null): number | null {
    if (cell === null) return null
    if (isPlainDigits(cell)) return Number(cell)
    const parsed = parseNumber(cell, { delimiter: this.options.delimiter })
    if (!parsed.ok) {
      this.problem(this.durationAt, parsed.reason)
      return null
    }
    if (parsed.value === null) return null
    const seconds = Math.round(parsed.value)
    if (seconds < 0) this.problem(this.durationAt, 'is negative: a duration is 0 seconds or more')
    else if (!Number.isSafeInteger(seconds))
      this.problem(this.durationAt, 'is too large a duration')
    else return seconds
    return null
  }

  write(record: EventRecord, tx: ImportTx): WriteOutcome {
    return this.writer.write(record, tx)
  }

  finish(tx: ImportTx) {
    return this.writer.finish(tx)
  }
}

/**
 * The id of an event whose file gives none: a hash of what the event is — who, what, when (to
 * the microsecond) and everything else the row says, except when it was ingested — so the same
 * row imported again, from this file or another, is found as already there.
 */
export function derivedEventId(
  user: string,
  name: string,
  epochMs: number,
  micros: number,
  source: string | null,
  session: string | null,
  duration: number | null,
  pageUrl: string | null,
  taskId: string | null,
  context: string | null,
  properties: string | null,
) {
  const sep = '\u001f'
  const content =
    user +
    sep +
    name +
    sep +
    epochMs +
    '.' +
    micros +
    sep +
    (source ?? '') +
    sep +
    (session ?? '') +
    sep +
    (duration ?? '') +
    sep +
    (pageUrl ?? '') +
    sep +
    (taskId ?? '') +
    sep +
    (context ?? '') +
    sep +
    (properties ?? '')
  return `h-${hash('sha256', content, 'base64url').slice(0, 22)}`
}

export const eventsPreset: PresetDefinition<EventRecord> = {
  name: 'events',
  label: 'Event log',
  description:
    'One event per row (Mixpanel, Amplitude, Segment or a product’s own log): user, event name and time; other columns are kept as the event’s properties.',
  targets: ['fct_event', 'users', 'dim_actions'],
  fields: EVENT_FIELDS,
  detect: (header) => detectEventLog(header),
  bind: (columns, header, options) => new EventLogReader(columns, header, options),
  savepointPerRecord: false,
}

// Event logs into fct_event.
export const eventsPresets: PresetDefinition[] = [eventsPreset as PresetDefinition]
