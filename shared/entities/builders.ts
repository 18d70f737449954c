import type { FieldKind, FieldSpec } from './fields'

type Options = Omit<FieldSpec, 'name' | 'label' | 'kind'>

const of =
  (kind: FieldKind) =>
  (name: string, label: string, options: Options = {}): FieldSpec => ({
    name,
    label,
    kind,
    ...options,
  })

/** Short builders for field lists: `text('title', 'Title', { required: true, list: true })`. */
export const text = of('text')
export const longtext = of('longtext')
export const integer = of('integer')
export const decimal = of('decimal')
export const date = of('date')
export const datetime = of('datetime')
export const boolean = of('boolean')
export const json = of('json')
export const tags = of('tags')

export const choice = (
  name: string,
  label: string,
  options: readonly string[],
  rest: Options = {},
) => of('enum')(name, label, { options, ...rest })

export const reference = (
  name: string,
  label: string,
  target: {
    entity: string
    labelField: string
    valueType?: 'integer' | 'text'
    valueField?: string
  },
  rest: Options = {},
) => of('reference')(name, label, { reference: { valueType: 'integer', ...target }, ...rest })
