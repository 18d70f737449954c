import type { ColumnType, Generated } from 'kysely'

// The database's shape as data, so a test can hold it against `PRAGMA table_info` of a migrated
// file, and the Kysely `Database` type is derived from it: the two cannot drift apart.

export type SqlType = 'INTEGER' | 'REAL' | 'TEXT' | 'BLOB'
export interface ColumnSpec {
  readonly type: SqlType
  readonly nullable: boolean
  /** The database fills it when an insert leaves it out (a DEFAULT or an INTEGER PRIMARY KEY). */
  readonly defaulted: boolean
}

const spec = <T extends SqlType, N extends boolean, D extends boolean>(
  type: T,
  nullable: N,
  defaulted: D,
) => ({ type, nullable, defaulted }) as const

const rowId = spec('INTEGER', false, true)
const int = spec('INTEGER', false, false)
const intOrNull = spec('INTEGER', true, false)
const intDefault = spec('INTEGER', false, true)
const realOrNull = spec('REAL', true, false)
const text = spec('TEXT', false, false)
const textOrNull = spec('TEXT', true, false)
const textDefault = spec('TEXT', false, true)

export const tables = {
  app_settings: { key: text, value: text, updated_at: textDefault },
  dim_account: {
    account_id: text,
    account_name: textOrNull,
    plan_tier: textOrNull,
    region: textOrNull,
    is_active: intDefault,
    created_at: textDefault,
  },
  dim_location: {
    location_id: text,
    location_name: text,
    city: textOrNull,
    created_at: textDefault,
  },
  users: {
    id: rowId,
    user_id: text,
    username: text,
    email: textOrNull,
    name: textOrNull,
    first_name: textOrNull,
    last_name: textOrNull,
    gender: textOrNull,
    phone_number: textOrNull,
    date_of_birth: textOrNull,
    city: textOrNull,
    preferred_location_id: textOrNull,
    account_id: textOrNull,
    role: textOrNull,
    is_active: intDefault,
    activated_at: textOrNull,
    deactivated_at: textOrNull,
    registration_date: textOrNull,
    acquisition_channel: textOrNull,
    user_segment: textOrNull,
    device_type: textOrNull,
    region: textOrNull,
    tdee: intOrNull,
    created_at: textDefault,
    updated_at: textDefault,
  },
  dim_class_session: {
    session_id: text,
    class_code: text,
    class_name: text,
    instructor_id: intOrNull,
    instructor_name: textOrNull,
    location_id: text,
    datetime: text,
    duration_mins: int,
    week_number: int,
    year: int,
    month: int,
    day_of_week: text,
    is_weekend: int,
    release_timestamp: textOrNull,
    capacity: intOrNull,
    series_id: textOrNull,
    created_at: textDefault,
  },
  fact_class_attendance: {
    attendance_id: text,
    user_id: text,
    session_id: text,
    location_id: text,
    class_datetime: text,
    source: textOrNull,
    processed_time: textDefault,
  },
  class_bookings: {
    booking_id: text,
    user_id: text,
    session_id: text,
    booked_at: text,
    status: textDefault,
    status_changed_at: textOrNull,
    source: textOrNull,
  },
  dim_actions: {
    action_key: rowId,
    action_type: text,
    action_category: textDefault,
    engagement_weight: intDefault,
    is_core_action: intDefault,
    created_at: textDefault,
  },
  fct_event: {
    event_key: rowId,
    event_id: text,
    user_id: text,
    account_id: textOrNull,
    event_name: text,
    event_ts: int,
    ingested_at: int,
    date_key: int,
    duration_seconds: intOrNull,
    task_id: textOrNull,
    source: textOrNull,
    class_session_id: textOrNull,
    location_id: textOrNull,
    class_datetime: textOrNull,
    app_session_id: textOrNull,
    page_url: textOrNull,
    action_context: textOrNull,
    properties: textOrNull,
    import_id: intOrNull,
  },
  user_sessions: {
    id: rowId,
    user_id: intOrNull,
    session_id: text,
    login_time: textDefault,
    logout_time: textOrNull,
    ip_address: textOrNull,
    user_agent: textOrNull,
    is_active: intDefault,
  },
  dim_date: {
    date_key: rowId,
    full_date: text,
    year: int,
    quarter: int,
    month: int,
    day_of_month: int,
    day_of_week: int,
    week_of_year: int,
    is_weekend: int,
  },
  fact_user_sessions: {
    session_key: rowId,
    user_key: int,
    date_key: int,
    session_id: text,
    session_start: int,
    session_end: int,
    session_duration_seconds: int,
    actions_count: int,
    screens_visited: intDefault,
    session_type: textOrNull,
  },
  fact_daily_user_activity: {
    user_key: int,
    date_key: int,
    sessions_count: intDefault,
    total_session_duration: intDefault,
    total_actions: intDefault,
    unique_action_types: intDefault,
    is_active_day: int,
    engagement_tier: textOrNull,
  },
  fitness_programs: {
    id: rowId,
    program_name: text,
    program_type: text,
    frequency: int,
    created_at: textDefault,
    updated_at: textDefault,
    user_id: intOrNull,
    status: textDefault,
  },
  fitness_exercises: {
    id: rowId,
    exercise_name: text,
    exercise_type: text,
    body_part: textOrNull,
    movement_type: textOrNull,
    equipment_needed: textOrNull,
    created_at: textDefault,
  },
  fitness_equipment: {
    id: rowId,
    equipment_name: text,
    equipment_type: textOrNull,
    description: textOrNull,
    created_at: textDefault,
  },
  fitness_bands: {
    id: rowId,
    band_name: text,
    band_type: textOrNull,
    low_weight: intOrNull,
    single_weight: intOrNull,
    color: textOrNull,
    created_at: textDefault,
  },
  fitness_program_exercises: {
    id: rowId,
    program_id: int,
    exercise_id: int,
    workout_day: textOrNull,
    recommended_sets: intOrNull,
    recommended_reps: intOrNull,
    recommended_volume: textOrNull,
    band_weight_multiplier: realOrNull,
    alternative_exercise_id: intOrNull,
    created_at: textDefault,
  },
  fitness_workouts: {
    id: rowId,
    user_id: intOrNull,
    program_id: intOrNull,
    workout_date: text,
    workout_notes: textOrNull,
    total_duration_minutes: intOrNull,
    created_at: textDefault,
  },
  fitness_exercise_logs: {
    id: rowId,
    workout_id: int,
    exercise_id: int,
    sets: int,
    reps: int,
    weight: realOrNull,
    duration_seconds: intOrNull,
    notes: textOrNull,
    created_at: textDefault,
  },
  fitness_measurements: {
    id: rowId,
    user_id: intOrNull,
    measurement_date: text,
    height: realOrNull,
    chest: realOrNull,
    bicep: realOrNull,
    tricep: realOrNull,
    thighs: realOrNull,
    calves: realOrNull,
    waist: realOrNull,
    neck: realOrNull,
    weight: realOrNull,
    body_fat_percentage: realOrNull,
    created_at: textDefault,
  },
  fitness_goals: {
    id: rowId,
    user_id: intOrNull,
    goal_type: text,
    goal_target: textOrNull,
    goal_deadline: textOrNull,
    goal_status: textDefault,
    created_at: textDefault,
    updated_at: textDefault,
  },
  fitness_nutrition: {
    id: rowId,
    user_id: intOrNull,
    nutrition_date: text,
    calories: intOrNull,
    protein_grams: realOrNull,
    carbs_grams: realOrNull,
    fat_grams: realOrNull,
    water_ounces: realOrNull,
    notes: textOrNull,
    created_at: textDefault,
  },
  media_platforms: {
    id: rowId,
    platform_name: text,
    platform_type: textOrNull,
    subscription_cost: realOrNull,
    description: textOrNull,
    created_at: textDefault,
  },
  media_movies: {
    id: rowId,
    title: text,
    genre: textOrNull,
    release_year: intOrNull,
    director: textOrNull,
    rating: realOrNull,
    user_rating: intOrNull,
    watch_date: textOrNull,
    watch_duration_minutes: intOrNull,
    platform: textOrNull,
    user_id: intOrNull,
    created_at: textDefault,
  },
  media_games: {
    id: rowId,
    title: text,
    genre: textOrNull,
    platform: textOrNull,
    developer: textOrNull,
    publisher: textOrNull,
    release_date: textOrNull,
    play_time_hours: realOrNull,
    user_rating: intOrNull,
    completion_status: textOrNull,
    user_id: intOrNull,
    created_at: textDefault,
  },
  media_consumption: {
    id: rowId,
    user_id: intOrNull,
    media_type: text,
    media_id: textOrNull,
    consumption_date: text,
    duration_minutes: intOrNull,
    platform: textOrNull,
    rating: intOrNull,
    notes: textOrNull,
    created_at: textDefault,
  },
  media_analytics: {
    id: rowId,
    user_id: intOrNull,
    media_type: text,
    total_consumption_hours: realOrNull,
    favorite_genre: textOrNull,
    average_rating: realOrNull,
    analytics_period: textOrNull,
    period_start_date: textOrNull,
    period_end_date: textOrNull,
    created_at: textDefault,
  },
  blog_categories: {
    id: rowId,
    category_name: text,
    category_description: textOrNull,
    created_at: textDefault,
  },
  blog_posts: {
    id: rowId,
    blog_id: text,
    title: text,
    sub_title: textOrNull,
    category: textOrNull,
    post_content: textOrNull,
    date_created: textDefault,
    date_updated: textDefault,
    author_id: intOrNull,
    status: textDefault,
  },
  blog_analytics: {
    id: rowId,
    blog_id: text,
    user_id: intOrNull,
    view_count: intDefault,
    read_time_seconds: intOrNull,
    scroll_depth_percentage: intOrNull,
    time_on_page_seconds: intOrNull,
    timestamp: textDefault,
    ip_address: textOrNull,
    user_agent: textOrNull,
  },
  blog_engagement: {
    id: rowId,
    blog_id: text,
    user_id: intOrNull,
    engagement_type: text,
    engagement_data: textOrNull,
    timestamp: textDefault,
  },
  imports: {
    id: rowId,
    file_name: text,
    file_hash: text,
    file_bytes: int,
    preset: text,
    rows_read: intDefault,
    inserted: intDefault,
    duplicates: intDefault,
    skipped: intDefault,
    rejected: intDefault,
    status: textDefault,
    backup_path: textOrNull,
    started_at: textDefault,
    finished_at: textOrNull,
    undone_at: textOrNull,
  },
  import_rows: {
    import_id: int,
    seq: int,
    table_name: text,
    row_id: int,
    before_json: textOrNull,
  },
  import_keys: {
    scope: text,
    natural_key: text,
    table_name: text,
    row_id: int,
    import_id: int,
  },
} as const satisfies Record<string, Record<string, ColumnSpec>>

