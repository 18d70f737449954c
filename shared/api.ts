import type { z } from 'zod'
import { appMethods } from './contract/app'
import { auditMethods } from './contract/audit'
import { backupMethods } from './contract/backup'
import { privacyMethods } from './contract/privacy'
import { retentionMethods } from './contract/retention'
import { fitnessMethods } from './contract/fitness'
import { importsMethods } from './contract/imports'
import { recordsMethods } from './contract/records'
import { dashboardMethods } from './contract/dashboard'
import { reportsMethods } from './contract/reports'
import { settingsMethods } from './contract/settings'
import { studioMethods } from './contract/studio'
import type { AnyMethod, InputOf, ResultOf } from './contract/define'
import type { ErrorInfo } from './errors'

/**
 * The one contract between the UI and the services. Every method is `module.verb`; adapters
 * (IPC, HTTP, CLI) validate input with its schema before the handler runs.
 */
export const contract = {
  ...appMethods,
  ...settingsMethods,
  ...recordsMethods,
  ...studioMethods,
  ...fitnessMethods,
  ...importsMethods,
  ...reportsMethods,
  ...dashboardMethods,
  ...backupMethods,
  ...auditMethods,
  ...privacyMethods,
  ...retentionMethods,
} satisfies Record<string, AnyMethod>

export type Contract = typeof contract
export type MethodName = keyof Contract

/** What the renderer calls: one async function per method. */
export type Api = {
  [M in MethodName]: (input: InputOf<Contract[M]>) => Promise<ResultOf<Contract[M]>>
}

export type MethodInput<M extends MethodName> = InputOf<Contract[M]>
export type MethodResult<M extends MethodName> = ResultOf<Contract[M]>

export const methodNames = Object.keys(contract) as MethodName[]

/** Progress of a long job, pushed to the UI while the call is pending. */
export interface ProgressEvent {
  method: MethodName
  /** 0–1, or null while the total is unknown. */
  fraction: number | null
  message: string
}

/** How a call's outcome crosses a boundary: never a stack trace. */
export type CallOutcome<R> = { ok: true; result: R } | { ok: false; error: ErrorInfo }

export type InputSchemaOf<M extends MethodName> = Contract[M]['input'] extends z.ZodType
  ? Contract[M]['input']
  : never
