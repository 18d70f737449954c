import { z } from 'zod'
import { isValidTimeZone } from './time'

/** One retention policy: when enabled, records older than `days` are archived to CSV, then deleted. */
export const retentionRuleSchema = z
  .object({
    enabled: z.boolean(),
    days: z.number().int().min(1).max(36500),
  })
  .strict()

export type RetentionRule = z.infer<typeof retentionRuleSchema>

/** Everything a person can set; stored in `app_settings`, one JSON value per key. */
export const settingsSchema = z.object({
  /** IANA zone whose calendar days every metric counts in. */
  timeZone: z.string().refine(isValidTimeZone, 'Unknown time zone'),
  weekStart: z.enum(['monday', 'sunday']),
  weightUnit: z.enum(['kg', 'lb']),
  distanceUnit: z.enum(['km', 'mi']),
  /** A gap longer than this between two events starts a new session. */
  sessionGapMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /** Active days in a month from which a person is Regular, and Core (Casual below). */
  regularMinDays: z.number().int().min(2).max(31),
  coreMinDays: z.number().int().min(3).max(31),
  /** Core people whose actions per active day reach this quantile of the month's Core are Power. */
  powerQuantile: z.number().min(0.5).max(0.99),
  /** A booking cancelled less than this many hours before its class is a late cancel. */
  lateCancelHours: z.number().int().min(0).max(168),
  /** Follow the system's light or dark choice, or fix one. */
  theme: z.enum(['system', 'light', 'dark']),
  /** Hours between automatic backups while the app runs (0: off); rotation bounds the total. */
  backupEveryHours: z.number().int().min(0).max(168),
  /** Seed 004's retention policies: each off by default, each with its own age limit in days. */
  retention: z
    .object({
      loginSessions: retentionRuleSchema,
      analyticsEvents: retentionRuleSchema,
      blogAnalytics: retentionRuleSchema,
      mediaConsumption: retentionRuleSchema,
    })
    .strict(),
})

export type Settings = z.infer<typeof settingsSchema>

/** A change to some settings; Regular must start below Core. */
export const settingsChangeSchema = settingsSchema.partial().strict()

/** Settings whose change means every rollup is recomputed. */
export const ROLLUP_SETTINGS = [
  'timeZone',
  'sessionGapMinutes',
  'regularMinDays',
  'coreMinDays',
  'powerQuantile',
] as const
export type SettingKey = keyof Settings

export function defaultSettings(systemTimeZone: string): Settings {
  return {
    timeZone: systemTimeZone,
    weekStart: 'monday',
    weightUnit: 'kg',
    distanceUnit: 'km',
    sessionGapMinutes: 30,
    regularMinDays: 6,
    coreMinDays: 16,
    powerQuantile: 0.9,
    lateCancelHours: 12,
    theme: 'system',
    backupEveryHours: 6,
    retention: {
      loginSessions: { enabled: false, days: 90 },
      analyticsEvents: { enabled: false, days: 365 },
      blogAnalytics: { enabled: false, days: 730 },
      mediaConsumption: { enabled: false, days: 365 },
    },
  }
}