/** The import registry's own tables: bookkeeping, not data a person exports or restores. */
export const IMPORT_BOOKKEEPING = ['imports', 'import_rows', 'import_keys'] as const

/**
 * Summaries of the rollups (migration 0010), read only by the reports: one holds bitmaps, so they
 * stay out of `tables` (and so out of the typed Database, exports and restores).
 */
export const ROLLUP_SUMMARIES = {
  rollup_user_days: {
    user_key: rowId,
    first_day: int,
    last_day: int,
    active_days: int,
    days: spec('BLOB', false, false),
  },
  rollup_user_months: {
    user_key: int,
    month: int,
    active_days: int,
    actions_on_active_days: int,
    tier: text,
  },
  rollup_days: {
    date_key: rowId,
    events: int,
    active_users: int,
    sessions: int,
    session_seconds: int,
    session_users: int,
  },
} as const satisfies Record<string, Record<string, ColumnSpec>>

/**
 * The rollups' own bookkeeping (migration 0011): how far they have taken in fct_event, and the
 * person-moments of events deleted or changed since. Never exported or restored.
 */
export const ROLLUP_UPKEEP = {
  rollup_state: {
    id: rowId,
    event_mark: intDefault,
    key_zone: textOrNull,
    built_with: textOrNull,
    core_actions: textOrNull,
  },
  rollup_dirty: {
    user_id: text,
    event_ts: int,
    date_key: int,
  },
} as const satisfies Record<string, Record<string, ColumnSpec>>

