import { z } from 'zod'

/** How a column is entered, shown and validated. One description drives the form and the handler. */
export type FieldKind =
  | 'text'
  | 'longtext'
  | 'integer'
  | 'decimal'
  | 'date'
  | 'datetime'
  | 'enum'
  | 'boolean'
  | 'json'
  | 'tags'
  | 'reference'

/** Quantities stored in a canonical unit and shown in the person's own (Settings). */
export type Quantity = 'weight' | 'bodyLength'

export interface FieldSpec {
  name: string
  label: string
  kind: FieldKind
  required?: boolean
  /** Text: most characters. Numbers: the largest value. */
  max?: number
  /** Numbers: the smallest value. */
  min?: number
  options?: readonly string[]
  quantity?: Quantity
  /** A fixed unit shown beside the value (minutes, kcal, %). */
  unit?: string
  /** The referenced entity; the value is its key, or `valueField` when given (people by user_id). */
  reference?: {
    entity: string
    labelField: string
    valueType: 'integer' | 'text'
    valueField?: string
  }
  /** Shown as a column in the list. */
  list?: boolean
  help?: string
}

export type FieldValue = string | number | null

const DATE = /^\d{4}-\d{2}-\d{2}$/

function isRealDate(value: string) {
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

function numberSchema(field: FieldSpec, integer: boolean) {
  let schema = z.number({ message: `${field.label} must be a number` })
  if (integer) schema = schema.int(`${field.label} must be a whole number`)
  if (field.min !== undefined)
    schema = schema.min(field.min, `${field.label} must be at least ${field.min}`)
  if (field.max !== undefined)
    schema = schema.max(field.max, `${field.label} must be at most ${field.max}`)
  return schema
}

/** The value schema of one field, without the question of whether it may be empty. */
function valueSchema(field: FieldSpec): z.ZodType<FieldValue> {
  switch (field.kind) {
    case 'text':
    case 'longtext': {
      const longest = field.max ?? (field.kind === 'text' ? 500 : 100_000)
      return z
        .string({ message: `${field.label} must be text` })
        .trim()
        .max(longest, `${field.label} is too long (at most ${longest} characters)`)
    }
    case 'integer':
      return numberSchema(field, true)
    case 'decimal':
      return numberSchema(field, false)
    case 'date':
      return z
        .string({ message: `${field.label} must be a date` })
        .regex(DATE, `${field.label} must be a date written YYYY-MM-DD`)
        .refine(isRealDate, `${field.label} is not a real calendar date`)
    case 'datetime':
      return z
        .string({ message: `${field.label} must be a date and time` })
        .refine((v) => !Number.isNaN(Date.parse(v)), `${field.label} must be a date and time`)
        .transform((v) => new Date(v).toISOString())
    case 'enum':
      return z.enum(field.options as [string, ...string[]], {
        message: `${field.label} must be one of: ${(field.options ?? []).join(', ')}`,
      })
    case 'boolean':
      return z
        .union([z.boolean(), z.literal(0), z.literal(1)], {
          message: `${field.label} must be yes or no`,
        })
        .transform((v) => (v ? 1 : 0))
    case 'json':
      return jsonSchema(field)
    case 'tags':
      return tagsSchema(field)
    case 'reference':
      return field.reference?.valueType === 'text'
        ? z
            .string({ message: `Choose a ${field.label.toLowerCase()}` })
            .min(1, `Choose a ${field.label.toLowerCase()}`)
        : z
            .number({ message: `Choose a ${field.label.toLowerCase()}` })
            .int(`Choose a ${field.label.toLowerCase()}`)
  }
}

/** A JSON object of named values (a goal's target), stored as JSON text. */
function jsonSchema(field: FieldSpec): z.ZodType<FieldValue> {
  const entries = z.record(
    z.string().trim().min(1, `${field.label}: every value needs a name`),
    z.union([z.number(), z.string().trim().min(1), z.boolean()], {
      message: `${field.label}: every value must be a number or text`,
    }),
  )
  return z
    .union([z.string(), z.record(z.string(), z.unknown())], {
      message: `${field.label} is not valid`,
    })
    .transform((value, ctx) => {
      let parsed: unknown = value
      if (typeof value === 'string') {
        try {
          parsed = JSON.parse(value)
        } catch {
          ctx.addIssue({ code: 'custom', message: `${field.label} is not valid JSON` })
          return z.NEVER
        }
      }
      const result = entries.safeParse(parsed)
      if (!result.success) {
        ctx.addIssue({
          code: 'custom',
          message: result.error.issues[0]?.message ?? `${field.label} is not valid`,
        })
        return z.NEVER
      }
      if (Object.keys(result.data).length === 0) return null
      return JSON.stringify(result.data)
    })
}

function parseList(text: string): unknown[] {
  if (text.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text)
      if (Array.isArray(parsed)) return parsed
    } catch {
      // not JSON after all: read it as names separated by commas
    }
  }
  return text.split(',')
}

/** A list of names (an exercise's equipment): text separated by commas, or an array. */
function tagsSchema(field: FieldSpec): z.ZodType<FieldValue> {
  return z
    .union([z.string(), z.array(z.string())], { message: `${field.label} must be a list of names` })
    .transform((value) => {
      const list = Array.isArray(value) ? value : parseList(value)
      const names = [...new Set(list.map((name) => String(name).trim()).filter(Boolean))]
      return names.length === 0 ? null : JSON.stringify(names)
    })
}

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '')

/** Empty text, null and undefined mean "no value"; a required field refuses them. */
export function fieldSchema(field: FieldSpec): z.ZodType<FieldValue> {
  const value = valueSchema(field)
  return z.unknown().transform((input, ctx): FieldValue => {
    if (isBlank(input)) {
      if (!field.required) return null
      ctx.addIssue({ code: 'custom', message: `${field.label} is required` })
      return z.NEVER
    }
    const result = value.safeParse(input)
    if (result.success) return result.data
    ctx.addIssue({
      code: 'custom',
      message: result.error.issues[0]?.message ?? `${field.label} is not valid`,
    })
    return z.NEVER
  })
}

/**
 * The schema of a record's values. `create`: every required field must be there and unknown
 * fields are refused; `update`: only the fields given are checked.
 */
export function objectSchema(fields: readonly FieldSpec[], mode: 'create' | 'update') {
  const shape: Record<string, z.ZodType<FieldValue>> = {}
  for (const field of fields) {
    const schema = fieldSchema(field)
    shape[field.name] =
      mode === 'update' || !field.required ? (schema.optional() as z.ZodType<FieldValue>) : schema
  }
  return z.object(shape).strict()
}