/**
 * The audit log (migration 0012): bookkeeping about changes, not data a person exports, restores
 * or counts as theirs. Read and written with better-sqlite3 (electron/services/audit/).
 */
export const AUDIT_LOG = {
  audit_log: {
    id: rowId,
    at: textDefault,
    action: text,
    table_name: text,
    row_key: textOrNull,
    changes: textOrNull,
    adapter: text,
    method: text,
  },
} as const satisfies Record<string, Record<string, ColumnSpec>>

/** Read-only views with the seeds' names over the tables above (migration 0007). */
export const views = {
  dim_user: {
    user_id: text,
    first_name: textOrNull,
    last_name: textOrNull,
    gender: textOrNull,
    email: textOrNull,
    phone_number: textOrNull,
    date_of_birth: textOrNull,
    age: intOrNull,
    city: textOrNull,
    preferred_location_id: textOrNull,
    created_at: text,
    account_id: textOrNull,
    role: textOrNull,
    activated_at: textOrNull,
    is_active: int,
    deactivated_at: textOrNull,
  },
  dim_users: {
    user_key: int,
    user_id: text,
    registration_date: textOrNull,
    acquisition_channel: textOrNull,
    user_segment: textOrNull,
    device_type: textOrNull,
    region: textOrNull,
  },
  fact_event: {
    event_id: text,
    user_id: text,
    session_id: textOrNull,
    event_type: text,
    event_ts: text,
    location_id: textOrNull,
    class_datetime: textOrNull,
    processed_time: text,
  },
  event_taxonomy: { event_name: text, event_category: text },
  fact_user_actions: {
    action_instance_key: int,
    user_key: int,
    session_key: intOrNull,
    action_key: int,
    date_key: int,
    action_timestamp: text,
    action_context: textOrNull,
    action_metadata: textOrNull,
  },
  user_activity: {
    id: int,
    user_id: int,
    activity_type: text,
    activity_data: textOrNull,
    timestamp: text,
    page_url: textOrNull,
    session_id: textOrNull,
  },
  analytics_events: {
    id: int,
    event_name: text,
    event_category: text,
    event_data: textOrNull,
    user_id: int,
    timestamp: text,
    session_id: textOrNull,
  },
  global_entity: { entity_id: text, entity_type: text, event_time: text },
} as const satisfies Record<string, Record<string, ColumnSpec>>

export type TableName = keyof typeof tables
export type ViewName = keyof typeof views

type ValueOf<S extends ColumnSpec> =
  (S['type'] extends 'TEXT' ? string : number) | (S['nullable'] extends true ? null : never)
type TableColumn<S extends ColumnSpec> = S['defaulted'] extends true
  ? Generated<ValueOf<S>>
  : ValueOf<S>
type ViewColumn<S extends ColumnSpec> = ColumnType<ValueOf<S>, never, never>

type TableRow<T extends Record<string, ColumnSpec>> = { [K in keyof T]: TableColumn<T[K]> }
type ViewRow<T extends Record<string, ColumnSpec>> = { [K in keyof T]: ViewColumn<T[K]> }

/** The Kysely database type: every table (insertable) and every view (read-only). */
export type Database = { [K in TableName]: TableRow<(typeof tables)[K]> } & {
  [K in ViewName]: ViewRow<(typeof views)[K]>
}

export const tableNames = Object.keys(tables) as TableName[]
/** The tables holding a person's data: what "export everything" writes and a restore reads. */
export const dataTableNames = tableNames.filter(
  (name) => !(IMPORT_BOOKKEEPING as readonly string[]).includes(name),
)
export const viewNames = Object.keys(views) as ViewName[]
